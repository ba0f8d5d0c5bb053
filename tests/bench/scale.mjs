// scale.mjs: the scale benchmark of `make bench` (called by tests/bench/run.sh). On 1 M generated
// statements of 1 000 learners about 200 modules (tests/bench/scale_load.c, through the store
// API; made once and kept in build/bench/scale-ROWS.db, made again when scale_load.c is newer), the
// release server answers GET /xapi/statements in four shapes, the mentor dashboard of a mentor
// with 200 mentees and a mentee's "My plan", each QUERIES times one after another (p50 / p99);
// then its RSS. Then the start-up time with 500 generated modules, and the RSS of a fresh server
// before and after MIXED requests (pages, statements, documents, sign-ins), at each quarter split
// into the caches whose size configuration bounds (the rendered pages, SQLite's page caches) and
// the rest, which must not grow after the first quarter. Each figure is printed with its goal and
// the ratio figure / goal (at most 1.0 meets it).
//
// Usage: node tests/bench/scale.mjs   (BENCH_SCALE_ROWS, BENCH_SCALE_QUERIES, BENCH_MIXED;
// BENCH_SCALE_PARTS, default "queries startup memory", runs only the parts it names;
// BENCH_SCALE_ARGS, more options for the servers of queries and memory, such as
// "--db-reader-cache-bytes 2M" to see what the page caches trade)
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

import { freePort, startServer } from '../lib/server.mjs';
import { Client } from '../lib/session.mjs';
import { addClient } from '../lib/xapi.mjs';

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', '..');
const BIN = process.env.STEPWISE_BIN || path.join(ROOT, 'build/release/stepwise');
const LOADER = path.join(ROOT, 'build/release/bench/scale_load');
const CLIENT = path.join(ROOT, 'build/release/bench/http_times');
const ROWS = Number(process.env.BENCH_SCALE_ROWS || 1000000);
const QUERIES = Number(process.env.BENCH_SCALE_QUERIES || 200);
const WARM_UP = 20;
const MIXED = Number(process.env.BENCH_MIXED || 100000);
const URL_ = 'http://stepwise.bench';
const CACHE_BYTES = 32 << 20;
const PASSWORD = 'scale-password';
const SERVE_ARGS = (process.env.BENCH_SCALE_ARGS || '').split(/\s+/).filter(Boolean);
// The value SERVE_ARGS give option, else the server's default.
const served = (option, byDefault) => (SERVE_ARGS.includes(option) ? SERVE_ARGS[SERVE_ARGS.indexOf(option) + 1] : byDefault);

const line = (what, figure, unit, goal) => console.log(`scale     ${what.padEnd(44)} ${figure.toFixed(2).padStart(9)} ${unit.padEnd(3)}`
  + ` (goal <= ${goal} ${unit}: ratio ${(figure / goal).toFixed(2)})`);

// The cached database, made again when missing, of another size, or older than its loader.
function database() {
  const dir = path.join(ROOT, 'build/bench');
  const db = path.join(dir, `scale-${ROWS}.db`);
  // Keyed on the generator's source, not its binary (relinked whenever the store changes): the
  // server migrates an older schema when it opens the database.
  if (existsSync(db) && statSync(db).mtimeMs > statSync(path.join(ROOT, 'tests/bench/scale_load.c')).mtimeMs) return db;
  mkdirSync(dir, { recursive: true });
  const tmp = `${db}.new`;
  for (const f of [tmp, `${tmp}-wal`, `${tmp}-shm`, db, `${db}-wal`, `${db}-shm`]) rmSync(f, { force: true });
  const start = performance.now();
  const r = spawnSync(LOADER, [tmp, URL_, String(ROWS)], { stdio: ['ignore', 'inherit', 'inherit'] });
  if (r.status !== 0) throw new Error(`scale_load failed (exit ${r.status})`);
  renameSync(tmp, db);
  console.log(`scale     loaded ${ROWS} statements through the store API in ${((performance.now() - start) / 1000).toFixed(0)} s`
    + ' (kept in build/bench for the next runs)');
  return db;
}

