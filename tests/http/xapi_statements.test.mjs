// xapi_statements.test.mjs: the xAPI Statement resource against the real server: PUT, POST,
// GET and HEAD, conflicts, voiding, every query filter, paging through "more", formats, the
// version header, CORS, the About resource and the 1.0.3 alternate request syntax.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startLrs, xapi, statement, uuid } from '../lib/xapi.mjs';

let lrs;
before(async () => { lrs = await startLrs(); });
after(async () => { await lrs.stop(); });

const get = (params, opts = {}) => xapi(lrs, 'GET', 'statements', { params, ...opts });
const put = (id, body, opts = {}) => xapi(lrs, 'PUT', 'statements', { params: { statementId: id }, body, ...opts });
const post = (body, opts = {}) => xapi(lrs, 'POST', 'statements', { body, ...opts });
const verbOf = () => ({ id: `http://example.com/verbs/${uuid()}`, display: { 'en-US': 'tested' } });

test('PUT stores a statement (204) that GET ?statementId returns with the LRS properties', async () => {
  const id = uuid();
  const res = await put(id, statement());
  assert.equal(res.status, 204);
  assert.equal(res.text, '');
  assert.equal(res.headers.get('x-experience-api-version'), '1.0.3');
  const got = await get({ statementId: id });
  assert.equal(got.status, 200);
  assert.equal(got.headers.get('content-type'), 'application/json');
  assert.equal(got.json.id, id);
  assert.equal(got.json.actor.mbox, 'mailto:ann@example.com');
  assert.match(got.json.stored, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  assert.equal(got.json.timestamp, got.json.stored);
  assert.equal(got.json.authority.account.name, lrs.clients.all.key);
  assert.match(got.headers.get('x-experience-api-consistent-through'), /^\d{4}-\d\d-\d\dT/);
  assert.equal(new Date(got.headers.get('last-modified')).getTime(),
    Math.floor(new Date(got.json.stored).getTime() / 1000) * 1000);
});

test('PUT: statementId is required, must be a UUID and must match the id in the body', async () => {
  const none = await xapi(lrs, 'PUT', 'statements', { body: statement() });
  assert.equal(none.status, 400);
  assert.match(none.json.error, /statementId/);
  const bad = await put('not-a-uuid', statement());
  assert.equal(bad.status, 400);
  assert.match(bad.json.error, /statementId: must be a UUID/);
  const mismatch = await put(uuid(), statement({ id: uuid() }));
  assert.equal(mismatch.status, 400);
  assert.match(mismatch.json.error, /^id: /);
  const array = await put(uuid(), [statement()]);
  assert.equal(array.status, 400);
  const id = uuid();
  assert.equal((await put(id.toUpperCase(), statement({ id }))).status, 204);
});

test('a statement id is immutable: same content again is 204, different content 409', async () => {
  const id = uuid();
  assert.equal((await put(id, statement())).status, 204);
  assert.equal((await put(id, statement())).status, 204);
  const other = await put(id, statement({ verb: verbOf() }));
  assert.equal(other.status, 409);
  assert.match(other.json.error, /id/);
  const viaPost = await post(statement({ id, verb: verbOf() }));
  assert.equal(viaPost.status, 409);
  // A client resending what is stored (its reply was lost) is told there is nothing new.
  const resent = await post([statement({ id })]);
  assert.equal(resent.status, 204);
  const partly = await post([statement({ id }), statement()]);
  assert.equal(partly.status, 200);
  assert.equal(partly.json[0], id);
  const got = await get({ statementId: id });
  assert.equal(got.json.verb.id, 'http://adlnet.gov/expapi/verbs/experienced');
});

test('POST takes one statement or a batch and answers with the ids in order', async () => {
  const one = await post(statement());
  assert.equal(one.status, 200);
  assert.equal(one.json.length, 1);
  assert.match(one.json[0], /^[0-9a-f-]{36}$/);
  const ids = [uuid(), uuid()];
  const batch = await post([statement({ id: ids[0] }), statement(), statement({ id: ids[1] })]);
  assert.equal(batch.status, 200);
  assert.equal(batch.json.length, 3);
  assert.equal(batch.json[0], ids[0]);
  assert.equal(batch.json[2], ids[1]);
  assert.equal((await get({ statementId: batch.json[1] })).status, 200);
});

test('a batch is all or nothing: an invalid statement, a duplicate id or a conflict stores none', async () => {
  const verb = verbOf();
  const a = uuid();
  const invalid = await post([statement({ id: a, verb }), statement({ actor: { mbox: 'ann@example.com' } })]);
  assert.equal(invalid.status, 400);
  assert.match(invalid.json.error, /statements\[1\]\.actor\.mbox/);
  const dup = uuid();
  const twice = await post([statement({ id: dup, verb }), statement({ id: dup, verb })]);
  assert.equal(twice.status, 400);
  assert.match(twice.json.error, /appears twice/);
  const stored = uuid();
  assert.equal((await put(stored, statement())).status, 204);
  const conflict = await post([statement({ id: a, verb }), statement({ id: stored, verb })]);
  assert.equal(conflict.status, 409);
  assert.equal((await get({ statementId: a })).status, 404);
  assert.equal((await get({ statementId: dup })).status, 404);
  assert.equal((await get({ verb: verb.id })).json.statements.length, 0);
});

test('bodies that are not statements, or not JSON, are refused with the field named', async () => {
  const notJson = await post('{"actor":', { headers: { 'Content-Type': 'application/json' } });
  assert.equal(notJson.status, 400);
  assert.match(notJson.json.error, /^body: not valid JSON/);
  const noVerb = await post({ actor: statement().actor, object: statement().object });
  assert.equal(noVerb.status, 400);
  assert.match(noVerb.json.error, /verb/);
  const wrongType = await post(JSON.stringify(statement()), { headers: { 'Content-Type': 'text/plain' } });
  assert.equal(wrongType.status, 400);
  assert.match(wrongType.json.error, /^Content-Type/);
  const param = await xapi(lrs, 'POST', 'statements', { params: { verb: 'http://x.com/v' }, body: statement() });
  assert.equal(param.status, 400);
  assert.match(param.json.error, /^verb: unknown parameter/);
});

test('GET one statement: 404 when absent, 400 with filter parameters or both ids', async () => {
  const missing = await get({ statementId: uuid() });
  assert.equal(missing.status, 404);
  assert.equal(missing.headers.get('x-experience-api-version'), '1.0.3');
  assert.ok(missing.headers.get('x-experience-api-consistent-through'));
  const id = (await post(statement())).json[0];
  const withFilter = await get({ statementId: id, verb: 'http://adlnet.gov/expapi/verbs/experienced' });
  assert.equal(withFilter.status, 400);
  assert.match(withFilter.json.error, /^verb/);
  const both = await get({ statementId: id, voidedStatementId: id });
  assert.equal(both.status, 400);
  const withFormat = await get({ statementId: id, format: 'ids', attachments: 'false' });
  assert.equal(withFormat.status, 200);
  const unknown = await get({ colour: 'red' });
  assert.equal(unknown.status, 400);
  assert.match(unknown.json.error, /^colour: unknown parameter/);
});

test('HEAD answers like GET without a body; other methods get 405 with Allow', async () => {
  const id = (await post(statement())).json[0];
  const head = await xapi(lrs, 'HEAD', 'statements', { params: { statementId: id } });
  assert.equal(head.status, 200);
  assert.equal(head.text, '');
  assert.ok(Number(head.headers.get('content-length')) > 100);
  assert.ok(head.headers.get('x-experience-api-consistent-through'));
  const headMissing = await xapi(lrs, 'HEAD', 'statements', { params: { statementId: uuid() } });
  assert.equal(headMissing.status, 404);
  const del = await xapi(lrs, 'DELETE', 'statements', { params: { statementId: id } });
  assert.equal(del.status, 405);
  assert.equal(del.headers.get('allow'), 'HEAD, GET, PUT, POST');
});

test('voiding: the voided statement is only reachable through voidedStatementId', async () => {
  const verb = verbOf();
  const target = (await post(statement({ verb }))).json[0];
  const voiding = statement({
    verb: { id: 'http://adlnet.gov/expapi/verbs/voided', display: { 'en-US': 'voided' } },
    object: { objectType: 'StatementRef', id: target },
  });
  const voidId = (await post(voiding)).json[0];
  assert.equal((await get({ statementId: target })).status, 404);
  const voided = await get({ voidedStatementId: target });
  assert.equal(voided.status, 200);
  assert.equal(voided.json.id, target);
  assert.equal((await get({ voidedStatementId: voidId })).status, 404);
  // The voided statement never matches a query; its voiding statement refers to it, so it
  // matches the same filters (StatementRef rule).
  assert.deepEqual((await get({ verb: verb.id })).json.statements.map((s) => s.id), [voidId]);
  const again = await post(statement({
    verb: voiding.verb, object: { objectType: 'StatementRef', id: voidId },
  }));
  assert.equal(again.status, 400);
  assert.match(again.json.error, /void/);
  assert.equal((await get({ statementId: voidId })).status, 200);
});

test('filters: agent, verb, activity, registration and the related_* widening', async () => {
  const verb = verbOf();
  const reg = uuid();
  const act = `http://example.com/activities/${uuid()}`;
  const parent = `http://example.com/courses/${uuid()}`;
  const bob = { objectType: 'Agent', mbox: `mailto:bob-${uuid()}@example.com` };
  const coach = { objectType: 'Agent', mbox: `mailto:coach-${uuid()}@example.com` };
  const s1 = (await post(statement({ verb, actor: bob, object: { id: act } }))).json[0];
  const s2 = (await post(statement({
    verb, object: { id: `http://example.com/activities/${uuid()}` },
    context: { registration: reg, instructor: coach, contextActivities: { parent: [{ id: parent }] } },
  }))).json[0];
  const ids = async (params) => {
    const res = await get({ verb: verb.id, ...params });
    assert.equal(res.status, 200, res.text);
    return res.json.statements.map((s) => s.id).sort();
  };
  assert.deepEqual(await ids({}), [s1, s2].sort());
  assert.deepEqual(await ids({ agent: { mbox: bob.mbox.toUpperCase().replace('MAILTO', 'mailto') } }), []);
  assert.deepEqual(await ids({ agent: bob }), [s1]);
  assert.deepEqual(await ids({ activity: act }), [s1]);
  assert.deepEqual(await ids({ registration: reg.toUpperCase() }), [s2]);
  assert.deepEqual(await ids({ activity: parent }), []);
  assert.deepEqual(await ids({ activity: parent, related_activities: 'true' }), [s2]);
  assert.deepEqual(await ids({ agent: coach }), []);
  assert.deepEqual(await ids({ agent: coach, related_agents: 'true' }), [s2]);
  for (const [name, value, msg] of [
    ['agent', '{"mbox":', /^agent: not valid JSON/],
    ['agent', { mbox: 'bob@example.com' }, /^agent\.mbox/],
    ['verb', 'not an iri', /^verb: must be an absolute IRI/],
    ['activity', 'nope', /^activity/],
    ['registration', 'nope', /^registration: must be a UUID/],
    ['related_agents', 'yes', /^related_agents: must be true or false/],
    ['limit', '-1', /^limit/],
    ['format', 'full', /^format/],
    ['since', 'yesterday', /^since/],
    ['until', '2024-01-01T00:00:00', /^until/],
  ]) {
    const res = await get({ [name]: value });
    assert.equal(res.status, 400, `${name}=${value}`);
    assert.match(res.json.error, msg);
  }
});

test('since, until, ascending, limit, and paging through "more" until it is empty', async () => {
  const verb = verbOf();
  const ids = [];
  for (let i = 0; i < 5; i++) {
    ids.push((await post(statement({ verb }))).json[0]);
    await new Promise((r) => setTimeout(r, 3));
  }
  const all = await get({ verb: verb.id });
  assert.deepEqual(all.json.statements.map((s) => s.id), [...ids].reverse());
  assert.equal(all.json.more, '');
  const stored = all.json.statements.map((s) => s.stored).reverse();
  const asc = await get({ verb: verb.id, ascending: 'true' });
  assert.deepEqual(asc.json.statements.map((s) => s.id), ids);
  const since = await get({ verb: verb.id, since: stored[1], ascending: 'true' });
  assert.deepEqual(since.json.statements.map((s) => s.id), ids.slice(2));
  const until = await get({ verb: verb.id, until: stored[1], ascending: 'true' });
  assert.deepEqual(until.json.statements.map((s) => s.id), ids.slice(0, 2));
  const offset = stored[2].replace('Z', '+00:00');
  const window = await get({ verb: verb.id, since: stored[0], until: offset });
  assert.deepEqual(window.json.statements.map((s) => s.id), [ids[2], ids[1]]);

  const seen = [];
  let page = await get({ verb: verb.id, limit: '2', ascending: 'true' });
  for (;;) {
    assert.equal(page.status, 200);
    assert.ok(page.json.statements.length <= 2);
    seen.push(...page.json.statements.map((s) => s.id));
    if (!page.json.more) break;
    assert.match(page.json.more, /^\/xapi\/statements\?/);
    const res = await fetch(lrs.srv.url + page.json.more, {
      headers: { Authorization: lrs.clients.all.auth, 'X-Experience-API-Version': '1.0.3' },
    });
    page = { status: res.status, json: await res.json() };
  }
  assert.deepEqual(seen, ids);
  const zero = await get({ verb: verb.id, limit: '0' });
  assert.equal(zero.json.statements.length, 5);
});

test('a statement referring to a match matches too (StatementRef rule)', async () => {
  const act = `http://example.com/activities/${uuid()}`;
  const target = (await post(statement({ object: { id: act } }))).json[0];
  const ref = (await post(statement({
    verb: { id: 'http://example.com/verbs/commented', display: { en: 'commented' } },
    object: { objectType: 'StatementRef', id: target },
  }))).json[0];
  const res = await get({ activity: act });
  assert.deepEqual(res.json.statements.map((s) => s.id).sort(), [target, ref].sort());
});

test('format=ids reduces agents, activities and verbs; canonical picks one language', async () => {
  const verb = { id: `http://example.com/verbs/${uuid()}`, display: { 'en-US': 'lifted', 'de-DE': 'hob', fr: 'souleva' } };
  const object = {
    objectType: 'Activity', id: `http://example.com/activities/${uuid()}`,
    definition: { name: { 'en-US': 'Lifting', 'de-DE': 'Heben' }, description: { 'en-GB': 'How to lift', 'fr': 'Soulever' } },
  };
  const id = (await post(statement({ verb, object }))).json[0];
  const ids = await get({ statementId: id, format: 'ids' });
  assert.deepEqual(ids.json.actor, { objectType: 'Agent', mbox: 'mailto:ann@example.com' });
  assert.deepEqual(ids.json.verb, { id: verb.id });
  assert.deepEqual(ids.json.object, { id: object.id });   // an Activity is its id (XAPI-00171)
  assert.equal(ids.json.authority.name, undefined);
  const exact = await get({ verb: verb.id, format: 'exact' });
  assert.deepEqual(exact.json.statements[0].verb, verb);
  const de = await get({ statementId: id, format: 'canonical' }, { headers: { 'Accept-Language': 'fr;q=0.5, de-DE' } });
  assert.deepEqual(de.json.verb.display, { 'de-DE': 'hob' });
  assert.deepEqual(de.json.object.definition.name, { 'de-DE': 'Heben' });
  assert.deepEqual(de.json.object.definition.description, { fr: 'Soulever' });
  const en = await get({ verb: verb.id, format: 'canonical' }, { headers: { 'Accept-Language': 'en' } });
  assert.deepEqual(en.json.statements[0].verb.display, { 'en-US': 'lifted' });
  assert.deepEqual(en.json.statements[0].object.definition.description, { 'en-GB': 'How to lift' });
});

test('the version header is required and must be 1.0.x or 2.0.x; replies name the version used', async () => {
  const none = await get({}, { version: null });
  assert.equal(none.status, 400);
  assert.match(none.json.error, /X-Experience-API-Version/);
  assert.ok(none.headers.get('x-experience-api-version'));
  for (const v of ['0.95', '1.1.0', '3.0.0', 'latest']) {
    const res = await get({}, { version: v });
    assert.equal(res.status, 400, v);
    assert.match(res.json.error, /X-Experience-API-Version: unsupported/);
  }
  assert.equal((await get({}, { version: '1.0' })).headers.get('x-experience-api-version'), '1.0.3');
  assert.equal((await get({}, { version: '1.0.1' })).status, 200);
  const v2 = await get({}, { version: '2.0.0' });
  assert.equal(v2.status, 200);
  assert.equal(v2.headers.get('x-experience-api-version'), '2.0.0');
  const id = uuid();
  assert.equal((await put(id, statement(), { version: '2.0.0' })).status, 204);
  assert.equal((await get({ statementId: id })).json.version, '2.0.0');
});

test('CORS: preflight is answered without credentials; replies expose the xAPI headers', async () => {
  const res = await fetch(`${lrs.srv.url}/xapi/statements`, {
    method: 'OPTIONS',
    headers: { Origin: 'http://elsewhere.example', 'Access-Control-Request-Method': 'PUT' },
  });
  assert.equal(res.status, 204);
  assert.equal(res.headers.get('access-control-allow-origin'), '*');
  assert.match(res.headers.get('access-control-allow-methods'), /PUT/);
  for (const h of ['Authorization', 'Content-Type', 'If-Match', 'If-None-Match', 'X-Experience-API-Version']) {
    assert.ok(res.headers.get('access-control-allow-headers').includes(h), h);
  }
  const got = await get({});
  for (const h of ['ETag', 'Last-Modified', 'X-Experience-API-Consistent-Through', 'X-Experience-API-Version']) {
    assert.ok(got.headers.get('access-control-expose-headers').includes(h), h);
  }
  assert.equal(got.headers.get('access-control-allow-origin'), '*');
});

test('About needs neither credentials nor a version header; unknown resources are 404', async () => {
  const about = await xapi(lrs, 'GET', 'about', { auth: null, version: null });
  assert.equal(about.status, 200);
  assert.deepEqual(about.json.version, ['1.0.3', '2.0.0']);
  assert.deepEqual(about.json.extensions, {});
  assert.equal(about.headers.get('x-experience-api-version'), '2.0.0');
  const v1 = await xapi(lrs, 'GET', 'about', { auth: null });
  assert.equal(v1.headers.get('x-experience-api-version'), '1.0.3');
  assert.equal((await xapi(lrs, 'HEAD', 'about', { auth: null })).status, 200);
  assert.equal((await xapi(lrs, 'POST', 'about', { auth: null, body: {} })).status, 405);
  const nowhere = await xapi(lrs, 'GET', 'nowhere');
  assert.equal(nowhere.status, 404);
  assert.match(nowhere.json.error, /\/xapi\/nowhere/);
});

// The 1.0.3 alternate request syntax: POST ?method=X with the headers, parameters and content
// in an application/x-www-form-urlencoded body.
function alternate(method, fields, query = {}) {
  const url = new URL(`${lrs.srv.url}/xapi/statements`);
  url.searchParams.set('method', method);
  for (const [k, v] of Object.entries(query)) url.searchParams.set(k, v);
  return fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString(),
  });
}

