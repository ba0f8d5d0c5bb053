// metrics.test.mjs: GET /metrics: off by default (404), 401 without the right bearer token,
// and with it the Prometheus text with every metric the README lists, counting as it goes; the
// database page caches (--db-cache-bytes, --db-reader-cache-bytes) bound its memory figure.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runCli, startServer } from '../lib/server.mjs';
import { Client, addUser } from '../lib/session.mjs';
import { addClient } from '../lib/xapi.mjs';

const TOKEN = 'metrics-token-for-tests-0123456789';
let dir, srv;
before(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'stepwise-metrics-'));
  const db = path.join(dir, 'm.db');
  await addUser(db, 'mia', 'Mia', 'mia-password');
  srv = await startServer({ db, env: { STEPWISE_METRICS_TOKEN: TOKEN } });
});
after(async () => {
  await srv.stop();
  rmSync(dir, { recursive: true, force: true });
});

const scrape = async (auth = `Bearer ${TOKEN}`) => {
  const res = await fetch(srv.url + '/metrics', { headers: auth ? { Authorization: auth } : {} });
  return { res, text: await res.text() };
};

// The value of the sample line `name{labels}` (or `name`), or undefined.
function sample(text, series) {
  const line = text.split('\n').find((l) => l.startsWith(series + ' '));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

test('/metrics is off unless --metrics-token is set', async () => {
  const plain = await startServer();
  try {
    const res = await fetch(plain.url + '/metrics', { headers: { Authorization: `Bearer ${TOKEN}` } });
    assert.equal(res.status, 404);
    await res.text();
  } finally {
    await plain.stop();
  }
});

test('/metrics wants the bearer token: none or a wrong one is 401', async () => {
  for (const auth of [null, 'Bearer wrong-token-but-long-enough', `Basic ${Buffer.from(`x:${TOKEN}`).toString('base64')}`,
    `Bearer ${TOKEN}x`, `Bearer ${TOKEN.slice(0, -1)}`]) {
    const { res, text } = await scrape(auth);
    assert.equal(res.status, 401, String(auth));
    assert.equal(res.headers.get('www-authenticate'), 'Bearer realm="stepwise metrics"');
    assert.doesNotMatch(text, /stepwise_/);
  }
  const post = await fetch(srv.url + '/metrics', { method: 'POST', headers: { Authorization: `Bearer ${TOKEN}` } });
  assert.equal(post.status, 405);
  await post.text();
});

test('/metrics shows every metric in the Prometheus text format, and counts', async () => {
  const first = await scrape();
  assert.equal(first.res.status, 200);
  assert.equal(first.res.headers.get('content-type'), 'text/plain; version=0.0.4; charset=utf-8');
  assert.equal(first.res.headers.get('cache-control'), 'no-store');
  for (const [name, type] of [['stepwise_build_info', 'gauge'], ['stepwise_http_requests_total', 'counter'],
    ['stepwise_http_request_duration_seconds', 'histogram'], ['stepwise_http_connections_open', 'gauge'],
    ['stepwise_signin_failures_total', 'counter'], ['stepwise_page_cache_hits_total', 'counter'],
    ['stepwise_page_cache_misses_total', 'counter'], ['stepwise_page_cache_bytes', 'gauge'],
    ['stepwise_page_cache_pages', 'gauge'], ['stepwise_statements_stored', 'gauge'],
    ['stepwise_wal_pages_pending', 'gauge'], ['stepwise_database_memory_bytes', 'gauge']]) {
    assert.match(first.text, new RegExp(`^# HELP ${name} .+\n# TYPE ${name} ${type}$`, 'm'), name);
  }
  assert.match(first.text, /^stepwise_build_info\{version="\d+\.\d+\.\d+"\} 1$/m);
  for (const line of first.text.split('\n')) {
    if (line) assert.match(line, /^(# (HELP|TYPE) \w+ .+|\w+(\{[a-z]+="[^"]*"(,[a-z]+="[^"]*")*\})? [0-9.e+-]+)$/, line);
  }

  const healthz = 'stepwise_http_requests_total{route="/healthz",status="200"}';
  const missing = 'stepwise_http_requests_total{route="none",status="404"}';
  const count = 'stepwise_http_request_duration_seconds_count';
  const h0 = sample(first.text, healthz) || 0;
  const c0 = sample(first.text, count);
  for (let i = 0; i < 3; i++) await (await fetch(srv.url + '/healthz')).text();
  await (await fetch(srv.url + '/no/such/page')).text();
  await (await fetch(srv.url + '/modules/safe-lifting')).text();
  await (await fetch(srv.url + '/modules/safe-lifting')).text();
  assert.equal((await new Client(srv.url).signIn('mia', 'not-her-password')).status, 401);
  const { text } = await scrape();
  assert.equal(sample(text, healthz), h0 + 3);
  assert.equal(sample(text, missing), 1);
  assert.equal(sample(text, 'stepwise_signin_failures_total'), 1);
  assert.ok(sample(text, count) >= c0 + 8);
  assert.equal(sample(text, 'stepwise_http_request_duration_seconds_bucket{le="+Inf"}'), sample(text, count));
  assert.ok(sample(text, 'stepwise_page_cache_hits_total') >= 1);
  assert.ok(sample(text, 'stepwise_page_cache_bytes') > 0);
  assert.ok(sample(text, 'stepwise_http_connections_open') >= 1);
  assert.equal(sample(text, 'stepwise_statements_stored'), 0);
});

test('a --metrics-token under 16 characters is refused', async () => {
  const res = await runCli(['serve', '--metrics-token', 'short']);
  assert.equal(res.code, 2);
  assert.match(res.stderr, /--metrics-token: use 16 to 256 characters/);
  const spaced = await runCli(['serve', '--metrics-token', 'has a space in the middle']);
  assert.equal(spaced.code, 2);
  assert.match(spaced.stderr, /--metrics-token: use printable characters without spaces/);
});

// The page caches of --db-cache-bytes and --db-reader-cache-bytes bound what SQLite holds: after
// the same writes and reads, a server with small caches stays under their sum for the writer
// and its readers (plus the schema and prepared statements), where the default caches hold more.
test('--db-cache-bytes and --db-reader-cache-bytes bound stepwise_database_memory_bytes', async () => {
  const memoryAfterLoad = async (args) => {
    const db = path.join(dir, `cache-${args.length}.db`);
    const client = await addClient(db, 'loader', ['all']);
    const s = await startServer({ db, args: [...args, '--metrics-token', TOKEN] });
    try {
      const headers = { authorization: client.auth, 'x-experience-api-version': '1.0.3', 'content-type': 'application/json' };
      for (let batch = 0; batch < 20; batch++) {
        const statements = Array.from({ length: 100 }, (_, i) => ({
          actor: { mbox: `mailto:learner${(batch * 100 + i) % 300}@example.com` },
          verb: { id: 'http://adlnet.gov/expapi/verbs/experienced' },
          object: { id: `http://example.com/activities/${batch}/${i}` },
          result: { response: 'x'.repeat(2000) } }));
        const res = await fetch(s.url + '/xapi/statements', { method: 'POST', headers, body: JSON.stringify(statements) });
        assert.equal(res.status, 200, await res.text());
      }
      const res = await fetch(s.url + '/xapi/statements?limit=500', { headers });
      assert.equal(res.status, 200);
      assert.equal((await res.json()).statements.length, 500);
      const text = await (await fetch(s.url + '/metrics', { headers: { Authorization: `Bearer ${TOKEN}` } })).text();
      return sample(text, 'stepwise_database_memory_bytes');
    } finally {
      await s.stop();
    }
  };
  const small = await memoryAfterLoad(['--db-cache-bytes', '1M', '--db-reader-cache-bytes', '512k']);
  const standard = await memoryAfterLoad([]);
  assert.ok(small < (1 << 20) + (512 << 10) + (2 << 20), `small caches hold ${small} bytes`);
  assert.ok(standard > small + (2 << 20), `default caches ${standard}, small ${small}`);
});

test('a database cache size out of range stops the start with the option and its range', async () => {
  const bad = await runCli(['serve', '--db-reader-cache-bytes', '100k', '--db', path.join(dir, 'never.db')]);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /--db-reader-cache-bytes: "100k" is not a number from 524288 to 68719476736/);
  const env = await runCli(['serve', '--db', path.join(dir, 'never.db')], { env: { STEPWISE_DB_CACHE_BYTES: '65G' } });
  assert.equal(env.code, 2);
  assert.match(env.stderr, /STEPWISE_DB_CACHE_BYTES: --db-cache-bytes: "65G" is not a number from 524288/);
});
