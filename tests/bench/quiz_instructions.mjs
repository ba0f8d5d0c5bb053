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

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', '..');
const BIN = process.env.STEPWISE_BIN || path.join(ROOT, 'build/release/stepwise');
const N = Number(process.argv[2] || 200);
const PASSWORD = 'quiz-bench-password';

const dir = mkdtempSync(path.join(os.tmpdir(), 'stepwise-bench-'));
const db = path.join(dir, 'test.db'), out = path.join(dir, 'callgrind.out');
const run = (args, input) => {
  const r = spawnSync(BIN, args, { encoding: 'utf8', input });
  if (r.status !== 0) throw new Error(`stepwise ${args[0]}: exit ${r.status}\n${r.stderr}`);
  return r.stdout;
};
run(['user', 'add', 'quiz.bench', '--name', 'Quiz Bench', '--password-stdin', '--db', db], `${PASSWORD}\n`);
const creds = run(['xapi-client', 'add', 'quiz benchmark', '--scope', 'statements/write', '--db', db]);
const port = await freePort(), base = `http://127.0.0.1:${port}`;
const server = spawn('valgrind', ['--tool=callgrind', `--callgrind-out-file=${out}`, BIN, 'serve',
  '--listen', `127.0.0.1:${port}`, '--content', path.join(ROOT, 'modules'), '--db', db], { stdio: 'ignore' });
const exited = new Promise((resolve) => server.on('exit', resolve));
for (let tries = 0; ; tries++) {
  try { await fetch(`${base}/healthz`); break; } catch { /* not up yet */ }
  if (tries > 300) throw new Error('the server under valgrind did not start');
  await new Promise((resolve) => setTimeout(resolve, 100));
}

// Signs in through the form and reads the check's fields from the lesson page, as quiz.mjs does.
const jar = {};
const keep = (res) => {
  for (const c of res.headers.getSetCookie()) {
    const [pair] = c.split(';');
    jar[pair.slice(0, pair.indexOf('='))] = pair.slice(pair.indexOf('=') + 1);
  }
};
const cookie = () => Object.entries(jar).map(([k, v]) => `${k}=${v}`).join('; ');
keep(await fetch(`${base}/login`));
keep(await fetch(`${base}/login`, { method: 'POST', redirect: 'manual', headers: { cookie: cookie() },
  body: new URLSearchParams({ csrf: jar.stepwise_login || '', login: 'quiz.bench', password: PASSWORD }) }));
const page = await (await fetch(`${base}/modules/safe-lifting?level=1`, { headers: { cookie: cookie() } })).text();
const csrf = /name="csrf" value="([^"]+)"/.exec(page)?.[1];
const names = [...new Set([...page.matchAll(/form="check" name="(q-[^"]+)"/g)].map((m) => m[1]))];
if (!csrf || !names.length) throw new Error('the lesson page has no check form with a CSRF token');
const answers = new URLSearchParams([['csrf', csrf], ...names.map((n) => [n, '1'])]).toString();
const auth = 'Basic ' + Buffer.from(`${creds.match(/^key: (\S+)$/m)[1]}:${creds.match(/^secret: (\S+)$/m)[1]}`).toString('base64');
const statement = JSON.stringify({
  actor: { objectType: 'Agent', account: { homePage: 'http://stepwise.example', name: 'quiz.bench' } },
  verb: { id: 'http://adlnet.gov/expapi/verbs/experienced' },
  object: { objectType: 'Activity', id: 'http://stepwise.example/modules/safe-lifting' },
});
async function expect200(url, init) {
  const res = await fetch(url, init);
  await res.text();
  if (res.status !== 200) throw new Error(`${url}: ${res.status}`);
}
for (let i = 0; i < N; i++) {
  await expect200(`${base}/xapi/statements`, { method: 'POST', body: statement, headers: {
    Authorization: auth, 'X-Experience-API-Version': '1.0.3', 'Content-Type': 'application/json' } });
  await expect200(`${base}/modules/safe-lifting/check?level=1`, { method: 'POST', body: answers,
    headers: { cookie: cookie(), 'Content-Type': 'application/x-www-form-urlencoded' } });
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