test('alternate request syntax: PUT and GET through a form in 1.0.3', async () => {
  const id = uuid();
  const fields = {
    statementId: id, Authorization: lrs.clients.all.auth, 'X-Experience-API-Version': '1.0.3',
    'Content-Type': 'application/json', content: JSON.stringify(statement({ result: { response: 'a+b & c=d' } })),
  };
  const res = await alternate('PUT', fields);
  assert.equal(res.status, 204, await res.text());
  assert.equal(res.headers.get('x-experience-api-version'), '1.0.3');
  const got = await alternate('GET', {
    statementId: id, Authorization: lrs.clients.all.auth, 'X-Experience-API-Version': '1.0.3',
  });
  assert.equal(got.status, 200);
  assert.equal((await got.json()).result.response, 'a+b & c=d');
  const noAuth = await alternate('GET', { statementId: id, 'X-Experience-API-Version': '1.0.3' });
  assert.equal(noAuth.status, 401);
});

test('alternate request syntax: real headers count too, and the content is JSON by default', async () => {
  const id = uuid();
  const res = await fetch(`${lrs.srv.url}/xapi/statements?method=PUT`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/x-www-form-urlencoded', Authorization: lrs.clients.all.auth,
      'X-Experience-API-Version': '1.0.3',
    },
    // A header field sent both ways: the form's wins (the conformance suite, Communication
    // 1.3.s3.b7, sends an unsupported version in the form under a good real header).
    body: new URLSearchParams({ statementId: id, 'X-Experience-API-Version': '0.8', content: JSON.stringify(statement()) }),
  });
  assert.equal(res.status, 400);
  assert.match((await res.json()).error, /X-Experience-API-Version/);
  const ok = await fetch(`${lrs.srv.url}/xapi/statements?method=PUT`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Authorization: lrs.clients.all.auth },
    body: new URLSearchParams({ statementId: id, 'X-Experience-API-Version': '1.0.3', content: JSON.stringify(statement()) }),
  });
  assert.equal(ok.status, 204, await ok.text());
  const page = await fetch(`${lrs.srv.url}/xapi/statements?method=GET`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/x-www-form-urlencoded', Authorization: lrs.clients.all.auth,
      'X-Experience-API-Version': '1.0.3',
    },
    body: 'limit=1',
  });
  assert.equal(page.status, 200);
  const result = await page.json();
  assert.equal(result.statements.length, 1);
  assert.equal(result.statements[0].id, id);
  assert.match(result.more, /^\/xapi\/statements\?limit=1&more=\d+$/);
});

