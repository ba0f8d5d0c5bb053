// xapi_documents.test.mjs: the xAPI document resources (activities/state, activities/profile,
// agents/profile) and the Activities and Agents resources, against the real server: status
// codes, ETag / Last-Modified, concurrency (If-Match, If-None-Match, 409 and 412), merge, since,
// delete all, parameter checks and scopes, in xAPI 1.0.3 and 2.0.0.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runCli, startServer } from '../lib/server.mjs';

const ACTIVITY = 'http://example.com/activities/lifting';
const AGENT = { objectType: 'Agent', mbox: 'mailto:ann@example.com', name: 'Ann' };
let srv, dir, auth, stateOnly, definer, writer;

async function client(db, scopes) {
  const args = ['xapi-client', 'add', 'documents test', '--db', db];
  for (const s of scopes) args.push('--scope', s);
  const res = await runCli(args);
  assert.equal(res.code, 0, res.stderr);
  const key = res.stdout.match(/^key: (\S+)$/m)[1];
  const secret = res.stdout.match(/^secret: (\S+)$/m)[1];
  return 'Basic ' + Buffer.from(`${key}:${secret}`).toString('base64');
}

before(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'stepwise-docs-'));
  const db = path.join(dir, 'lrs.db');
  auth = await client(db, ['all']);
  stateOnly = await client(db, ['state']);
  definer = await client(db, ['statements/write', 'define']);
  writer = await client(db, ['statements/write']);
  srv = await startServer({ db });
});

after(async () => {
  await srv.stop();
  rmSync(dir, { recursive: true, force: true });
});

// One request: params go in the query string; body objects are sent as JSON.
async function xapi(method, resource, params, body, headers = {}, version = '1.0.3') {
  const url = new URL(`${srv.url}/xapi/${resource}`);
  for (const [k, v] of Object.entries(params || {})) {
    if (v !== undefined) url.searchParams.set(k, typeof v === 'string' ? v : JSON.stringify(v));
  }
  const h = { Authorization: auth, 'X-Experience-API-Version': version, ...headers };
  let data;
  if (body !== undefined) {
    data = typeof body === 'string' ? body : JSON.stringify(body);
    if (!Object.keys(h).some((k) => k.toLowerCase() === 'content-type')) h['Content-Type'] = 'application/json';
  }
  const res = await fetch(url, { method, headers: h, body: data });
  const text = await res.text();
  let json;
  try { json = JSON.parse(text); } catch { json = undefined; }
  return { status: res.status, headers: res.headers, text, json };
}

const sha1 = (s) => crypto.createHash('sha1').update(s).digest('hex');
const state = (extra = {}) => ({ activityId: ACTIVITY, agent: AGENT, stateId: 'progress-' + crypto.randomUUID(), ...extra });

test('state: PUT stores a document, GET returns it with its type, ETag and Last-Modified', async () => {
  const p = state();
  const put = await xapi('PUT', 'activities/state', p, { step: 3 });
  assert.equal(put.status, 204);
  assert.equal(put.headers.get('etag'), `"${sha1('{"step":3}')}"`);
  assert.equal(put.headers.get('x-experience-api-version'), '1.0.3');
  const get = await xapi('GET', 'activities/state', p);
  assert.equal(get.status, 200);
  assert.deepEqual(get.json, { step: 3 });
  assert.match(get.headers.get('content-type'), /^application\/json/);
  assert.equal(get.headers.get('etag'), `"${sha1('{"step":3}')}"`);
  const modified = Date.parse(get.headers.get('last-modified'));
  assert.ok(Math.abs(Date.now() - modified) < 60000, get.headers.get('last-modified'));
  const head = await fetch(new URL(`${srv.url}/xapi/activities/state?` + new URLSearchParams({
    activityId: ACTIVITY, agent: JSON.stringify(AGENT), stateId: p.stateId })),
  { method: 'HEAD', headers: { Authorization: auth, 'X-Experience-API-Version': '1.0.3' } });
  assert.equal(head.status, 200);
  assert.equal(head.headers.get('etag'), get.headers.get('etag'));
});

