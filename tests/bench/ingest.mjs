// ingest.mjs: the xAPI ingest benchmark of `make bench` (called by tests/bench/run.sh). Sends the
// rows of tests/bench/statement.json to POST /xapi/statements of the running release server, one
// statement per request and 100 per request, over keep-alive connections, and compares the rates
// with the baseline measured in the same run: the store API inserting the same rows straight into
// SQLite (build/release/bench/sqlite_insert). Each run is bounded by BENCH_INGEST_ROWS statements
// (default 5000) and BENCH_INGEST_SECONDS seconds (default 10); one statement per request runs for
// BENCH_SECONDS (default 5), as the page loads of run.sh do. One statement per request is sent
// by wrk (a Lua script varies the rows): Node's fetch would spend more CPU per request than the
// server does, on the same two cores, and measure itself. Batches are few and large, so Node
// sends them, 8 requests at a time: as with single statements, concurrent batches share a flush.
//
// The baseline and the three loads take turns for BENCH_ROUNDS rounds (default 3), so both see the
// same load of the machine; the medians are compared, and each round's ratio is printed. Each load
// goes to a server started for it on a new database, as the baseline writes a new database file
// each time: an index takes a row more slowly the more it holds, and one shared server held the
// tens of thousands of statements of every load before it, which took a fifth off the rate of
// the last round's batches. For 100 per request it also prints the CPU time per statement of the
// server and of the store API, which the machine's other load changes less than the rates.
//
// Usage: node tests/bench/ingest.mjs   (starts the release server, STEPWISE_BIN, on a free port)
import { execFile } from 'node:child_process';
import crypto from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

import { startServer } from '../lib/server.mjs';
import { addClient } from '../lib/xapi.mjs';

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', '..');
const BIN = process.env.STEPWISE_BIN || path.join(ROOT, 'build/release/stepwise');
const BASELINE = path.join(ROOT, 'build/release/bench/sqlite_insert');
const TEMPLATE = path.join(ROOT, 'tests/bench/statement.json');
const ROWS = Number(process.env.BENCH_INGEST_ROWS || 5000);
const SECONDS = Number(process.env.BENCH_INGEST_SECONDS || 10);
const WRK_SECONDS = Number(process.env.BENCH_SECONDS || 5);
const ROUNDS = Number(process.env.BENCH_ROUNDS || 3);
const run = promisify(execFile);

const template = JSON.parse(readFileSync(TEMPLATE, 'utf8'));

// Row i, varied exactly as sqlite_insert.c varies it.
function row(i) {
  const st = structuredClone(template);
  st.actor.name = `Learner ${i % 1000}`;
  st.actor.mbox = `mailto:learner${i % 1000}@example.com`;
  st.object.id = `http://stepwise.example/modules/module-${i % 50}`;
  st.context.registration = crypto.randomUUID();
  return st;
}