test('alternate request syntax: refused in 2.0.0, with extra query parameters, or not as a form', async () => {
  const base = { Authorization: lrs.clients.all.auth, 'Content-Type': 'application/json', content: JSON.stringify(statement()) };
  const v2 = await alternate('PUT', { ...base, statementId: uuid(), 'X-Experience-API-Version': '2.0.0' });
  assert.equal(v2.status, 400);
  assert.match((await v2.json()).error, /alternate request syntax/);
  const v2Header = await xapi(lrs, 'POST', 'statements', { params: { method: 'GET' }, version: '2.0.0' });
  assert.equal(v2Header.status, 400);
  const extra = await alternate('PUT', { ...base, 'X-Experience-API-Version': '1.0.3' }, { statementId: uuid() });
  assert.equal(extra.status, 400);
  const notPost = await xapi(lrs, 'PUT', 'statements', { params: { method: 'POST' }, body: statement() });
  assert.equal(notPost.status, 400);
  const notForm = await xapi(lrs, 'POST', 'statements', { params: { method: 'PUT' }, body: statement() });
  assert.equal(notForm.status, 400);
  assert.match(notForm.json.error, /^Content-Type/);
  const badMethod = await alternate('PATCH', { ...base, 'X-Experience-API-Version': '1.0.3' });
  assert.equal(badMethod.status, 400);
  const badForm = await fetch(`${lrs.srv.url}/xapi/statements?method=GET`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Authorization: lrs.clients.all.auth, 'X-Experience-API-Version': '1.0.3' },
    body: 'limit=%zz',
  });
  assert.equal(badForm.status, 400);
  assert.match((await badForm.json()).error, /^body: not a well-formed form/);
});