test('state: any content type is kept byte for byte', async () => {
  const p = state();
  const bytes = 'plain text\nwith lines\u00e9';
  assert.equal((await xapi('PUT', 'activities/state', p, bytes, { 'Content-Type': 'text/plain; charset=utf-8' })).status, 204);
  const get = await xapi('GET', 'activities/state', p);
  assert.equal(get.text, bytes);
  assert.equal(get.headers.get('content-type'), 'text/plain; charset=utf-8');
  assert.equal(get.headers.get('etag'), `"${sha1(Buffer.from(bytes))}"`);
});

test('state: missing and unknown documents', async () => {
  const p = state();
  const get = await xapi('GET', 'activities/state', p);
  assert.equal(get.status, 404);
  assert.match(get.json.error, /stateId/);
  // deleting what is not there is done
  assert.equal((await xapi('DELETE', 'activities/state', p)).status, 204);
});

test('state: POST merges JSON objects one level deep', async () => {
  const p = state();
  assert.equal((await xapi('POST', 'activities/state', p, { car: { make: 'Ford' }, driver: 'Dale' })).status, 204);
  assert.equal((await xapi('POST', 'activities/state', p, { car: { model: 'Ram' }, series: 1 })).status, 204);
  const get = await xapi('GET', 'activities/state', p);
  assert.deepEqual(get.json, { car: { model: 'Ram' }, driver: 'Dale', series: 1 });
});

test('state: POST of something that is not a JSON object onto a JSON document is 400, nothing changes', async () => {
  const p = state();
  await xapi('PUT', 'activities/state', p, { a: 1 });
  const arr = await xapi('POST', 'activities/state', p, [1, 2]);
  assert.equal(arr.status, 400);
  assert.match(arr.json.error, /JSON objects/);
  const text = await xapi('POST', 'activities/state', p, 'abc', { 'Content-Type': 'text/plain' });
  assert.equal(text.status, 400);
  assert.deepEqual((await xapi('GET', 'activities/state', p)).json, { a: 1 });
  // a new document may be any JSON value
  assert.equal((await xapi('POST', 'activities/state', state(), '1')).status, 204);
});

test('state: a JSON content type with a body that is not JSON is 400', async () => {
  const res = await xapi('PUT', 'activities/state', state(), '{not json');
  assert.equal(res.status, 400);
});

test('state: 1.0.3 allows PUT over an existing state document without concurrency headers', async () => {
  const p = state();
  await xapi('PUT', 'activities/state', p, { v: 1 });
  assert.equal((await xapi('PUT', 'activities/state', p, { v: 2 })).status, 204);
  assert.deepEqual((await xapi('GET', 'activities/state', p)).json, { v: 2 });
});

test('state: 2.0.0 answers 409 to a PUT over an existing document without If-Match', async () => {
  const p = state();
  await xapi('PUT', 'activities/state', p, { v: 1 }, {}, '2.0.0');
  const res = await xapi('PUT', 'activities/state', p, { v: 2 }, {}, '2.0.0');
  assert.equal(res.status, 409);
  assert.match(res.json.error, /If-Match/);
  assert.equal(res.headers.get('x-experience-api-version'), '2.0.0');
  assert.deepEqual((await xapi('GET', 'activities/state', p, undefined, {}, '2.0.0')).json, { v: 1 });
  // POST still merges without headers
  assert.equal((await xapi('POST', 'activities/state', p, { w: 1 }, {}, '2.0.0')).status, 204);
});

