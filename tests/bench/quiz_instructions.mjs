// quiz_instructions.mjs: the instructions of server code (user space, counted by valgrind's
// callgrind) that one knowledge-check answer and one plain statement POST take, the same two
// requests as quiz.mjs, sent one at a time, N of each in turns (default 200). Unlike rates and
// CPU time, the counts do not move with the load of a shared machine, so two builds can be
// compared by a few percent; they leave out the kernel's part (the network, the log's writes
// and flushes) and, one request at a time, every commit holds one request. Not part of
// `make bench`: about a minute under valgrind.
//
// Usage: node tests/bench/quiz_instructions.mjs [N]   (STEPWISE_BIN, default the release build)
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { freePort } from '../lib/server.mjs';
import { MODULE, quizLearner, statementRequest } from './quiz_requests.mjs';

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', '..');
const BIN = process.env.STEPWISE_BIN || path.join(ROOT, 'build/release/stepwise');
const N = Number(process.argv[2] || 200);

const dir = mkdtempSync(path.join(os.tmpdir(), 'stepwise-bench-'));
const db = path.join(dir, 'test.db'), out = path.join(dir, 'callgrind.out');
const port = await freePort(), base = `http://127.0.0.1:${port}`;
const server = spawn('valgrind', ['--tool=callgrind', `--callgrind-out-file=${out}`, BIN, 'serve',
  '--listen', `127.0.0.1:${port}`, '--content', path.join(ROOT, 'modules'), '--db', db], { stdio: 'ignore' });
const exited = new Promise((resolve) => server.on('exit', resolve));
for (let tries = 0; ; tries++) {
  try { await fetch(`${base}/healthz`); break; } catch { /* not up yet */ }
  if (tries > 300) throw new Error('the server under valgrind did not start');
  await new Promise((resolve) => setTimeout(resolve, 100));
}

const me = await quizLearner(BIN, base, db);
const { auth, statement } = await statementRequest(BIN, db);
async function expect200(url, init) {
  const res = await fetch(url, init);
  await res.text();
  if (res.status !== 200) throw new Error(`${url}: ${res.status}`);
}
for (let i = 0; i < N; i++) {
  await expect200(`${base}/xapi/statements`, { method: 'POST', body: statement, headers: {
    Authorization: auth, 'X-Experience-API-Version': '1.0.3', 'Content-Type': 'application/json' } });
  await expect200(`${base}/modules/${MODULE}/check?level=1`, { method: 'POST', body: me.body,
    headers: { cookie: me.cookie, 'Content-Type': 'application/x-www-form-urlencoded' } });
}
server.kill('SIGTERM');
await exited;

// The inclusive count of the two handlers, from callgrind_annotate's list.
const list = spawnSync('callgrind_annotate', ['--inclusive=yes', out], { encoding: 'utf8', maxBuffer: 1 << 26 }).stdout;
const count = (fn) => Number((new RegExp(`^\\s*([\\d,]+) .*:${fn} \\[`, 'm').exec(list)?.[1] || '0').replace(/,/g, ''));
const answer = count('mod_check_answers') / N, post = count('lrs_handle') / N;
rmSync(dir, { recursive: true, force: true });
console.log(`statement POST   ${(post / 1000).toFixed(0).padStart(6)} thousand instructions`);
console.log(`quiz answer      ${(answer / 1000).toFixed(0).padStart(6)} thousand instructions  (${(answer / post).toFixed(2)} statement POSTs)`);