function percentiles(ms) {
  const s = [...ms].sort((a, b) => a - b);
  const at = (p) => s[Math.min(s.length - 1, Math.ceil(p * s.length) - 1)];
  return { p50: at(0.5), p99: at(0.99) };
}

// Times QUERIES GETs sent one after another by tests/bench/http_times.c over one kept-alive
// loopback connection, after WARM_UP untimed ones (i from QUERIES on: other learners and
// modules), which open the reader connections and prepare their statements as a running server
// has; req(i) gives request i's [path, headers]; each must answer 200. The client is C so that
// the times are the server's and the loopback's, not node's parsing and garbage collection.
// Prints p50 / p99 / the slowest as that client saw them, p99 of the time the server itself
// logged for them (ms= of the access log) and the server's CPU time per request: when the
// server's figures are small and the client's are not, the rest was spent waiting for a core
// (the machine is shared), not in the server.
async function timed(srv, what, req, goal) {
  const lines = (from, to) => Array.from({ length: to - from }, (_, k) => {
    const [p, headers = {}] = req(from + k);
    return [p, ...Object.entries(headers).map(([n, v]) => `${n}: ${v}`)].join('\t');
  }).join('\n') + '\n';
  const send = (text) => new Promise((resolve, reject) => {
    const child = spawn(CLIENT, [new URL(srv.url).port], { stdio: ['pipe', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d) => { out += d; });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve(out.trim().split('\n').map((l) => l.split(' ').map(Number)))
      : reject(new Error(`${what}: http_times exit ${code}`))));
    child.stdin.end(text);
  });
  await send(lines(QUERIES, QUERIES + WARM_UP));
  await new Promise((r) => setTimeout(r, 20));     // the access log's writer rests 1 ms
  const logged = srv.stderr().length, ticks = cpuTicks(srv.proc.pid);
  const answers = await send(lines(0, QUERIES));
  const cpu = ((cpuTicks(srv.proc.pid) - ticks) * 1000) / TICKS_PER_SECOND / QUERIES;
  const bad = answers.find(([, status]) => status !== 200);
  if (bad || answers.length !== QUERIES) throw new Error(`${what}: status ${bad ? bad[1] : 'missing'}`);
  const ms = answers.map(([t]) => t);
  await new Promise((r) => setTimeout(r, 20));
  const inServer = [...srv.stderr().slice(logged).matchAll(/ status=200 bytes=\d+ ms=([\d.]+)/g)].map((m) => Number(m[1]));
  const { p50, p99 } = percentiles(ms), server = percentiles(inServer.length ? inServer : [NaN]);
  console.log(`scale     ${what.padEnd(44)} p50 ${p50.toFixed(2).padStart(6)} ms  p99 ${p99.toFixed(2).padStart(6)} ms`
    + `  max ${Math.max(...ms).toFixed(1).padStart(6)} ms  in the server p99 ${server.p99.toFixed(2).padStart(6)} ms,`
    + ` CPU ${cpu.toFixed(2)} ms`
    + (goal ? `  (goal p99 <= ${goal} ms: ratio ${(p99 / goal).toFixed(2)})` : '  (no goal: the machine\'s own delay)'));
}

// The CPU time (user and system, all threads) process pid used so far, in clock ticks; a
// figure the other programs on the machine change less than the times.
const TICKS_PER_SECOND = 100;
function cpuTicks(pid) {
  const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return Number(f[11]) + Number(f[12]);
}

function rssMB(pid) {
  const m = readFileSync(`/proc/${pid}/status`, 'utf8').match(/^VmRSS:\s+(\d+) kB/m);
  return Number(m[1]) / 1024;
}

async function apiClient(db) {
  const { auth } = await addClient(db, `scale bench ${Date.now()}`, ['all'], BIN);
  return { authorization: auth, 'x-experience-api-version': '1.0.3' };
}