test('state: If-Match and If-None-Match', async () => {
  const p = state();
  assert.equal((await xapi('PUT', 'activities/state', p, { v: 1 }, { 'If-Match': '"' + sha1('x') + '"' })).status, 412);
  assert.equal((await xapi('GET', 'activities/state', p)).status, 404, 'a failed precondition writes nothing');
  assert.equal((await xapi('PUT', 'activities/state', p, { v: 1 }, { 'If-None-Match': '*' })).status, 204);
  const again = await xapi('PUT', 'activities/state', p, { v: 9 }, { 'If-None-Match': '*' });
  assert.equal(again.status, 412);
  const etag = (await xapi('GET', 'activities/state', p)).headers.get('etag');
  assert.equal((await xapi('PUT', 'activities/state', p, { v: 2 }, { 'If-Match': '"1234"' })).status, 412);
  assert.equal((await xapi('POST', 'activities/state', p, { w: 2 }, { 'If-Match': '1234' })).status, 412);
  assert.equal((await xapi('DELETE', 'activities/state', p, undefined, { 'If-Match': '"1234"' })).status, 412);
  assert.deepEqual((await xapi('GET', 'activities/state', p)).json, { v: 1 });
  const put = await xapi('PUT', 'activities/state', p, { v: 2 }, { 'If-Match': etag });
  assert.equal(put.status, 204);
  const etag2 = put.headers.get('etag');
  assert.notEqual(etag2, etag);
  assert.equal((await xapi('PUT', 'activities/state', p, { v: 3 }, { 'If-Match': etag })).status, 412, 'stale ETag');
  assert.equal((await xapi('PUT', 'activities/state', p, { v: 3 }, { 'If-Match': `"aaaa", ${etag2}` })).status, 204, 'ETag list');
  assert.equal((await xapi('PUT', 'activities/state', p, { v: 4 }, { 'If-Match': '*' })).status, 204);
  assert.equal((await xapi('PUT', 'activities/state', state(), { v: 4 }, { 'If-Match': '*' })).status, 412, '* needs a document');
  const etag4 = (await xapi('GET', 'activities/state', p)).headers.get('etag');
  assert.equal((await xapi('PUT', 'activities/state', p, { v: 5 }, { 'If-None-Match': etag4 })).status, 412);
  assert.equal((await xapi('DELETE', 'activities/state', p, undefined, { 'If-Match': etag4 })).status, 204);
  assert.equal((await xapi('GET', 'activities/state', p)).status, 404);
});

test('state: GET without stateId lists ids, since filters them, registration separates them', async () => {
  const activityId = 'http://example.com/activities/' + crypto.randomUUID();
  const base = { activityId, agent: AGENT };
  await xapi('PUT', 'activities/state', { ...base, stateId: 'a' }, { n: 1 });
  await xapi('PUT', 'activities/state', { ...base, stateId: 'b' }, { n: 2 });
  const reg = crypto.randomUUID();
  await xapi('PUT', 'activities/state', { ...base, stateId: 'c', registration: reg.toUpperCase() }, { n: 3 });
  const list = await xapi('GET', 'activities/state', base);
  assert.equal(list.status, 200);
  assert.deepEqual(list.json.sort(), ['a', 'b']);
  assert.equal(list.headers.get('etag'), `"${sha1(list.text)}"`, 'the id list has an ETag too');
  const withReg = await xapi('GET', 'activities/state', { ...base, registration: reg });
  assert.deepEqual(withReg.json, ['c'], 'registrations compare without case');
  const past = new Date(Date.now() - 60000).toISOString();
  assert.deepEqual((await xapi('GET', 'activities/state', { ...base, since: past })).json.sort(), ['a', 'b']);
  await new Promise((r) => setTimeout(r, 20));
  const mark = new Date().toISOString();
  await new Promise((r) => setTimeout(r, 20));
  await xapi('PUT', 'activities/state', { ...base, stateId: 'b' }, { n: 22 });
  assert.deepEqual((await xapi('GET', 'activities/state', { ...base, since: mark })).json, ['b']);
  const offset = (await xapi('GET', 'activities/state', { ...base, since: '2000-01-01T01:00:00+01:00' })).json;
  assert.deepEqual(offset.sort(), ['a', 'b']);
  const bad = await xapi('GET', 'activities/state', { ...base, since: 'yesterday' });
  assert.equal(bad.status, 400);
  assert.match(bad.json.error, /since/);
  // since is a GET parameter only
  assert.equal((await xapi('DELETE', 'activities/state', { ...base, since: past })).status, 400);
});

