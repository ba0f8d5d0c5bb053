// xapi_session.test.mjs: the xAPI LRS with the player's session instead of HTTP Basic: a
// signed-in user may write statements and state for their own agent only (account on the public
// URL with their login), read only their own statements, and needs the session's CSRF token in
// X-CSRF-Token for every write; other scopes are refused, and without a session it stays 401.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startServer } from '../lib/server.mjs';
import { Client, addUser } from '../lib/session.mjs';
import { addClient } from '../lib/xapi.mjs';

const PUBLIC = 'https://learn.example';
const ACT = 'https://learn.example/modules/safe-lifting';
const agent = (login) => ({ objectType: 'Agent', account: { homePage: PUBLIC, name: login } });
let dir, srv, anna, bob, csrfAnna, basic;

function statement(login, id = crypto.randomUUID()) {
  return { id, actor: agent(login), verb: { id: 'http://adlnet.gov/expapi/verbs/experienced' },
    object: { objectType: 'Activity', id: ACT } };
}

// An xAPI request with the client's cookies; csrf: the X-CSRF-Token value (undefined: none).
async function xapi(client, method, resource, { params = {}, body, csrf, headers = {} } = {}) {
  const q = new URLSearchParams(Object.entries(params).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)]));
  const h = { 'X-Experience-API-Version': '1.0.3', ...headers };
  if (csrf !== undefined) h['X-CSRF-Token'] = csrf;
  if (body !== undefined) h['content-type'] = 'application/json';
  const res = await client.req(`/xapi/${resource}${q.size ? '?' + q : ''}`, {
    method, headers: h, body: body === undefined ? undefined : JSON.stringify(body),
  });
  let json;
  try { json = JSON.parse(res.html); } catch { json = undefined; }
  return { status: res.status, json, text: res.html };
}

before(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'stepwise-xsession-'));
  const db = path.join(dir, 'x.db');
  await addUser(db, 'anna', 'Anna', 'anna-password');
  await addUser(db, 'bob', 'Bob', 'bob-password');
  basic = await addClient(db, 'reporting', ['all']);
  srv = await startServer({ db, args: ['--public-url', PUBLIC] });
  anna = new Client(srv.url);
  assert.equal((await anna.signIn('anna', 'anna-password')).status, 303);
  csrfAnna = await anna.csrf('/');
  bob = new Client(srv.url);
  assert.equal((await bob.signIn('bob', 'bob-password')).status, 303);
});

after(async () => {
  await srv?.stop();
  rmSync(dir, { recursive: true, force: true });
});

test('a signed-in user stores statements about themselves with the CSRF header', async () => {
  const s = statement('anna');
  let r = await xapi(anna, 'POST', 'statements', { body: s, csrf: csrfAnna });
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(r.json, [s.id]);
  const put = statement('anna');
  r = await xapi(anna, 'PUT', 'statements', { params: { statementId: put.id }, body: put, csrf: csrfAnna });
  assert.equal(r.status, 204, r.text);
  r = await xapi(anna, 'GET', 'statements', { params: { statementId: s.id } });
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(r.json.authority, agent('anna'));   // the session vouches as the user
});

test('a write without the CSRF header, or with a wrong one, is refused and stores nothing', async () => {
  for (const csrf of [undefined, 'wrong', '']) {
    const s = statement('anna');
    const r = await xapi(anna, 'POST', 'statements', { body: s, csrf });
    assert.equal(r.status, 403, `csrf ${csrf}: ${r.text}`);
    assert.match(r.json.error, /X-CSRF-Token/);
    const got = await xapi(anna, 'GET', 'statements', { params: { statementId: s.id } });
    assert.equal(got.status, 404);
  }
  const bobToken = await bob.csrf('/');
  const r = await xapi(anna, 'POST', 'statements', { body: statement('anna'), csrf: bobToken });
  assert.equal(r.status, 403);
});

test('statements about someone else are refused', async () => {
  const r = await xapi(anna, 'POST', 'statements', { body: [statement('anna'), statement('bob')], csrf: csrfAnna });
  assert.equal(r.status, 403, r.text);
  assert.match(r.json.error, /actor/);
});

test('reads return only the user\'s own statements', async () => {
  const mine = statement('bob');
  assert.equal((await xapi(bob, 'POST', 'statements', { body: mine, csrf: await bob.csrf('/') })).status, 200);
  const r = await xapi(anna, 'GET', 'statements');
  assert.equal(r.status, 200, r.text);
  assert.ok(r.json.statements.length >= 2);
  for (const s of r.json.statements) assert.deepEqual(s.actor, agent('anna'));
  assert.equal((await xapi(anna, 'GET', 'statements', { params: { statementId: mine.id } })).status, 404);
  // An API client with "all" still sees everything.
  const all = await fetch(`${srv.url}/xapi/statements?statementId=${mine.id}`, {
    headers: { Authorization: basic.auth, 'X-Experience-API-Version': '1.0.3' },
  });
  assert.equal(all.status, 200);
});

test('state: the user\'s own agent only', async () => {
  const params = { activityId: ACT, agent: agent('anna'), stateId: 'bookmark' };
  let r = await xapi(anna, 'PUT', 'activities/state', { params, body: { page: 3 }, csrf: csrfAnna });
  assert.equal(r.status, 204, r.text);
  r = await xapi(anna, 'GET', 'activities/state', { params });
  assert.equal(r.status, 200);
  assert.deepEqual(r.json, { page: 3 });
  r = await xapi(anna, 'PUT', 'activities/state', { params, body: { page: 4 }, csrf: undefined });
  assert.equal(r.status, 403);
  r = await xapi(anna, 'GET', 'activities/state', { params: { ...params, agent: agent('bob') } });
  assert.equal(r.status, 403, r.text);
  r = await xapi(anna, 'PUT', 'activities/state', { params: { ...params, agent: agent('bob') }, body: { x: 1 }, csrf: csrfAnna });
  assert.equal(r.status, 403);
});

