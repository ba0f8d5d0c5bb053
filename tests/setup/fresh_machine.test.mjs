// fresh_machine.test.mjs: the README's two commands on a machine that has none of the packages.
// A copy of the tree runs `make run` and `make test` with every pkg-config file hidden and `node`
// and `npm` failing until the install step (a stand-in for scripts/install-deps.sh, passed as
// DEPS_SCRIPT) has revealed them, as apt-get would have installed them. A Makefile that reads
// pkg-config's flags before that step links without the libraries and fails here.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT, freePort } from '../lib/server.mjs';

const TREE = ['Makefile', 'scripts', 'server', 'content', 'player', 'tracking', 'modules', 'tests', 'po',
  'package.json', 'package-lock.json'];
let tmp, copy;

// The folders pkg-config reads on this machine, where the installed libraries' .pc files are.
const pcPath = execFileSync('pkg-config', ['--variable', 'pc_path', 'pkg-config']).toString().trim();

before(() => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'stepwise-fresh-'));
  copy = path.join(tmp, 'stepwise');
  mkdirSync(copy);
  for (const name of TREE) cpSync(path.join(ROOT, name), path.join(copy, name), { recursive: true, preserveTimestamps: true });
  // Objects already built keep the test to link steps; the binaries go, so both are linked anew.
  for (const dir of ['build/release', 'build/asan', 'build/fuzz']) {
    if (!existsSync(path.join(ROOT, dir))) continue;
    cpSync(path.join(ROOT, dir), path.join(copy, dir), { recursive: true, preserveTimestamps: true });
    rmSync(path.join(copy, dir, 'stepwise'), { force: true });
  }
  // node and npm answer only once the install step has run.
  const shims = path.join(tmp, 'shims');
  mkdirSync(shims);
  for (const tool of ['node', 'npm']) {
    const real = execFileSync('sh', ['-c', `command -v ${tool}`]).toString().trim();
    writeFileSync(path.join(shims, tool), `#!/bin/sh
[ -e "$FRESH_INSTALLED" ] || { echo "${tool}: not installed yet" >&2; exit 127; }
[ "${tool}" = npm ] && [ "$1" = ci ] && exit 0   # node_modules is linked by the install step
exec ${real} "$@"
`);
    chmodSync(path.join(shims, tool), 0o755);
  }
  writeFileSync(path.join(tmp, 'install.sh'), `#!/bin/sh
# Stands in for scripts/install-deps.sh: "installs" the packages by revealing them.
set -eu
dirs='${pcPath}'
IFS=:
for d in $dirs; do
  for f in "$d"/*.pc; do [ -e "$f" ] && ln -sf "$f" "$FRESH_PC/"; done
done
[ -e node_modules ] || ln -s "${path.join(ROOT, 'node_modules')}" node_modules
touch "$FRESH_INSTALLED"
`);
});

after(() => rmSync(tmp, { recursive: true, force: true }));

// A machine without the packages: an empty pkg-config folder, and no node or npm yet.
function freshEnv(name) {
  const pc = path.join(tmp, `pc-${name}`);
  mkdirSync(pc);
  return {
    ...process.env,
    PATH: `${path.join(tmp, 'shims')}:${process.env.PATH}`,
    PKG_CONFIG_LIBDIR: pc, PKG_CONFIG_PATH: '',
    FRESH_PC: pc, FRESH_INSTALLED: path.join(tmp, `installed-${name}`),
  };
}

// Runs make in the copy; resolves with its exit code and output.
function make(args, env, onOutput) {
  return new Promise((resolve) => {
    const p = spawn('make', ['--no-print-directory', `DEPS_SCRIPT=${path.join(tmp, 'install.sh')}`, ...args],
      { cwd: copy, env, detached: true });
    let out = '';
    const take = (d) => { out += d; if (onOutput) onOutput(out, p); };
    p.stdout.on('data', take);
    p.stderr.on('data', take);
    p.on('close', (code, signal) => resolve({ code, signal, out }));
  });
}

test('the first make test on a machine without the packages builds and runs the suites', { timeout: 600000 }, async () => {
  const env = freshEnv('test');
  assert.throws(() => execFileSync('pkg-config', ['--exists', 'libmicrohttpd'], { env }), 'the packages are hidden');
  env.SUITES = '';   // the suites themselves are this run's business; here only the set-up counts
  const r = await make(['test'], env);
  assert.equal(r.code, 0, r.out);
  assert.match(r.out, /^0 passed, 0 failed$/m);
  assert.ok(existsSync(path.join(copy, 'build/asan/stepwise')) && existsSync(path.join(copy, 'build/release/stepwise')));
});

test('the first make run on a machine without the packages serves the sample modules', { timeout: 600000 }, async () => {
  const env = freshEnv('run');
  rmSync(path.join(copy, 'build/release/stepwise'), { force: true });
  const port = await freePort();
  let health = null;
  const r = await make([`HOST=127.0.0.1:${port}`, `DATA=${path.join(tmp, 'data')}`, 'run'], env, async (out, p) => {
    if (health !== null || !out.includes('listening on')) return;
    health = '';
    try { health = await (await fetch(`http://127.0.0.1:${port}/healthz`)).text(); } finally { process.kill(-p.pid, 'SIGTERM'); }
  });
  assert.ok(health !== null, `make run did not start the server:\n${r.out}`);
  assert.match(health, /^ok \d+ modules/, r.out);
});