test('state: DELETE without stateId deletes every document of the activity and agent', async () => {
  const activityId = 'http://example.com/activities/' + crypto.randomUUID();
  const base = { activityId, agent: AGENT };
  const other = { activityId, agent: { mbox: 'mailto:bob@example.com' } };
  await xapi('PUT', 'activities/state', { ...base, stateId: 'a' }, { n: 1 });
  await xapi('PUT', 'activities/state', { ...base, stateId: 'b', registration: crypto.randomUUID() }, { n: 2 });
  await xapi('PUT', 'activities/state', { ...other, stateId: 'a' }, { n: 3 });
  assert.equal((await xapi('DELETE', 'activities/state', base)).status, 204);
  assert.deepEqual((await xapi('GET', 'activities/state', base)).json, []);
  assert.equal((await xapi('GET', 'activities/state', { ...base, stateId: 'a' })).status, 404);
  assert.deepEqual((await xapi('GET', 'activities/state', { ...other, stateId: 'a' })).json, { n: 3 }, 'other agents keep theirs');
});

test('state: the agent parameter is matched by its identifier, not its spelling', async () => {
  const p = state({ agent: { mbox: 'mailto:Carl@EXAMPLE.com' } });
  await xapi('PUT', 'activities/state', p, { x: 1 });
  const get = await xapi('GET', 'activities/state', { ...p, agent: { objectType: 'Agent', name: 'C', mbox: 'mailto:Carl@example.com' } });
  assert.deepEqual(get.json, { x: 1 });
});

test('state: parameters are checked and named in the error', async () => {
  const cases = [
    [{ agent: AGENT, stateId: 's' }, /activityId/],
    [{ activityId: 'not an iri', agent: AGENT, stateId: 's' }, /activityId/],
    [{ activityId: ACTIVITY, stateId: 's' }, /agent/],
    [{ activityId: ACTIVITY, agent: 'not JSON', stateId: 's' }, /agent/],
    [{ activityId: ACTIVITY, agent: { name: 'no ifi' }, stateId: 's' }, /agent/],
    [{ activityId: ACTIVITY, agent: AGENT, stateId: 's', registration: 'not-a-uuid' }, /registration/],
    [{ activityId: ACTIVITY, agent: AGENT, stateId: 's', profileId: 'x' }, /profileId/],
    [{ activityId: ACTIVITY, agent: AGENT, stateid: 's' }, /stateid/],
  ];
  for (const [params, message] of cases) {
    const res = await xapi('PUT', 'activities/state', params, { a: 1 });
    assert.equal(res.status, 400, JSON.stringify(params));
    assert.match(res.json.error, message);
  }
  const noId = await xapi('PUT', 'activities/state', { activityId: ACTIVITY, agent: AGENT }, { a: 1 });
  assert.equal(noId.status, 400);
  assert.match(noId.json.error, /stateId/);
  const post = await xapi('POST', 'activities/state', { activityId: ACTIVITY, agent: AGENT }, { a: 1 });
  assert.equal(post.status, 400);
  const patch = await xapi('PATCH', 'activities/state', state(), { a: 1 });
  assert.equal(patch.status, 405);
});

test('scopes: a state-only client may use state but not profiles or activities', async () => {
  const save = auth;
  auth = stateOnly;
  try {
    assert.equal((await xapi('PUT', 'activities/state', state(), { a: 1 })).status, 204);
    assert.equal((await xapi('GET', 'activities/profile', { activityId: ACTIVITY, profileId: 'p' })).status, 403);
    assert.equal((await xapi('GET', 'agents/profile', { agent: AGENT, profileId: 'p' })).status, 403);
    assert.equal((await xapi('GET', 'activities', { activityId: ACTIVITY })).status, 403);
    assert.equal((await xapi('GET', 'agents', { agent: AGENT })).status, 403);
  } finally {
    auth = save;
  }
  const anonymous = await fetch(`${srv.url}/xapi/activities/state?activityId=${encodeURIComponent(ACTIVITY)}`, {
    headers: { 'X-Experience-API-Version': '1.0.3' } });
  assert.equal(anonymous.status, 401);
});

