// quiz.mjs: the knowledge-check benchmark of `make bench` (called by tests/bench/run.sh): a
// signed-in learner's answer round trip, POST /modules/ID/check (the answers scored on the
// server, the attempt's statements stored as one batch, the feedback page back), against a plain
// statement POST to /xapi/statements by the same learner, to the same server (same database,
// same --sync), with the same wrk settings (one thread, 8 keep-alive connections,
// BENCH_QUIZ_SECONDS seconds, default BENCH_SECONDS or 3). The two take turns for BENCH_ROUNDS
// rounds (default 3), so both see the same load of the machine and a database of the same size;
// the medians are compared. Goal: the round trip at 0.5 or more of the statement POST's rate.
// It also prints the server's CPU time per request (steadier than the rates on a busy machine).
// Every answer must be 200 (wrk counts the others; any is an error here).
//
// Usage: node tests/bench/quiz.mjs   (starts the release server, STEPWISE_BIN, on a free port)
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

import { startServer } from '../lib/server.mjs';
import { MODULE, quizLearner, statementRequest } from './quiz_requests.mjs';

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', '..');
const BIN = process.env.STEPWISE_BIN || path.join(ROOT, 'build/release/stepwise');
const SECONDS = Number(process.env.BENCH_QUIZ_SECONDS || process.env.BENCH_SECONDS || 3);
const ROUNDS = Number(process.env.BENCH_ROUNDS || 3);
const srv = await startServer({ bin: BIN });
const baseUrl = srv.url, db = path.join(srv.dir, 'test.db');

// The server's CPU time so far (user and system), in microseconds.
function cpuMicros() {
  const f = readFileSync(`/proc/${srv.proc.pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(f[11]) + Number(f[12])) * 1e6 / 100;     /* clock ticks, 100 a second */
}

// One wrk round of the script: { rate: requests per second, cpu: the server's CPU microseconds
// per request }; throws on any answer that is not 2xx. wrk runs while this process goes on
// reading the server's log: a log pipe nobody reads fills, and the server then waits for room.
async function wrk(url, script) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'stepwise-bench-'));
  try {
    const file = path.join(dir, 'post.lua');
    writeFileSync(file, script);
    const before = cpuMicros();
    const { stdout: out } = await promisify(execFile)('wrk', ['-t1', '-c8', `-d${SECONDS}s`, '-s', file, url]);
    const cpu = cpuMicros() - before;
    if (/Non-2xx/.test(out)) throw new Error(`${url}: some answers were not 2xx\n${out}`);
    const requests = Number(out.match(/(\d+) requests in/)[1]);
    return { rate: Number(out.match(/Requests\/sec:\s+([\d.]+)/)[1]), cpu: cpu / requests };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const median = (xs) => {
  const v = [...xs].sort((a, b) => a - b), h = v.length >> 1;
  return v.length % 2 ? v[h] : (v[h - 1] + v[h]) / 2;
};

const post = (headers, body) => `wrk.method = "POST"
${Object.entries(headers).map(([k, v]) => `wrk.headers["${k}"] = [[${v}]]`).join('\n')}
wrk.body = [[${body}]]
`;

const { auth, statement } = await statementRequest(BIN, db);
const me = await quizLearner(BIN, baseUrl, db);
const statementPost = post({ Authorization: auth, 'X-Experience-API-Version': '1.0.3',
  'Content-Type': 'application/json' }, statement);
const answerPost = post({ Cookie: me.cookie, 'Content-Type': 'application/x-www-form-urlencoded' }, me.body);
const base = [], quiz = [];
for (let i = 0; i < ROUNDS; i++) {
  base.push(await wrk(`${baseUrl}/xapi/statements`, statementPost));
  quiz.push(await wrk(`${baseUrl}/modules/${MODULE}/check?level=1`, answerPost));
}
const baseRate = median(base.map((x) => x.rate)), quizRate = median(quiz.map((x) => x.rate));
const line = (kind, what, runs, rate) => console.log(`${kind.padEnd(9)} ${what.padEnd(40)} ${rate.toFixed(0).padStart(7)} `
  + `req/s  (${kind === 'baseline' ? '1.00' : (rate / baseRate).toFixed(2) + ' of baseline'})  `
  + `CPU per request ${median(runs.map((x) => x.cpu)).toFixed(0)} us`);
line('baseline', 'POST /xapi/statements, 1 statement', base, baseRate);
line('quiz', `POST /modules/${MODULE}/check (answers)`, quiz, quizRate);
console.log(`          goal: at least 0.5 of the baseline (rounds: ${quiz.map((x, i) => (x.rate / base[i].rate).toFixed(2)).join(' ')})`);
await srv.stop();