async function baseline() {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'stepwise-bench-'));
  try {
    const { stdout: out } = await run(BASELINE, [TEMPLATE, path.join(dir, 'insert.db'), String(ROWS), String(SECONDS)]);
    const rates = {}, cpu = {};
    for (const m of out.matchAll(/rows_per_call=(\d+) rows=\d+ seconds=[\d.]+ rate=(\d+) cpu_us_per_row=([\d.]+)/g)) {
      rates[m[1]] = Number(m[2]);
      cpu[m[1]] = Number(m[3]);
    }
    return { rates, cpu };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// The wrk script for one statement per request: row i as row() makes it (the registration from
// the counter, unique per run). It runs for SECONDS: wrk divides by the whole duration even when
// a thread stops early, so a stop after a number of answers would cap the rate it reports. wrk
// itself counts the answers that are not 2xx.
function wrkScript(auth) {
  const t = structuredClone(template);
  t.actor.name = 'Learner @L@';
  t.actor.mbox = 'mailto:learner@L@@example.com';
  t.object.id = 'http://stepwise.example/modules/module-@M@';
  t.context.registration = '@R@';
  return `wrk.method = "POST"
wrk.headers["Authorization"] = "${auth}"
wrk.headers["X-Experience-API-Version"] = "1.0.3"
wrk.headers["Content-Type"] = "application/json"
local template = [[${JSON.stringify(t)}]]
local sent = 0
request = function()
  sent = sent + 1
  local body = template:gsub("@L@", tostring(sent % 1000)):gsub("@M@", tostring(sent % 50))
    :gsub("@R@", string.format("%08x-0000-4000-8000-%012x", math.random(0, 0x7fffffff), sent))
  return wrk.format(nil, nil, nil, body)
end
`;
}

// One statement per request through wrk (one thread, `connections` connections); statements per
// second. Concurrent POSTs share a commit and its flush (group commit), so more connections give
// more statements per flush. wrk runs while this process goes on reading the server's log: a log
// pipe nobody reads fills, and the server then waits for room (and the rate with it).
async function httpSingle(connections) {
  const { srv, auth } = await freshServer();
  const dir = mkdtempSync(path.join(os.tmpdir(), 'stepwise-bench-'));
  try {
    const script = path.join(dir, 'post.lua');
    writeFileSync(script, wrkScript(auth));
    const { stdout: out } = await run('wrk', ['-t1', `-c${connections}`, `-d${WRK_SECONDS}s`, '-s', script,
      `${srv.url}/xapi/statements`]);
    if (/Non-2xx/.test(out)) throw new Error(`POST /xapi/statements: some answers were not 2xx\n${out}`);
    return Number(out.match(/Requests\/sec:\s+([\d.]+)/)[1]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await srv.stop();
  }
}

// The CPU time process pid used so far, in microseconds (all its threads; clock ticks of 10 ms,
// so only a run of seconds gives a fair figure).
function cpuUs(pid) {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /, '').split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10000;
}

// POSTs ROWS statements in requests of perRequest, with `workers` requests in flight, until all
// are sent or SECONDS passed. Returns statements stored per second, and the server's CPU time
// per statement (steadier than the rate when other programs load the machine).
async function http(perRequest, workers) {
  const { srv, auth } = await freshServer();
  const requests = Math.ceil(ROWS / perRequest);
  const bodies = [];
  for (let r = 0; r < requests; r++) {
    const batch = [];
    for (let i = r * perRequest; i < Math.min(ROWS, (r + 1) * perRequest); i++) batch.push(row(i));
    bodies.push(JSON.stringify(perRequest === 1 ? batch[0] : batch));
  }
  const headers = { Authorization: auth, 'X-Experience-API-Version': '1.0.3', 'Content-Type': 'application/json' };
  const start = performance.now(), cpu = cpuUs(srv.proc.pid);
  const deadline = start + SECONDS * 1000;
  let next = 0, stored = 0;
  async function worker() {
    while (next < bodies.length && performance.now() < deadline) {
      const body = bodies[next++];
      const res = await fetch(`${srv.url}/xapi/statements`, { method: 'POST', headers, body });
      const ids = await res.json();
      if (res.status !== 200) throw new Error(`POST /xapi/statements: ${res.status} ${JSON.stringify(ids)}`);
      stored += ids.length;
    }
  }
  await Promise.all(Array.from({ length: workers }, worker));
  const result = { rate: stored / ((performance.now() - start) / 1000), cpu: (cpuUs(srv.proc.pid) - cpu) / stored };
  await srv.stop();
  return result;
}

// A release server on a new database, and the Authorization of an API client that may write
// statements to it.
async function freshServer() {
  const srv = await startServer({ bin: BIN });
  try {
    const { auth } = await addClient(path.join(srv.dir, 'test.db'), 'ingest benchmark', ['statements/write'], BIN);
    return { srv, auth };
  } catch (e) {
    await srv.stop();
    throw e;
  }
}

const median = (xs) => {
  const v = [...xs].sort((a, b) => a - b), h = v.length >> 1;
  return v.length % 2 ? v[h] : (v[h - 1] + v[h]) / 2;
};
const rounds = [];
for (let r = 0; r < ROUNDS; r++) {
  const { rates, cpu } = await baseline();
  rounds.push({ base1: rates[1], base100: rates[100], baseCpu: cpu[100], single8: await httpSingle(8),
    single64: await httpSingle(64), ...(({ rate, cpu: c }) => ({ batch: rate, cpu: c }))(await http(100, 8)) });
}
const med = (key) => median(rounds.map((x) => x[key]));
const each = (key, ref) => rounds.map((x) => (x[key] / x[ref]).toFixed(2)).join(' ');
const line = (kind, what, key, ref) => console.log(`${kind.padEnd(9)} ${what.padEnd(40)} ${med(key).toFixed(0).padStart(7)} `
  + `statements/s  (${ref ? (med(key) / med(ref)).toFixed(2) + ` of baseline; rounds ${each(key, ref)}` : '1.00'})`);
line('baseline', 'store API, 1 statement per call', 'base1');
line('ingest', 'HTTP POST, 1 per request, 8 connections', 'single8', 'base1');
line('ingest', 'HTTP POST, 1 per request, 64 connections', 'single64', 'base1');
console.log('          goal: at least 1.0 of the baseline (group commit)');
line('baseline', 'store API, 100 statements per call', 'base100');
line('ingest', 'HTTP POST, 100 per request, 8 connections', 'batch', 'base100');
console.log('          goal: at least 0.9 of the baseline');
console.log(`          CPU per statement: store API ${med('baseCpu').toFixed(0)} us, server ${med('cpu').toFixed(0)} us (all its threads;`
  + ` ${(med('baseCpu') / med('cpu')).toFixed(2)}; rounds ${each('baseCpu', 'cpu')}), steadier than the rates on a busy machine`);