for (const [resource, base] of [
  ['activities/profile', () => ({ activityId: 'http://example.com/a/' + crypto.randomUUID() })],
  ['agents/profile', () => ({ agent: { mbox: `mailto:${crypto.randomUUID()}@example.com` } })],
]) {
  test(`${resource}: create, 409 without concurrency headers, If-Match, merge, list, delete`, async () => {
    const b = base();
    const p = { ...b, profileId: 'settings' };
    assert.equal((await xapi('PUT', resource, p, { a: 1 }, { 'If-None-Match': '*' })).status, 204);
    const conflict = await xapi('PUT', resource, p, { a: 2 });
    assert.equal(conflict.status, 409);
    assert.match(conflict.json.error, /If-Match/);
    const get = await xapi('GET', resource, p);
    assert.deepEqual(get.json, { a: 1 });
    assert.equal(get.headers.get('etag'), `"${sha1('{"a":1}')}"`);
    assert.ok(get.headers.get('last-modified'));
    assert.equal((await xapi('PUT', resource, p, { a: 2 }, { 'If-Match': '"0000"' })).status, 412);
    assert.equal((await xapi('PUT', resource, p, { a: 2 }, { 'If-None-Match': '*' })).status, 412);
    assert.equal((await xapi('PUT', resource, p, { a: 2 }, { 'If-Match': get.headers.get('etag') })).status, 204);
    assert.equal((await xapi('POST', resource, p, { b: 3 })).status, 204, 'POST needs no header');
    assert.deepEqual((await xapi('GET', resource, p)).json, { a: 2, b: 3 });
    assert.equal((await xapi('POST', resource, p, '[1]')).status, 400);
    await xapi('PUT', resource, { ...b, profileId: 'other' }, 'x', { 'Content-Type': 'text/plain', 'If-None-Match': '*' });
    const list = await xapi('GET', resource, b);
    assert.deepEqual(list.json.sort(), ['other', 'settings']);
    const future = new Date(Date.now() + 60000).toISOString();
    assert.deepEqual((await xapi('GET', resource, { ...b, since: future })).json, []);
    assert.equal((await xapi('DELETE', resource, b)).status, 400, 'profiles are deleted one by one');
    assert.equal((await xapi('DELETE', resource, p)).status, 204);
    assert.equal((await xapi('GET', resource, p)).status, 404);
    assert.deepEqual((await xapi('GET', resource, b)).json, ['other']);
    // in 2.0.0 too
    const p2 = { ...b, profileId: 'v2' };
    assert.equal((await xapi('PUT', resource, p2, { a: 1 }, {}, '2.0.0')).status, 204);
    assert.equal((await xapi('PUT', resource, p2, { a: 2 }, {}, '2.0.0')).status, 409);
  });
}

test('activities/profile and agents/profile check their parameters', async () => {
  const r1 = await xapi('GET', 'activities/profile', { profileId: 'p' });
  assert.equal(r1.status, 400);
  assert.match(r1.json.error, /activityId/);
  const r2 = await xapi('GET', 'agents/profile', { profileId: 'p' });
  assert.equal(r2.status, 400);
  assert.match(r2.json.error, /agent/);
  const r3 = await xapi('PUT', 'activities/profile', { activityId: ACTIVITY }, { a: 1 });
  assert.equal(r3.status, 400);
  assert.match(r3.json.error, /profileId/);
  const r4 = await xapi('GET', 'agents/profile', { agent: AGENT, profileId: 'p', activityId: ACTIVITY });
  assert.equal(r4.status, 400);
  assert.match(r4.json.error, /activityId/);
});

