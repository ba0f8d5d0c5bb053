// server.mjs: starts the real stepwise binary on a free loopback port for a test, and stops it.
// stop() sends SIGTERM and fails when the process exits non-zero: under AddressSanitizer a leak
// or memory error at shutdown makes the exit status non-zero, so every suite also checks that.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

export const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', '..');
export const BIN = process.env.STEPWISE_BIN || path.join(ROOT, 'build/asan/stepwise');

export function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

// Runs `stepwise args...` (opts.bin, default BIN) to completion and returns { code, stdout, stderr }.
export function runCli(args, opts = {}) {
  return new Promise((resolve) => {
    const p = spawn(opts.bin || BIN, args, { cwd: opts.cwd || ROOT, env: { ...process.env, ...(opts.env || {}) } });
    let stdout = '', stderr = '';
    p.stdout.on('data', (d) => { stdout += d; });
    p.stderr.on('data', (d) => { stderr += d; });
    if (opts.input !== undefined) p.stdin.end(opts.input); else p.stdin.end();
    p.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

// The optimized build, for tests that measure the server's memory (AddressSanitizer keeps freed
// memory in quarantine); `make test` builds it.
export const RELEASE_BIN = process.env.STEPWISE_RELEASE_BIN || path.join(ROOT, 'build/release/stepwise');

// Starts `stepwise serve` on opts.port or a free port. opts.content (default: the sample modules), opts.args
// (more options), opts.env, opts.bin (default BIN). Resolves once the server answers; .url,
// .stderr(), .stop().
export async function startServer(opts = {}) {
  const port = opts.port || await freePort();
  const dir = mkdtempSync(path.join(os.tmpdir(), 'stepwise-test-'));
  const args = ['serve', '--listen', `127.0.0.1:${port}`,
    '--content', opts.content || path.join(ROOT, 'modules'),
    '--db', opts.db || path.join(dir, 'test.db'), ...(opts.args || [])];
  const proc = spawn(opts.bin || BIN, args, { cwd: ROOT, env: { ...process.env, ...(opts.env || {}) } });
  let log = '';
  proc.stderr.on('data', (d) => { log += d; });
  proc.stdout.on('data', (d) => { log += d; });
  const exited = new Promise((resolve) => proc.on('exit', (code, signal) => resolve({ code, signal })));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 15000;
  for (;;) {
    try { await fetch(url + '/healthz'); break; } catch { /* not up yet */ }
    if (proc.exitCode !== null || Date.now() > deadline) {
      throw new Error(`stepwise did not start (exit ${proc.exitCode}):\n${log}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    url, port, dir, proc,
    stderr: () => log,
    async stop() {
      proc.kill('SIGTERM');
      const { code, signal } = await exited;
      rmSync(dir, { recursive: true, force: true });
      if (code !== 0) throw new Error(`stepwise exited with ${code ?? signal} on SIGTERM:\n${log}`);
      return log;
    },
  };
}