async function queries() {
  const db = database();
  const headers = await apiClient(db);
  const srv = await startServer({ bin: BIN, db, args: ['--public-url', URL_, ...SERVE_ARGS] });
  try {
    const xapi = (q) => [`/xapi/statements?${q}`, headers];
    const agent = (i) => encodeURIComponent(JSON.stringify({ objectType: 'Agent', account: { homePage: URL_, name: `learner${(i * 37) % 1000}` } }));
    const activity = (i) => encodeURIComponent(`${URL_}/modules/module-${(i * 13) % 200}`);
    const verbs = ['attempted', 'experienced', 'completed', 'passed', 'failed'];
    const reg = (i) => `${((i * 37) % 1000).toString(16).padStart(8, '0')}-0000-4000-8000-${((i * 13) % 200).toString(16).padStart(12, '0')}`;
    await timed(srv, 'GET /healthz, for comparison', () => ['/healthz'], 0);
    await timed(srv, 'GET statements?agent=...&limit=10', (i) => xapi(`agent=${agent(i)}&limit=10`), 5);
    await timed(srv, 'GET statements?agent=...&activity=...&limit=10', (i) => xapi(`agent=${agent(i)}&activity=${activity(i)}&limit=10`), 5);
    await timed(srv, 'GET statements?verb=...&since=...&limit=10', (i) => xapi(`verb=${encodeURIComponent(`http://adlnet.gov/expapi/verbs/${verbs[i % 5]}`)}`
      + `&since=${new Date(Date.now() - (i % 300 + 1) * 86400000).toISOString()}&limit=10`), 5);
    await timed(srv, 'GET statements?activity=...&related_activities', (i) => xapi(`activity=${activity(i)}&related_activities=true&limit=10`), 5);
    await timed(srv, 'GET statements?registration=...', (i) => xapi(`registration=${reg(i)}`), 5);
    const cookie = (c) => ({ cookie: [...c.jar].map(([k, v]) => `${k}=${v}`).join('; ') });
    const mentor = new Client(srv.url);
    if ((await mentor.signIn('scale.mentor', PASSWORD)).status !== 303) throw new Error('the mentor could not sign in');
    await timed(srv, 'mentor dashboard, 200 mentees (/mentor)', () => ['/mentor', cookie(mentor)], 20);
    const mentee = new Client(srv.url);
    if ((await mentee.signIn('learner0', PASSWORD)).status !== 303) throw new Error('learner0 could not sign in');
    await timed(srv, '"My plan" of a mentee (/plan)', () => ['/plan', cookie(mentee)], 20);
    line(`server RSS at ${ROWS} statements`, rssMB(srv.proc.pid), 'MB', 64);
  } finally {
    await srv.stop();
  }
}