test('activities: an unknown activity is still an Activity object', async () => {
  const id = 'http://example.com/never-seen/' + crypto.randomUUID();
  const res = await xapi('GET', 'activities', { activityId: id });
  assert.equal(res.status, 200);
  assert.deepEqual(res.json, { objectType: 'Activity', id });
  const missing = await xapi('GET', 'activities', {});
  assert.equal(missing.status, 400);
  assert.match(missing.json.error, /activityId/);
  assert.equal((await xapi('GET', 'activities', { activityId: 'true' })).status, 400);
  assert.equal((await xapi('PUT', 'activities', { activityId: id }, {})).status, 405);
});

test('agents: a Person object with every property an array', async () => {
  const res = await xapi('GET', 'agents', { agent: AGENT });
  assert.equal(res.status, 200);
  assert.deepEqual(res.json, { objectType: 'Person', name: ['Ann'], mbox: ['mailto:ann@example.com'] });
  const account = { account: { homePage: 'http://example.com', name: 'u1' } };
  const acc = await xapi('GET', 'agents', { agent: account });
  assert.deepEqual(acc.json, { objectType: 'Person', name: [], account: [account.account] });
  assert.equal((await xapi('GET', 'agents', {})).status, 400);
  assert.equal((await xapi('GET', 'agents', { agent: { name: 'x' } })).status, 400);
  const group = await xapi('GET', 'agents', { agent: { objectType: 'Group', mbox: 'mailto:team@example.com' } });
  assert.equal(group.status, 400);
});

test('activities: the definition is merged from every statement of a trusted client', async () => {
  const id = 'http://example.com/meetings/' + crypto.randomUUID();
  const verb = { id: 'http://adlnet.gov/expapi/verbs/attended' };
  const first = {
    actor: AGENT, verb,
    object: { objectType: 'Activity', id, definition: {
      type: 'http://adlnet.gov/expapi/activities/meeting',
      name: { 'en-GB': 'example meeting', 'en-US': 'example meeting' },
      extensions: { 'http://example.com/ext/room': 'A1' } } },
  };
  const second = {
    actor: AGENT, verb,
    object: { objectType: 'Activity', id, definition: { name: { 'fr-FR': 'réunion' }, moreInfo: 'http://example.com/more' } },
  };
  const inContext = {
    actor: AGENT, verb,
    object: { objectType: 'Activity', id: 'http://example.com/other' },
    context: { contextActivities: { parent: [{ id, definition: { description: { 'en-US': 'a meeting' } } }] } },
  };
  const res = await xapi('POST', 'statements', {}, [first, second, inContext]);
  assert.equal(res.status, 200, res.text);
  const got = await xapi('GET', 'activities', { activityId: id });
  assert.equal(got.status, 200);
  assert.deepEqual(got.json, {
    objectType: 'Activity', id,
    definition: {
      type: 'http://adlnet.gov/expapi/activities/meeting',
      name: { 'en-GB': 'example meeting', 'en-US': 'example meeting', 'fr-FR': 'réunion' },
      description: { 'en-US': 'a meeting' },
      moreInfo: 'http://example.com/more',
      extensions: { 'http://example.com/ext/room': 'A1' },
    },
  });
  // in 2.0.0 the same
  const v2 = await xapi('GET', 'activities', { activityId: id }, undefined, {}, '2.0.0');
  assert.deepEqual(v2.json.definition.name['fr-FR'], 'réunion');
});

