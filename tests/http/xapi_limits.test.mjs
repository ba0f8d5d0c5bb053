// xapi_limits.test.mjs: what one statement request may cost: statements per batch
// (--max-batch), attachments per request (--max-attachments) and JSON values per body
// (--max-json-values, far lower for the player's session: --max-json-values-session), each
// refused with 413 naming the limit; and the checks of a large batch take linear time (issue 10,
// findings 3 and 4).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { RELEASE_BIN, startServer } from '../lib/server.mjs';
import { Client, addUser } from '../lib/session.mjs';
import { addClient, multipart, sha256, startLrs, statement, uuid, xapi } from '../lib/xapi.mjs';

// The timings use the optimized build: AddressSanitizer makes every allocation costly, and what
// is measured is how the time grows with the size, not how fast one check is.
let lrs;
before(async () => {
  lrs = await startLrs({ all: ['all'] }, {
    bin: RELEASE_BIN,
    args: ['--max-batch', '40000', '--max-attachments', '20000', '--max-json-values', '2000000'],
  });
});
after(async () => { await lrs.stop(); });

const attachment = (sha2) => ({
  usageType: 'http://example.com/usage', display: { 'en-US': 'a file' },
  contentType: 'text/plain', length: 1, sha2,
});

// Milliseconds that `send` takes, which must answer status with an error matching pattern.
async function timed(send, status, pattern) {
  const t0 = process.hrtime.bigint();
  const res = await send();
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  assert.equal(res.status, status, res.text);
  assert.match(res.json.error, pattern);
  return ms;
}

// n statements whose last repeats the first id: every id is checked against the others. The ids
// differ only at their end, as time-ordered ids do, so that comparing two takes its full length.
let batches = 0;
async function repeatedId(n) {
  const prefix = `00000000-0000-4000-8000-${(batches++).toString(16).padStart(4, '0')}`;
  const batch = Array.from({ length: n }, (_, i) =>
    statement({ id: prefix + i.toString(16).padStart(8, '0') }));
  batch.push({ ...batch[0] });
  return timed(() => xapi(lrs, 'POST', 'statements', { body: batch }), 400,
    new RegExp(`^statements\\[${n}\\]\\.id: .* appears twice in the batch`));
}

// One statement with n attachments and their parts, then one part it does not declare.
async function undeclaredPart(n) {
  const parts = Array.from({ length: n }, (_, i) => ({ data: `${i}` }));
  const s = statement({ id: uuid(), attachments: parts.map((p) => attachment(sha256(p.data))) });
  parts.push({ data: 'not declared' });
  const mp = multipart(s, parts);
  return timed(() => xapi(lrs, 'POST', 'statements', { body: mp.body, headers: { 'Content-Type': mp.contentType } }),
    400, new RegExp(`multipart part ${n + 2} matches no attachment's sha2`));
}

// Ten requests of n/10 against one of n: about as long when the work is linear; quadratic work
// (every item compared with every other) makes the one large request well over twice as long.
// The fastest of three large requests is taken, so that moments of load elsewhere (which only
// make the ratio larger) do not count.
async function growth(check, n) {
  await check(n / 10);    // warm up
  let small = 0;
  for (let i = 0; i < 10; i++) small += await check(n / 10);
  const large = Math.min(await check(n), await check(n), await check(n));
  return { small, large, ratio: large / small };
}

test('checking a batch for repeated ids takes time linear in its size (30 000 statements)', async () => {
  const g = await growth(repeatedId, 30000);
  assert.ok(g.ratio < 2, `10 x 3000: ${g.small.toFixed(0)} ms, 30 000: ${g.large.toFixed(0)} ms`);
  // A generous guard only: the machines that run the tests are shared.
  assert.ok(await repeatedId(10000) < 3000, 'a batch of 10 000 is checked in a moment');
});

test('matching attachments to parts takes time linear in their number (8 000 attachments)', async () => {
  const g = await growth(undeclaredPart, 8000);
  assert.ok(g.ratio < 2, `10 x 800: ${g.small.toFixed(0)} ms, 8000: ${g.large.toFixed(0)} ms`);
});

test('statements and attachments over the limits are 413 naming the limit; nothing is stored', async () => {
  const small = await startLrs({ all: ['all'] }, { args: ['--max-attachments', '2'] });
  try {
    const batch = Array.from({ length: 1001 }, () => statement({ id: uuid() }));
    const many = await xapi(small, 'POST', 'statements', { body: batch });
    assert.equal(many.status, 413);
    assert.match(many.json.error, /^statements: 1001 in one request, more than the 1000 this LRS takes at once \(--max-batch\)/);
    const parts = ['a', 'b', 'c'].map((data) => ({ data }));
    const s = statement({ id: uuid(), attachments: parts.map((p) => attachment(sha256(p.data))) });
    const mp = multipart(s, parts);
    const res = await xapi(small, 'POST', 'statements', { body: mp.body, headers: { 'Content-Type': mp.contentType } });
    assert.equal(res.status, 413);
    assert.match(res.json.error, /more than 2 attachments in one request.*--max-attachments/);
    const ok = multipart(s, parts.slice(0, 2));
    const two = statement({ id: uuid(), attachments: parts.slice(0, 2).map((p) => attachment(sha256(p.data))) });
    const stored = await xapi(small, 'POST', 'statements', {
      body: multipart(two, parts.slice(0, 2), ok.contentType.split('=')[1]).body,
      headers: { 'Content-Type': ok.contentType } });
    assert.equal(stored.status, 200, stored.text);
    const all = await xapi(small, 'GET', 'statements');
    assert.deepEqual(all.json.statements.map((x) => x.id), [two.id]);
  } finally {
    await small.stop();
  }
});

test('JSON values: an API client gets --max-json-values, the player far fewer', async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'stepwise-xlimits-'));
  const db = path.join(dir, 'x.db');
  await addUser(db, 'anna', 'Anna', 'anna-password');
  const api = await addClient(db, 'reporting', ['all']);
  const srv = await startServer({ db });
  try {
    // One object (a single statement, not a batch) holding n numbers.
    const zeros = (n) => '{"x":[' + Array(n).fill('0').join(',') + ']}';
    const post = (body, headers) => fetch(srv.url + '/xapi/statements', { method: 'POST', body,
      headers: { 'X-Experience-API-Version': '1.0.3', 'Content-Type': 'application/json', ...headers } });
    const big = await post(zeros(200001), { Authorization: api.auth });
    assert.equal(big.status, 413);
    assert.match((await big.json()).error, /more than 200000 JSON values .* an API client \(--max-json-values\)/);
    const fits = await post(zeros(20000), { Authorization: api.auth });
    assert.equal(fits.status, 400, 'read as statements (and refused as such)');
    const anna = new Client(srv.url);
    assert.equal((await anna.signIn('anna', 'anna-password')).status, 303);
    const csrf = await anna.csrf('/');
    const player = await anna.req('/xapi/statements', { method: 'POST', body: zeros(20000),
      headers: { 'X-Experience-API-Version': '1.0.3', 'Content-Type': 'application/json', 'X-CSRF-Token': csrf } });
    assert.equal(player.status, 413);
    assert.match(JSON.parse(player.html).error, /more than 10000 JSON values .* the player \(--max-json-values-session\)/);
  } finally {
    await srv.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});