// From the start of the process to its first answer, with 500 generated modules.
async function startup() {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'stepwise-scale-'));
  try {
    const content = path.join(dir, 'modules');
    mkdirSync(content);
    for (let i = 0; i < 500; i++) {
      writeFileSync(path.join(content, `module-${i}.md`), `---\nid: module-${i}\ntitle: Module ${i}\nsummary: A generated lesson.\n`
        + `language: en\nskills: [safety]\nminutes: 5\nlevels: [1]\nversion: "1.0"\n---\n\n`
        + `## Module ${i}\n\n${'Lift the box with your legs. Keep it close to your body. '.repeat(30)}\n\n## Steps\n\n1. Look.\n2. Lift.\n3. Put it down.\n`);
    }
    const times = [];
    for (let round = 0; round < 5; round++) times.push(await startOnce(content, path.join(dir, 'db')));
    line('start-up with 500 modules (median of 5)', [...times].sort((a, b) => a - b)[2], 'ms', 200);
    console.log(`scale       the 5 starts: ${times.map((t) => t.toFixed(0)).join(' ')} ms (the first makes the database)`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// One GET /healthz over a plain socket: the answer's text, or null while nothing listens. Not
// fetch: a refused fetch costs this process milliseconds of CPU, on the two cores the starting
// server needs, and the figure came out between 100 and 500 ms for a start of about 70 ms.
function healthz(port) {
  return new Promise((resolve, reject) => {
    const sock = net.connect(port, '127.0.0.1');
    let text = '';
    sock.on('connect', () => sock.end('GET /healthz HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n'));
    sock.on('data', (d) => { text += d; });
    sock.on('end', () => resolve(text));
    sock.on('error', (e) => (e.code === 'ECONNREFUSED' ? resolve(null) : reject(e)));
  });
}

// Starts the server on content and db; the milliseconds until its first answer.
async function startOnce(content, db) {
  const port = await freePort();
  const start = performance.now();
  const proc = spawn(BIN, ['serve', '--content', content, '--db', db, '--listen', `127.0.0.1:${port}`], { stdio: 'ignore' });
  let text;
  while ((text = await healthz(port)) === null) {
    if (performance.now() - start > 10000) throw new Error('the server did not answer within 10 s');
    await new Promise((r) => setTimeout(r, 1));
  }
  const ms = performance.now() - start;
  if (!/\r\n\r\nok 500 modules/.test(text)) throw new Error(`healthz: ${text}`);
  proc.kill('SIGTERM');
  await new Promise((r) => proc.on('exit', r));
  return ms;
}

// MIXED requests, 32 at a time: pages, statements, state documents and sign-ins, after a warm-up.
async function memory() {
  const token = 'scale-bench-metrics-token';
  const srv = await startServer({ bin: BIN, args: ['--cache-bytes', String(CACHE_BYTES), '--metrics-token', token, ...SERVE_ARGS] });
  const caches = async () => {     // MB held by the rendered-page cache and by SQLite
    const text = await (await fetch(`${srv.url}/metrics`, { headers: { authorization: `Bearer ${token}` } })).text();
    const gauge = (name) => Number(text.match(new RegExp(`^${name} (\\d+)$`, 'm'))[1]) / (1 << 20);
    return { pages: gauge('stepwise_page_cache_bytes'), sqlite: gauge('stepwise_database_memory_bytes') };
  };
  try {
    const db = path.join(srv.dir, 'test.db');
    const headers = await apiClient(db);
    const user = spawnSync(BIN, ['user', 'add', 'mixed', '--name', 'Mixed', '--password-stdin', '--db', db], { input: PASSWORD + '\n', encoding: 'utf8' });
    if (user.status !== 0) throw new Error(`user add: ${user.stderr}`);
    const pages = ['/', '/modules/safe-lifting', '/modules/machine-changeover', '/modules/first-day-safety', '/static/style.css'];
    const signIn = new Client(srv.url);
    await signIn.req('/login');
    const csrf = signIn.jar.get('stepwise_login');
    const agent = (i) => ({ objectType: 'Agent', mbox: `mailto:learner${i % 500}@example.com` });
    async function one(i) {
      const kind = i % 10;
      let res;
      if (kind < 5) {
        res = await fetch(srv.url + pages[i % pages.length]);
      } else if (kind < 7) {
        res = await fetch(`${srv.url}/xapi/statements`, { method: 'POST', headers: { ...headers, 'content-type': 'application/json' },
          body: JSON.stringify({ actor: agent(i), verb: { id: 'http://adlnet.gov/expapi/verbs/experienced' },
            object: { id: `http://stepwise.example/modules/module-${i % 200}` } }) });
      } else if (kind < 9) {
        const q = `activityId=${encodeURIComponent(`http://stepwise.example/modules/module-${i % 200}`)}`
          + `&agent=${encodeURIComponent(JSON.stringify(agent(i)))}&stateId=bookmark`;
        res = kind === 7
          ? await fetch(`${srv.url}/xapi/activities/state?${q}`, { method: 'PUT', headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify({ at: i }) })
          : await fetch(`${srv.url}/xapi/activities/state?${q}`, { headers });
      } else if (i % 1000 === 9) {   // a sign-in hashes the password: one in 1 000
        res = await fetch(`${srv.url}/login`, { method: 'POST', redirect: 'manual',
          headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: `stepwise_login=${csrf}` },
          body: new URLSearchParams({ csrf, login: 'mixed', password: PASSWORD }).toString() });
      } else {
        res = await fetch(srv.url + '/login');
      }
      await res.arrayBuffer();
      if (res.status >= 400 && res.status !== 404) throw new Error(`mixed request ${i} (${kind}): ${res.status}`);
    }
    async function run(from, to) {
      let next = from;
      await Promise.all(Array.from({ length: 32 }, async () => { while (next < to) await one(next++); }));
    }
    // Warm-up: statements in batches of 100 until SQLite's page caches stop growing (the
    // writer's fills up to --db-cache-bytes as the database grows; the heap the allocator keeps around
    // those pages grows with it), then mixed requests: the page cache filled, the pools grown,
    // each reader connection opened. Then the RSS at each quarter of the MIXED requests, split
    // into what is held by a cache whose size is bounded by configuration and the rest: SQLite's
    // page caches (the writer's up to --db-cache-bytes, each of up to 8 idle readers' up to --db-reader-cache-bytes: /metrics
    // stepwise_database_memory_bytes), the rendered pages up to --cache-bytes. The rest is the
    // heap beside them; a leak or fragmentation would make it grow with the requests.
    for (let b = 0, last = -1; b < 1000; b++) {
      const batch = Array.from({ length: 100 }, (_, k) => ({ actor: agent(b * 100 + k),
        verb: { id: 'http://adlnet.gov/expapi/verbs/experienced' },
        object: { id: `http://stepwise.example/modules/module-${(b * 100 + k) % 200}` } }));
      const res = await fetch(`${srv.url}/xapi/statements`, { method: 'POST', headers: { ...headers, 'content-type': 'application/json' },
        body: JSON.stringify(batch) });
      if (res.status !== 200) throw new Error(`warm-up batch: ${res.status} ${await res.text()}`);
      await res.arrayBuffer();
      if (b % 20 !== 19) continue;
      const { sqlite } = await caches();
      if (sqlite - last < 0.1) break;
      last = sqlite;
    }
    await run(0, 2000);
    const before = rssMB(srv.proc.pid), held = await caches(), start = performance.now();
    console.log(`scale       after the warm-up: RSS ${before.toFixed(1)} MB, of it SQLite's page caches ${held.sqlite.toFixed(1)}`
      + ` and rendered pages ${held.pages.toFixed(1)}`);
    const rest = [];
    for (let q = 1; q <= 4; q++) {
      await run(2000 + (MIXED * (q - 1)) / 4, 2000 + (MIXED * q) / 4);
      const rss = rssMB(srv.proc.pid), now = await caches();
      const sqlite = now.sqlite - held.sqlite, rendered = now.pages - held.pages;
      rest.push(rss - before - sqlite - rendered);
      console.log(`scale       after ${(MIXED * q) / 4} mixed requests: RSS ${rss.toFixed(1)} MB = before ${before.toFixed(1)}`
        + ` + SQLite's page caches ${sqlite.toFixed(1)} + rendered pages ${rendered.toFixed(1)} + the rest ${rest[q - 1].toFixed(1)}`);
    }
    const after = rssMB(srv.proc.pid), seconds = (performance.now() - start) / 1000;
    console.log(`scale     RSS before / after ${MIXED} mixed requests          ${before.toFixed(1)} / ${after.toFixed(1)} MB`
      + ` in ${seconds.toFixed(0)} s (bounded by configuration: page cache ${CACHE_BYTES >> 20} MB, SQLite's`
      + ` ${served('--db-cache-bytes', '32M')} + ${served('--db-reader-cache-bytes', '8M')} per reader; growth ${(after - before).toFixed(1)} MB)`);
    // The goal: no growth beyond those caches, i.e. the rest does not grow after the first
    // quarter (1 MB of slack for the allocator's arenas).
    line(`growth of the rest over the last ${(MIXED * 3) / 4} requests`, Math.max(0, rest[3] - rest[0]), 'MB', 1);
  } finally {
    await srv.stop();
  }
}

const parts = (process.env.BENCH_SCALE_PARTS || 'queries startup memory').split(/\s+/);
for (const [name, part] of Object.entries({ queries, startup, memory })) if (parts.includes(name)) await part();