test('activities: a client with "define" sets the definition; one without it changes nothing', async () => {
  const id = 'http://example.com/courses/' + crypto.randomUUID();
  const verb = { id: 'http://adlnet.gov/expapi/verbs/attended' };
  const about = (definition) => ({ actor: AGENT, verb, object: { objectType: 'Activity', id, definition } });
  const as = (who) => ({ Authorization: who });

  // Seen, but only in a statement from a client that may not define it: no definition.
  let res = await xapi('POST', 'statements', {}, about({ name: { 'en-US': 'rogue name' } }), as(writer));
  assert.equal(res.status, 200, res.text);
  assert.deepEqual((await xapi('GET', 'activities', { activityId: id })).json, { objectType: 'Activity', id });

  res = await xapi('POST', 'statements', {}, about({ name: { 'en-US': 'Forklift basics' }, type: 'http://adlnet.gov/expapi/activities/course' }), as(definer));
  assert.equal(res.status, 200, res.text);
  res = await xapi('POST', 'statements', {}, about({ name: { 'en-US': 'renamed by a writer' } }), as(writer));
  assert.equal(res.status, 200, res.text);
  // A later request in another language merges into the language map.
  res = await xapi('PUT', 'statements', { statementId: crypto.randomUUID() }, about({ name: { 'de-DE': 'Gabelstapler' } }), as(definer));
  assert.equal(res.status, 204, res.text);

  const got = await xapi('GET', 'activities', { activityId: id });
  assert.equal(got.status, 200);
  assert.deepEqual(got.json, {
    objectType: 'Activity', id,
    definition: { name: { 'en-US': 'Forklift basics', 'de-DE': 'Gabelstapler' }, type: 'http://adlnet.gov/expapi/activities/course' },
  });

  // format=canonical gives the LRS's definition (XAPI-00169), in the language asked for, also
  // for the writer's statement that named the activity otherwise.
  const canonical = await xapi('GET', 'statements', { activity: id, format: 'canonical' }, undefined,
    { 'Accept-Language': 'de-DE' });
  assert.equal(canonical.status, 200);
  assert.equal(canonical.json.statements.length, 4);
  for (const st of canonical.json.statements) {
    assert.deepEqual(st.object.definition, { name: { 'de-DE': 'Gabelstapler' }, type: 'http://adlnet.gov/expapi/activities/course' });
  }
  const exact = await xapi('GET', 'statements', { activity: id });
  assert.ok(exact.json.statements.some((st) => st.object.definition.name['en-US'] === 'rogue name'));
});

test('agents: the Person lists the names the agent was given in statements', async () => {
  const mbox = `mailto:${crypto.randomUUID()}@example.com`;
  const verb = { id: 'http://adlnet.gov/expapi/verbs/attended' };
  const object = { id: 'http://example.com/a' };
  const res = await xapi('POST', 'statements', {}, [
    { actor: { mbox, name: 'Dana' }, verb, object },
    { actor: { mbox, name: 'Dana K.' }, verb, object },
    { actor: { mbox: 'mailto:someone@example.com', name: 'Someone' }, verb, object: { objectType: 'Agent', mbox, name: 'D.' } },
  ]);
  assert.equal(res.status, 200, res.text);
  const got = await xapi('GET', 'agents', { agent: { mbox } });
  assert.equal(got.status, 200);
  assert.equal(got.json.objectType, 'Person');
  assert.deepEqual(got.json.mbox, [mbox]);
  assert.deepEqual([...got.json.name].sort(), ['D.', 'Dana', 'Dana K.']);
});

test('state: the 1.0.3 alternate request syntax (a form POST standing for PUT, GET and DELETE)', async () => {
  const p = state();
  const form = (method, fields) => fetch(`${srv.url}/xapi/activities/state?method=${method}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      Authorization: auth, 'X-Experience-API-Version': '1.0.3',
      activityId: p.activityId, agent: JSON.stringify(p.agent), stateId: p.stateId, ...fields,
    }),
  });
  const put = await form('PUT', { content: '{"via":"form"}', 'Content-Type': 'application/json' });
  assert.equal(put.status, 204, await put.text());
  const etag = put.headers.get('etag');
  assert.equal(etag, `"${sha1('{"via":"form"}')}"`);
  const get = await form('GET', {});
  assert.equal(get.status, 200);
  assert.deepEqual(await get.json(), { via: 'form' });
  assert.equal((await form('DELETE', { 'If-Match': '"0000"' })).status, 412);
  assert.equal((await form('DELETE', { 'If-Match': etag })).status, 204);
  assert.equal((await xapi('GET', 'activities/state', p)).status, 404);
});