test('the player\'s session is trusted to define its modules\' Activities', async () => {
  const id = `${ACT}/quiz-${crypto.randomUUID()}`;
  const s = { ...statement('anna'), object: { objectType: 'Activity', id, definition: { name: { en: 'Lifting quiz' } } } };
  assert.equal((await xapi(anna, 'POST', 'statements', { body: s, csrf: csrfAnna })).status, 200);
  const r = await fetch(`${srv.url}/xapi/activities?activityId=${encodeURIComponent(id)}`, {
    headers: { Authorization: basic.auth, 'X-Experience-API-Version': '1.0.3' },
  });
  assert.equal(r.status, 200);
  assert.deepEqual(await r.json(), { objectType: 'Activity', id, definition: { name: { en: 'Lifting quiz' } } });
});

async function activity(id) {
  const r = await fetch(`${srv.url}/xapi/activities?activityId=${encodeURIComponent(id)}`, {
    headers: { Authorization: basic.auth, 'X-Experience-API-Version': '1.0.3' },
  });
  assert.equal(r.status, 200);
  return r.json();
}

async function basicPost(body) {
  const r = await fetch(`${srv.url}/xapi/statements`, { method: 'POST', body: JSON.stringify(body),
    headers: { Authorization: basic.auth, 'X-Experience-API-Version': '1.0.3', 'content-type': 'application/json' } });
  assert.equal(r.status, 200, await r.text());
}

test('a session never redefines another Activity (an outside tool\'s), not even in context or a SubStatement', async () => {
  const tool = `https://forklift-sim.example/activities/${crypto.randomUUID()}`;
  await basicPost({ ...statement('anna'), object: { objectType: 'Activity', id: tool, definition: { name: { en: 'Forklift simulator' } } } });
  const evil = { name: { en: '<img src=x onerror=alert(1)> HACKED' } };
  const bodies = [
    { ...statement('anna'), object: { objectType: 'Activity', id: tool, definition: evil } },
    { ...statement('anna'), context: { contextActivities: { parent: [{ id: tool, definition: evil }] } } },
    { ...statement('anna'), object: { objectType: 'SubStatement', actor: agent('anna'), verb: { id: 'http://adlnet.gov/expapi/verbs/experienced' },
      object: { id: tool, definition: evil } } },
    // A lookalike of the module prefix on another host is not this server's module either.
    { ...statement('anna'), object: { objectType: 'Activity', id: `https://learn.example.evil/modules/x`, definition: evil } },
  ];
  for (const body of bodies) assert.equal((await xapi(anna, 'POST', 'statements', { body, csrf: csrfAnna })).status, 200);
  assert.deepEqual((await activity(tool)).definition, { name: { en: 'Forklift simulator' } });
  assert.equal((await activity('https://learn.example.evil/modules/x')).definition, undefined);
  const canonical = await fetch(`${srv.url}/xapi/statements?activity=${encodeURIComponent(tool)}&format=canonical`, {
    headers: { Authorization: basic.auth, 'X-Experience-API-Version': '1.0.3' } });
  assert.doesNotMatch(await canonical.text(), /HACKED/);
});

test('a session voids only statements whose actor is its own learner', async () => {
  const bobs = statement('bob'), annas = statement('anna');
  await basicPost(bobs);
  assert.equal((await xapi(anna, 'POST', 'statements', { body: annas, csrf: csrfAnna })).status, 200);
  const voiding = (target) => ({ actor: agent('anna'), verb: { id: 'http://adlnet.gov/expapi/verbs/voided', display: { en: 'voided' } },
    object: { objectType: 'StatementRef', id: target } });
  let r = await xapi(anna, 'POST', 'statements', { body: voiding(bobs.id), csrf: csrfAnna });
  assert.equal(r.status, 403, r.text);
  assert.match(r.json.error, /^object\.id: a signed-in user may only void their own statements/);
  r = await xapi(anna, 'POST', 'statements', { body: voiding(crypto.randomUUID()), csrf: csrfAnna });   // unknown
  assert.equal(r.status, 403, r.text);
  r = await fetch(`${srv.url}/xapi/statements?statementId=${bobs.id}`, { headers: { Authorization: basic.auth, 'X-Experience-API-Version': '1.0.3' } });
  assert.equal(r.status, 200);                                   // Bob's statement is not voided
  r = await xapi(anna, 'POST', 'statements', { body: voiding(annas.id), csrf: csrfAnna });
  assert.equal(r.status, 200, r.text);
  r = await xapi(anna, 'GET', 'statements', { params: { voidedStatementId: annas.id } });
  assert.equal(r.status, 200, r.text);
});

test('other resources need scopes a session does not have', async () => {
  const r = await xapi(anna, 'GET', 'activities/profile', { params: { activityId: ACT } });
  assert.equal(r.status, 403, r.text);
});

test('without a session or Basic credentials it stays 401; Basic wins over a cookie', async () => {
  const nobody = new Client(srv.url);
  let r = await xapi(nobody, 'GET', 'statements');
  assert.equal(r.status, 401);
  const stale = new Client(srv.url);
  stale.jar.set('stepwise_session', 'x'.repeat(43));
  r = await xapi(stale, 'GET', 'statements');
  assert.equal(r.status, 401);
  // With both, the API client's credentials decide (it may read Bob's statements).
  r = await xapi(anna, 'GET', 'statements', { headers: { Authorization: basic.auth } });
  assert.equal(r.status, 200);
  assert.ok(r.json.statements.some((s) => s.actor.account.name === 'bob'));
});
