// xapi_conformance.test.mjs: requirements of the ADL LRS conformance test suite
// (github.com/adlnet/lrs-conformance-test-suite, test/v1_0_3 and test/v2_0) that the other
// xapi_*.test.mjs files do not already cover, grouped by the suite's requirement id. Tables list
// statements the LRS must refuse (with the field the 400 message must name) or accept.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startLrs, xapi, statement, uuid, multipart } from '../lib/xapi.mjs';

let lrs;
before(async () => { lrs = await startLrs(); });
after(async () => { await lrs.stop(); });

const post = (body, opts = {}) => xapi(lrs, 'POST', 'statements', { body, ...opts });
const get = (params, opts = {}) => xapi(lrs, 'GET', 'statements', { params, ...opts });

const agent = { objectType: 'Agent', name: 'Bo', mbox: 'mailto:bo@example.com' };
const group = { objectType: 'Group', name: 'Crew', member: [agent] };
const activity = { objectType: 'Activity', id: 'http://example.com/activities/a' };
const verb = { id: 'http://example.com/verbs/did', display: { 'en-US': 'did' } };
const sub = (over = {}) => ({ objectType: 'SubStatement', actor: agent, verb, object: activity, ...over });
const withAgentAt = (where, a) => ({
  actor: statement({ actor: a }),
  authority: statement({ authority: a }),
  instructor: statement({ context: { instructor: a } }),
  object: statement({ object: a }),
  'substatement actor': statement({ object: sub({ actor: a }) }),
  'substatement instructor': statement({ object: sub({ context: { instructor: a } }) }),
})[where];
const AGENT_PLACES = ['actor', 'authority', 'instructor', 'object', 'substatement actor', 'substatement instructor'];
const ERROR_PATH = {
  actor: 'actor', authority: 'authority', instructor: 'context.instructor', object: 'object',
  'substatement actor': 'object.actor', 'substatement instructor': 'object.context.instructor',
};

// [requirement, what, statement, field the message names, xAPI version (default 1.0.3)]
const INVALID = [];
for (const place of AGENT_PLACES) {
  const p = ERROR_PATH[place];
  INVALID.push(
    ['XAPI-00032', `${place} objectType numeric`, withAgentAt(place, { ...agent, objectType: 123 }), `${p}.objectType`],
    ['XAPI-00032', `${place} objectType "agent"`, withAgentAt(place, { ...agent, objectType: 'agent' }), `${p}.objectType`],
    ['XAPI-00033', `${place} name numeric`, withAgentAt(place, { ...agent, name: 123 }), `${p}.name`],
    ['XAPI-00036', `${place} without an identifier`, withAgentAt(place, { objectType: 'Agent', name: 'Bo' }), p],
    ['XAPI-00037', `${place} mbox with openid`, withAgentAt(place, { ...agent, openid: 'http://openid.example.org/1' }), p],
    ['XAPI-00040', `${place} mbox not mailto`, withAgentAt(place, { objectType: 'Agent', mbox: 'http://should.fail.com' }), `${p}.mbox`],
    ['XAPI-00040', `${place} mbox without address`, withAgentAt(place, { objectType: 'Agent', mbox: 'mailto:should.fail.com' }), `${p}.mbox`],
    ['XAPI-00039', `${place} account homePage not an IRI`, withAgentAt(place, { objectType: 'Agent', account: { homePage: 'ab=c://should.fail.com', name: 'x' } }), `${p}.account.homePage`],
    ['XAPI-00007', `${place} account name an object`, withAgentAt(place, { objectType: 'Agent', account: { homePage: 'http://example.com', name: { key: 'x' } } }), `${p}.account.name`],
  );
}
INVALID.push(
  ['XAPI-00001', 'verb display value null', statement({ verb: { ...verb, display: { 'en-US': null } } }), 'verb.display'],
  ['XAPI-00001', 'context registration null', statement({ context: { registration: null } }), 'context.registration'],
  ['XAPI-00006', 'score max a numeric string', statement({ result: { score: { max: '100' } } }), 'result.score.max'],
  ['XAPI-00006', 'completion the string "false"', statement({ result: { completion: 'false' } }), 'result.completion'],
  ['XAPI-00007', 'id with a non-hex letter', statement({ id: 'MA97B177-9383-4934-8543-0F91A7A02836' }), 'id'],
  ['XAPI-00007', 'id an object', statement({ id: { key: 'x' } }), 'id'],
  ['XAPI-00011', 'verb id without a scheme', statement({ verb: { id: 'should fail' } }), 'verb.id'],
  ['XAPI-00011', 'activity id without a scheme', statement({ object: { id: 'example.com/a' } }), 'object.id'],
  ['XAPI-00123', 'timestamp 01/011/2015', statement({ timestamp: '01/011/2015' }), 'timestamp'],
  ['XAPI-00035', 'team anonymous group without member', statement({ context: { team: { objectType: 'Group' } } }), 'context.team.member'],
  ['XAPI-00035', 'object anonymous group with empty member', statement({ object: { objectType: 'Group', member: [] } }), 'object.member'],
  ['XAPI-00046', 'verb a string', statement({ verb: 'http://example.com/verbs/did' }), 'verb'],
  ['XAPI-00047', 'verb without id', statement({ verb: { display: { 'en-US': 'did' } } }), 'verb.id'],
  ['XAPI-00049', 'verb display a string', statement({ verb: { ...verb, display: 'did' } }), 'verb.display'],
  ['XAPI-00054', 'object objectType "activity"', statement({ object: { ...activity, objectType: 'activity' } }), 'object.objectType'],
  ['XAPI-00063', 'substatement activity without id', statement({ object: sub({ object: { objectType: 'Activity' } }) }), 'object.object.id'],
  ['XAPI-00066', 'definition name a string', statement({ object: { ...activity, definition: { name: 'x' } } }), 'object.definition.name'],
  ['XAPI-00067', 'definition description a number', statement({ object: { ...activity, definition: { description: 12 } } }), 'object.definition.description'],
  ['XAPI-00070', 'interactionType an IRI', statement({ object: { ...activity, definition: { interactionType: 'http://example.com/choice' } } }), 'object.definition.interactionType'],
  ['XAPI-00070', 'interactionType a number', statement({ object: { ...activity, definition: { interactionType: 12 } } }), 'object.definition.interactionType'],
  ['XAPI-00074', 'choices on a likert', statement({ object: { ...activity, definition: { interactionType: 'likert', choices: [{ id: 'a' }] } } }), 'object.definition.choices'],
  ['XAPI-00077', 'substatement with stored', statement({ object: sub({ stored: '2013-05-18T05:32:34.804Z' }) }), 'object.stored'],
  ['XAPI-00077', 'substatement with version', statement({ object: sub({ version: '1.0.0' }) }), 'object.version'],
  ['XAPI-00077', 'substatement with authority', statement({ object: sub({ authority: agent }) }), 'object.authority'],
  ['XAPI-00080', 'StatementRef without objectType', statement({ object: { id: uuid() }, verb: { id: 'http://adlnet.gov/expapi/verbs/voided' } }), 'object'],
  ['XAPI-00081', 'StatementRef id not a UUID', statement({ object: { objectType: 'StatementRef', id: 'abc' } }), 'object.id'],
  ['XAPI-00085', 'score scaled 1.01', statement({ result: { score: { scaled: 1.01 } } }), 'result.score.scaled'],
  ['XAPI-00086', 'score raw below min', statement({ result: { score: { min: 10, raw: 5 } } }), 'result.score.raw'],
  ['XAPI-00088', 'score min equals max', statement({ result: { score: { min: 5, max: 5 } } }), 'result.score.min'],
  ['XAPI-00090', 'result extensions key not an IRI', statement({ result: { extensions: { key: 1 } } }), 'result.extensions'],
  ['XAPI-00091', 'context with unknown property', statement({ context: { others: 1 } }), 'context.others'],
  ['XAPI-00094', 'contextActivities "others"', statement({ context: { contextActivities: { others: [activity] } } }), 'context.contextActivities.others'],
  ['XAPI-00095', 'contextActivities parent not an Activity', statement({ context: { contextActivities: { parent: [{ id: 'no iri' }] } } }), 'context.contextActivities.parent[0].id'],
  ['XAPI-00097', 'context statement an Activity', statement({ context: { statement: activity } }), 'context.statement'],
  ['XAPI-00098', 'platform with an Agent object', statement({ object: agent, context: { platform: 'x' } }), 'context.platform'],
  ['XAPI-00099', 'revision with a StatementRef object', statement({ object: { objectType: 'StatementRef', id: uuid() }, context: { revision: '1' } }), 'context.revision'],
  ['XAPI-00100', 'substatement revision with an Agent object', statement({ object: sub({ object: agent, context: { revision: '1' } }) }), 'object.context.revision'],
  ['XAPI-00108', 'attachment without usageType', statement({ attachments: [{ display: { en: 'a' }, contentType: 'text/plain', length: 1, sha2: 'a'.repeat(64), fileUrl: 'http://example.com/a' }] }), 'attachments[0].usageType'],
  ['XAPI-00110', 'attachment display a string', statement({ attachments: [{ usageType: 'http://example.com/u', display: 'a', contentType: 'text/plain', length: 1, sha2: 'a'.repeat(64), fileUrl: 'http://example.com/a' }] }), 'attachments[0].display'],
  ['XAPI-00115', 'attachment fileUrl not an IRL', statement({ attachments: [{ usageType: 'http://example.com/u', display: { en: 'a' }, contentType: 'text/plain', length: 1, sha2: 'a'.repeat(64), fileUrl: 'no url' }] }), 'attachments[0].fileUrl'],
  ['Data 4.2', 'verb display with no language', statement({ verb: { ...verb, display: {} } }), 'verb.display'],
  ['Data 4.2', 'definition name with no language', statement({ object: { ...activity, definition: { name: {} } } }), 'object.definition.name'],
  ['Data 4.2', 'substatement description with no language', statement({ object: sub({ object: { ...activity, definition: { description: {} } } }) }), 'object.object.definition.description'],
  ['Data 4.2', 'attachment description with no language', statement({ attachments: [{ usageType: 'http://example.com/u', display: { en: 'a' }, description: {}, contentType: 'text/plain', length: 1, sha2: 'a'.repeat(64), fileUrl: 'http://example.com/a' }] }), 'attachments[0].description'],
  ['XAPI-00120', 'language map key not a tag', statement({ object: { ...activity, definition: { name: { 'a12345678': 'x' } } } }), 'object.definition.name'],
  ['XAPI-00122', 'timestamp with offset -00:00', statement({ timestamp: '2008-09-15T15:53:00.601-00:00' }), 'timestamp'],
  ['XAPI-00124', 'duration with weeks and days', statement({ result: { duration: 'P1W1D' } }), 'result.duration'],
  ['XAPI-00129', 'version 0.95', statement({ version: '0.95' }), 'version'],
  ['4.2.7', 'context language not a tag (2.0.0)', statement({ context: { language: 'not a tag!' } }), 'context.language', '2.0.0'],
  ['XAPI-00013', 'context language not a tag (1.0.3)', statement({ context: { language: 'Supercalifragilisticexpialidocious' } }), 'context.language'],
  ['XAPI-00013', 'context language not a tag (1.0.1)', statement({ context: { language: 'english!' } }), 'context.language', '1.0.1'],
  ['XAPI-00013', 'substatement context language not a tag (1.0.3)', statement({ object: sub({ context: { language: 'en_US' } }) }), 'object.context.language'],
  ['XAPI-00013', 'substatement context language not a tag (2.0.0)', statement({ object: sub({ context: { language: 'not a tag!' } }) }), 'object.context.language', '2.0.0'],
  ['XAPI-00123', 'timestamp with offset -00 (2.0.0)', statement({ timestamp: '2008-09-15T15:53:00.601-00' }), 'timestamp', '2.0.0'],
  ['XAPI-00123', 'timestamp with offset -0000 (2.0.0)', statement({ timestamp: '2008-09-15T15:53:00.601-0000' }), 'timestamp', '2.0.0'],
  ['XAPI-00123', 'substatement timestamp with offset -00:00 (2.0.0)', statement({ object: sub({ timestamp: '2008-09-15T15:53:00.601-00:00' }) }), 'object.timestamp', '2.0.0'],
  ['4.2.2.2', 'contextAgents entry without agent (2.0.0)', statement({ context: { contextAgents: [{ objectType: 'contextAgent' }] } }), 'context.contextAgents[0].agent', '2.0.0'],
  ['4.2.2.2', 'contextGroups relevantTypes empty (2.0.0)', statement({ context: { contextGroups: [{ objectType: 'contextGroup', group, relevantTypes: [] }] } }), 'context.contextGroups[0].relevantTypes', '2.0.0'],
);

const escapeRe = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

for (const [req, what, stmt, field, version] of INVALID) {
  test(`${req} refuses ${what} with 400 naming ${field}`, async () => {
    const res = await post(stmt, { version: version || '1.0.3' });
    assert.equal(res.status, 400, res.text);
    assert.match(res.json.error, new RegExp('^' + escapeRe(field)));
  });
}

const fullDefinition = (interactionType, lists) => ({
  name: { 'en-US': 'Q' }, description: { 'en-US': 'D' }, type: 'http://adlnet.gov/expapi/activities/cmi.interaction',
  interactionType, correctResponsesPattern: ['a'], ...lists,
});
const components = (...ids) => ids.map((id) => ({ id, description: { 'en-US': id } }));

// [requirement, what, statement, version]
const VALID = [
  ['XAPI-00001', 'null extension values everywhere', statement({
    object: { ...activity, definition: { extensions: { 'http://example.com/null': null } } },
    result: { extensions: { 'http://example.com/null': null } },
    context: { extensions: { 'http://example.com/null': null } },
  })],
  ['XAPI-00034', 'an identified Group with members', statement({ actor: { ...group, mbox: 'mailto:crew@example.com' } })],
  ['XAPI-00034', 'an anonymous Group as instructor and team', statement({ context: { instructor: group, team: group } })],
  ['XAPI-00044', 'an agent with an account', statement({ actor: { account: { homePage: 'http://www.example.com', name: 'xAPI account name' } } })],
  ['XAPI-00044', 'an agent with mbox_sha1sum', statement({ actor: { mbox_sha1sum: 'cd9b00a5611f94eaa7b1661edab976068e364975' } })],
  ['XAPI-00044', 'an agent with openid', statement({ actor: { openid: 'http://openid.example.org/12345' } })],
  ['XAPI-00050', 'a verb without display', statement({ verb: { id: 'http://example.com/verbs/bare' } })],
  ['XAPI-00056', 'an activity without objectType', statement({ object: { id: 'http://example.com/activities/no-type' } })],
  ['XAPI-00071', 'every interaction type with its components', [
    ['true-false', {}], ['choice', { choices: components('a', 'b') }], ['fill-in', {}], ['long-fill-in', {}],
    ['matching', { source: components('a'), target: components('b') }], ['performance', { steps: components('a') }],
    ['sequencing', { choices: components('a', 'b') }], ['likert', { scale: components('a', 'b') }],
    ['numeric', {}], ['other', {}],
  ].map(([t, l]) => statement({ object: { id: `http://example.com/q/${t}`, definition: fullDefinition(t, l) } }))],
  ['XAPI-00075', 'a SubStatement with a StatementRef object', statement({ object: sub({ object: { objectType: 'StatementRef', id: uuid() } }) })],
  ['XAPI-00075', 'a SubStatement with result, context, timestamp', statement({ object: sub({
    result: { success: true, duration: 'PT1M' }, context: { registration: uuid(), contextActivities: { parent: [activity] } },
    timestamp: '2013-05-18T05:32:34.804+01:00',
  }) })],
  ['XAPI-00078', 'a Group authority of two agents (3-legged OAuth)', statement({ authority: { objectType: 'Group', member: [agent, { mbox: 'mailto:app@example.com' }] } })],
  ['XAPI-00121', 'a basic ISO 8601 timestamp', statement({ timestamp: '20130518T053234Z' })],
  ['XAPI-00122', 'a timestamp with a positive offset', statement({ timestamp: '2013-05-18T05:32:34.804+05:30' })],
  ['XAPI-00124', 'durations with fractions and weeks', [statement({ result: { duration: 'PT1.5S' } }), statement({ result: { duration: 'P2W' } })]],
  ['XAPI-00013', 'RFC 5646 context languages in 1.0.3', [statement({ context: { language: 'nl-BE' } }),
    statement({ object: sub({ context: { language: 'zh-Hant-TW' } }) })]],
  ['XAPI-00129', 'version 1.0 and 1.0.3', [statement({ version: '1.0' }), statement({ version: '1.0.3' })]],
  ['XAPI-00123', 'an RFC 3339 timestamp with a space (2.0.0)', [statement({ timestamp: '2008-09-15 15:53:00.601+00:00' }),
    statement({ object: sub({ timestamp: '2008-09-15 15:53:00.601+00:00' }) })], '2.0.0'],
  ['4.2.2.2', 'contextAgents and contextGroups (2.0.0)', statement({ context: {
    contextAgents: [{ objectType: 'contextAgent', agent, relevantTypes: ['http://example.com/types/coach'] }],
    contextGroups: [{ objectType: 'contextGroup', group }],
  } }), '2.0.0'],
  ['4.2.4.3', 'a 2.0.0 statement version', statement({ version: '2.0.0' }), '2.0.0'],
];

for (const [req, what, stmt, version] of VALID) {
  test(`${req} accepts ${what}`, async () => {
    const res = await post(stmt, { version: version || '1.0.3' });
    assert.equal(res.status, 200, res.text);
    assert.equal(res.json.length, Array.isArray(stmt) ? stmt.length : 1);
  });
}

// ---- Communication: the Statement resource ----

test('XAPI-00175 XAPI-00174 since and until take every ISO 8601 form a statement may use', async () => {
  const v = { id: `http://example.com/verbs/${uuid()}` };
  const res = await post(statement({ verb: v }));
  const stored = new Date((await get({ statementId: res.json[0] })).json.stored);
  const basic = (d) => d.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
  const minutes = (d) => d.toISOString().slice(0, 16) + '+00:00';
  const ids = async (params) => (await get({ verb: v.id, ...params })).json.statements.map((s) => s.id);
  const earlier = new Date(stored.getTime() - 120000), later = new Date(stored.getTime() + 120000);
  assert.deepEqual(await ids({ since: basic(earlier), until: basic(later) }), [res.json[0]]);
  assert.deepEqual(await ids({ since: minutes(earlier), until: minutes(later) }), [res.json[0]]);
  assert.deepEqual(await ids({ since: basic(later) }), []);
  const twoHoursAhead = new Date(earlier.getTime() + 7200000).toISOString().replace('Z', '+02:00');
  assert.deepEqual(await ids({ since: twoHoursAhead }), [res.json[0]]);
});

test('XAPI-00153 a GET refused for a missing version header still carries Consistent-Through', async () => {
  const res = await get({}, { version: null });
  assert.equal(res.status, 400);
  assert.match(res.headers.get('x-experience-api-consistent-through') || '', /^\d{4}-\d\d-\d\dT/);
});

test('XAPI-00151 XAPI-00150 statementId and voidedStatementId take only format and attachments', async () => {
  const id = uuid();
  assert.equal((await post(statement({ id }))).status, 200);
  const extra = { agent: agent, verb: verb.id, activity: activity.id, registration: uuid(), related_activities: 'true',
    related_agents: 'true', since: '2012-06-01T19:09:13.245Z', until: '2012-06-01T19:09:13.245Z', limit: '1', ascending: 'true' };
  for (const [name, value] of Object.entries(extra)) {
    for (const key of ['statementId', 'voidedStatementId']) {
      const res = await get({ [key]: id, [name]: value });
      assert.equal(res.status, 400, `${key} with ${name}`);
    }
  }
  assert.equal((await get({ statementId: id, format: 'ids', attachments: 'true' })).status, 200);
});

test('XAPI-00171 format=ids reduces every Activity to its id, also inside a SubStatement', async () => {
  const full = { objectType: 'Activity', id: 'http://example.com/activities/inner', definition: { name: { en: 'Inner' } } };
  const id = uuid();
  const stmt = statement({ id, object: sub({ object: full }), context: { contextActivities: { parent: [full] } } });
  assert.equal((await post(stmt)).status, 200);
  const got = (await get({ statementId: id, format: 'ids' })).json;
  assert.deepEqual(got.object.object, { id: full.id });
  assert.deepEqual(got.object.actor, { objectType: 'Agent', mbox: agent.mbox });
  assert.deepEqual(got.context.contextActivities.parent, [{ id: full.id }]);
  for (const [outer, want] of [[{ ...full, id: 'http://example.com/activities/outer' }, { id: 'http://example.com/activities/outer' }]]) {
    const oid = uuid();
    assert.equal((await post(statement({ id: oid, object: outer }))).status, 200);
    assert.deepEqual((await get({ statementId: oid, format: 'ids' })).json.object, want);
  }
});

test('XAPI-00324 XAPI-00325 unknown parameters, also in another case, are 400', async () => {
  const names = ['foo', 'StatementId', 'VoidedStatementId', 'Agent', 'Verb', 'Activity', 'Registration',
    'Related_Activities', 'Related_Agents', 'Since', 'Until', 'Limit', 'Format', 'Attachments', 'Ascending'];
  for (const name of names) {
    const res = await get({ [name]: 'x' });
    assert.equal(res.status, 400, name);
    assert.match(res.json.error, new RegExp(`^${name}: unknown parameter`));
  }
  const put = await xapi(lrs, 'PUT', 'statements', { params: { StatementId: uuid() }, body: statement() });
  assert.equal(put.status, 400);
});

test('XAPI-00162 a query matching a voided statement returns what targets it, not the statement', async () => {
  const v = { id: `http://example.com/verbs/${uuid()}` };
  const voided = uuid(), voiding = uuid(), ref = uuid();
  assert.equal((await post(statement({ id: voided, verb: v }))).status, 200);
  assert.equal((await post(statement({ id: voiding, verb: { id: 'http://adlnet.gov/expapi/verbs/voided' },
    object: { objectType: 'StatementRef', id: voided } }))).status, 200);
  assert.equal((await post(statement({ id: ref, verb: v, object: { objectType: 'StatementRef', id: voided } }))).status, 200);
  const res = await get({ verb: v.id });
  assert.deepEqual(res.json.statements.map((s) => s.id), [ref, voiding]);
  const one = await get({ verb: v.id, limit: '1' });
  assert.deepEqual(one.json.statements.map((s) => s.id), [ref]);
  // since and until apply to the statements returned, not to the voided one they target.
  const voidedAt = (await get({ voidedStatementId: voided })).json.stored;
  const since = await get({ verb: v.id, since: voidedAt });
  assert.deepEqual(since.json.statements.map((s) => s.id), [ref, voiding]);
  const until = await get({ verb: v.id, until: new Date(Date.now() + 60000).toISOString() });
  assert.deepEqual(until.json.statements.map((s) => s.id), [ref, voiding]);
});

test('XAPI-00172 canonical format picks the Accept-Language match; without format every language stays', async () => {
  const id = uuid();
  const display = { 'en-US': 'attended', 'en-GB': 'attended (GB)' };
  const cat = { id: `http://example.com/cat/${uuid()}`, definition: { name: { 'en-US': 'n', 'en-GB': 'n GB' }, description: { 'en-US': 'd', 'en-GB': 'd GB' } } };
  assert.equal((await post(statement({ id, verb: { id: 'http://adlnet.gov/expapi/verbs/attended', display },
    context: { contextActivities: { category: [cat] } } }))).status, 200);
  const canon = await get({ statementId: id, format: 'canonical' }, { headers: { 'Accept-Language': 'en-GB' } });
  assert.deepEqual(canon.json.verb.display, { 'en-GB': 'attended (GB)' });
  assert.deepEqual(canon.json.context.contextActivities.category[0].definition.name, { 'en-GB': 'n GB' });
  const exact = await get({ statementId: id }, { headers: { 'Accept-Language': 'en-GB' } });
  assert.deepEqual(exact.json.verb.display, display);
});

test('XAPI-00148 a POST with ?method=GET and a form is a GET (1.0.3)', async () => {
  const res = await xapi(lrs, 'POST', 'statements', { params: { method: 'GET' }, body: 'limit=1',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
  assert.equal(res.status, 200, res.text);
  assert.ok(Array.isArray(res.json.statements));
  assert.equal(typeof res.json.more, 'string');
});

test('XAPI-00002 scores keep their floating point precision', async () => {
  const id = uuid();
  const score = { min: 0.12123434, raw: 12.125, max: 45.45, scaled: 0.0000001 };
  assert.equal((await post(statement({ id, result: { score } }))).status, 200);
  assert.deepEqual((await get({ statementId: id })).json.result.score, score);
});

// ---- Communication 1.1, 3.2: HEAD, methods ----

test('Communication 1.1 HEAD works on every resource like GET, without a body', async () => {
  const a = { mbox: `mailto:${uuid()}@example.com` };
  const act = `http://example.com/act/${uuid()}`;
  assert.equal((await xapi(lrs, 'POST', 'activities/state', { params: { activityId: act, agent: a, stateId: 's' }, body: { x: 1 } })).status, 204);
  assert.equal((await xapi(lrs, 'POST', 'activities/profile', { params: { activityId: act, profileId: 'p' }, body: { x: 1 } })).status, 204);
  assert.equal((await xapi(lrs, 'POST', 'agents/profile', { params: { agent: a, profileId: 'p' }, body: { x: 1 } })).status, 204);
  const heads = [['about', {}], ['activities', { activityId: act }], ['activities/state', { activityId: act, agent: a, stateId: 's' }],
    ['activities/profile', { activityId: act, profileId: 'p' }], ['agents', { agent: a }], ['agents/profile', { agent: a, profileId: 'p' }],
    ['statements', {}]];
  for (const [resource, params] of heads) {
    const res = await xapi(lrs, 'HEAD', resource, { params });
    assert.equal(res.status, 200, resource);
    assert.equal(res.text, '', resource);
  }
});

test('Communication 3.2 a method the resource lacks is 405, even without credentials', async () => {
  const cases = [['DELETE', 'statements', { statementId: uuid() }], ['DELETE', 'activities', { activityId: activity.id }],
    ['POST', 'activities', { activityId: activity.id }], ['PUT', 'activities', { activityId: activity.id }],
    ['DELETE', 'agents', { agent }], ['POST', 'agents', { agent }], ['PUT', 'agents', { agent }]];
  for (const [method, resource, params] of cases) {
    const withAuth = await xapi(lrs, method, resource, { params });
    assert.equal(withAuth.status, 405, `${method} ${resource}`);
    const noAuth = await xapi(lrs, method, resource, { params, auth: null, version: '1.0.1' });
    assert.equal(noAuth.status, 405, `${method} ${resource} without credentials`);
  }
});

// ---- Communication 2.2-2.7, 3.1: documents and concurrency ----

const docParams = {
  'activities/state': () => ({ activityId: `http://example.com/act/${uuid()}`, agent: { mbox: `mailto:${uuid()}@example.com` }, stateId: 's' }),
  'activities/profile': () => ({ activityId: `http://example.com/act/${uuid()}`, profileId: 'p' }),
  'agents/profile': () => ({ agent: { mbox: `mailto:${uuid()}@example.com` }, profileId: 'p' }),
};

for (const [resource, make] of Object.entries(docParams)) {
  test(`XAPI-00322 ${resource}: ETag is a quoted SHA-1; If-Match and If-None-Match decide a PUT`, async () => {
    const params = make();
    assert.equal((await xapi(lrs, 'PUT', resource, { params, body: { a: 1 }, headers: { 'If-None-Match': '*' } })).status, 204);
    const got = await xapi(lrs, 'GET', resource, { params });
    assert.match(got.headers.get('etag'), /^"[0-9a-f]{40}"$/);
    const bad = await xapi(lrs, 'PUT', resource, { params, body: { b: 2 }, headers: { 'If-Match': '"1111111111111111111111111111111111111111"' } });
    assert.equal(bad.status, 412);
    assert.deepEqual((await xapi(lrs, 'GET', resource, { params })).json, { a: 1 });
    const good = await xapi(lrs, 'PUT', resource, { params, body: { b: 2 }, headers: { 'If-Match': got.headers.get('etag') } });
    assert.equal(good.status, 204);
    assert.deepEqual((await xapi(lrs, 'GET', resource, { params })).json, { b: 2 });
    const star = await xapi(lrs, 'PUT', resource, { params, body: { c: 3 }, headers: { 'If-None-Match': '*' } });
    assert.equal(star.status, 412);
    const missing = { ...make() };
    const noDoc = await xapi(lrs, 'PUT', resource, { params: missing, body: { a: 1 }, headers: { 'If-Match': got.headers.get('etag') } });
    assert.equal(noDoc.status, 412);
  });

  test(`Communication 2.2 ${resource}: listing ids without the document id, filtered by since`, async () => {
    const params = make();
    const idName = resource === 'activities/state' ? 'stateId' : 'profileId';
    const list = { ...params };
    delete list[idName];
    const empty = await xapi(lrs, 'GET', resource, { params: list });
    assert.equal(empty.status, 200);
    assert.deepEqual(empty.json, []);
    assert.equal((await xapi(lrs, 'POST', resource, { params, body: { a: 1 } })).status, 204);
    const before = new Date(Date.now() - 60000).toISOString();
    const after = new Date(Date.now() + 60000).toISOString();
    assert.deepEqual((await xapi(lrs, 'GET', resource, { params: { ...list, since: before } })).json, [params[idName]]);
    assert.deepEqual((await xapi(lrs, 'GET', resource, { params: { ...list, since: after } })).json, []);
    const badSince = await xapi(lrs, 'GET', resource, { params: { ...list, since: 'yesterday' } });
    assert.equal(badSince.status, 400);
    assert.match(badSince.json.error, /^since/);
  });
}

test('Communication 2.6 2.7 profiles: DELETE needs the profileId; PUT and POST do too', async () => {
  for (const resource of ['activities/profile', 'agents/profile']) {
    const params = docParams[resource]();
    delete params.profileId;
    for (const method of ['DELETE', 'PUT', 'POST']) {
      const res = await xapi(lrs, method, resource, { params, body: method === 'DELETE' ? undefined : { a: 1 } });
      assert.equal(res.status, 400, `${method} ${resource}`);
      assert.match(res.json.error, /^profileId/);
    }
  }
});

test('Communication 2.4 agents: the agent parameter is required and checked', async () => {
  const none = await xapi(lrs, 'GET', 'agents', {});
  assert.equal(none.status, 400);
  assert.match(none.json.error, /^agent/);
  const bad = await xapi(lrs, 'GET', 'agents', { params: { agent: { mbox: 'not-mail' } } });
  assert.equal(bad.status, 400);
  assert.match(bad.json.error, /^agent\.mbox/);
  const notJson = await xapi(lrs, 'GET', 'agents', { params: { agent: '{mbox' } });
  assert.equal(notJson.status, 400);
  const person = await xapi(lrs, 'GET', 'agents', { params: { agent: { account: { homePage: 'http://example.com', name: 'x' } } } });
  assert.equal(person.status, 200);
  assert.equal(person.json.objectType, 'Person');
  assert.deepEqual(person.json.account, [{ homePage: 'http://example.com', name: 'x' }]);
});

test('Communication 2.8 about: version lists 1.0.3 and 2.0.0; extensions is an object', async () => {
  const res = await xapi(lrs, 'GET', 'about', { auth: null, version: null });
  assert.equal(res.status, 200);
  assert.ok(res.json.version.includes('1.0.3'));
  assert.ok(res.json.version.includes('2.0.0'));
  assert.equal(typeof res.json.extensions, 'object');
  assert.equal((await xapi(lrs, 'POST', 'about', { auth: null, body: {} })).status, 405);
});

// ---- Data 2.4: properties the LRS sets or keeps ----

test('XAPI-00330 XAPI-00170 actor, verb and object come back exactly as sent', async () => {
  const id = uuid();
  const sent = { actor: { mbox: 'mailto:exact@example.com' }, verb: { id: 'http://example.com/verbs/exact' },
    object: { id: 'http://example.com/activities/exact' } };
  assert.equal((await post({ id, ...sent })).status, 200);
  const got = (await get({ statementId: id })).json;
  assert.deepEqual(got.actor, sent.actor);
  assert.deepEqual(got.verb, sent.verb);
  assert.deepEqual(got.object, sent.object);
});

test('XAPI-00097 XAPI-00023 the LRS sets stored itself, to the millisecond', async () => {
  const storedTime = new Date('July 15, 2011').toISOString();
  const res = await post(statement({ stored: storedTime }));
  assert.equal(res.status, 200);
  const got = (await get({ statementId: res.json[0] })).json;
  assert.notEqual(got.stored, storedTime);
  assert.match(got.stored, /\.\d{3}Z$/);
  const putId = uuid();
  assert.equal((await xapi(lrs, 'PUT', 'statements', { params: { statementId: putId }, body: statement({ stored: storedTime }) })).status, 204);
  assert.notEqual((await get({ statementId: putId })).json.stored, storedTime);
});

test('XAPI-00101 XAPI-00332 version: 1.0.x kept as sent, set when absent, others refused', async () => {
  const kept = await post(statement({ version: '1.0.9' }));
  assert.equal(kept.status, 200);
  assert.equal((await get({ statementId: kept.json[0] })).json.version, '1.0.9');
  const absent = await post(statement());
  assert.match((await get({ statementId: absent.json[0] })).json.version, /^1\.0\.\d+$/);
  const v2 = await post(statement(), { version: '2.0.0' });
  assert.equal((await get({ statementId: v2.json[0] }, { version: '2.0.0' })).json.version, '2.0.0');
  for (const version of ['should fail', '0.9.9', '1.1.0']) {
    const res = await post(statement({ version }));
    assert.equal(res.status, 400, version);
    assert.match(res.json.error, /^version/);
  }
});

test('XAPI-00014 an objectType holding JSON text is refused', async () => {
  const res = await post(statement({ actor: { objectType: '"objectType": "Agent"', mbox: 'mailto:a@example.com' } }));
  assert.equal(res.status, 400);
  assert.match(res.json.error, /^actor\.objectType/);
});

test('Communication 1.4 strings are UTF-8 and come back unchanged', async () => {
  const display = { 'en-US': 'attended', 'zh-CN': '参加', 'ar-SA': 'حضر', 'ru-RU': 'посетил', 'ja-JP': '出席した', 'ko-KR': '참석', 'x-emoji': '🙂' };
  const v = { id: `http://example.com/verbs/${uuid()}`, display };
  assert.equal((await post(statement({ verb: v }))).status, 200);
  assert.deepEqual((await get({ verb: v.id })).json.statements[0].verb.display, display);
});

test('Data 2.5 more: an IRL relative to the server, empty when everything was returned', async () => {
  const v = { id: `http://example.com/verbs/${uuid()}` };
  assert.equal((await post([statement({ verb: v }), statement({ verb: v })])).status, 200);
  const page = await get({ verb: v.id, limit: '1' });
  assert.match(page.json.more, /^\/xapi\/statements\?/);
  const none = await get({ verb: `http://example.com/verbs/${uuid()}` });
  assert.equal(none.json.more, '');
});

test('Communication 1.3 alternate syntax: a PUT without content, or with a body that is not a form, is 400', async () => {
  const form = { 'Content-Type': 'application/x-www-form-urlencoded' };
  const noContent = await xapi(lrs, 'POST', 'statements', { params: { method: 'PUT' }, body: `statementId=${uuid()}`, headers: form });
  assert.equal(noContent.status, 400);
  const json = JSON.stringify({ statementId: uuid(), content: JSON.stringify(statement()) });
  const notForm = await xapi(lrs, 'POST', 'statements', { params: { method: 'PUT' }, body: json, headers: form });
  assert.equal(notForm.status, 400);
});

for (const [resource, make] of Object.entries(docParams)) {
  test(`4.1.4 ${resource} (2.0.0): POST and DELETE honour If-Match too`, async () => {
    const params = make();
    const v2 = { version: '2.0.0' };
    assert.equal((await xapi(lrs, 'POST', resource, { params, body: { a: 1 }, ...v2 })).status, 204);
    const etag = (await xapi(lrs, 'GET', resource, { params, ...v2 })).headers.get('etag');
    for (const method of ['POST', 'DELETE']) {
      const body = method === 'POST' ? { b: 2 } : undefined;
      const wrong = await xapi(lrs, method, resource, { params, body, headers: { 'If-Match': '1234' }, ...v2 });
      assert.equal(wrong.status, 412, `${method} with a wrong ETag`);
    }
    assert.deepEqual((await xapi(lrs, 'GET', resource, { params, ...v2 })).json, { a: 1 });
    const merged = await xapi(lrs, 'POST', resource, { params, body: { b: 2 }, headers: { 'If-Match': etag }, ...v2 });
    assert.equal(merged.status, 204);
    const etag2 = (await xapi(lrs, 'GET', resource, { params, ...v2 })).headers.get('etag');
    assert.equal((await xapi(lrs, 'DELETE', resource, { params, headers: { 'If-Match': etag2 }, ...v2 })).status, 204);
    assert.equal((await xapi(lrs, 'GET', resource, { params, ...v2 })).status, 404);
  });
}

test('Communication 2.2 a document POST is not refused for its content: "1", "true", any type', async () => {
  for (const resource of Object.keys(docParams)) {
    for (const [body, type] of [['1', 'application/json'], ['true', 'text/plain'], ['true', 'application/x-www-form-urlencoded']]) {
      const params = docParams[resource]();
      const res = await xapi(lrs, 'POST', resource, { params, body, headers: { 'Content-Type': type } });
      assert.equal(res.status, 204, `${resource} ${type} ${body}: ${res.text}`);
      const got = await xapi(lrs, 'GET', resource, { params });
      assert.equal(got.text, body);
    }
  }
});

test('XAPI-00127 statements come as application/json or multipart/mixed, with or without attachment parts', async () => {
  const att = { usageType: 'http://example.com/u', display: { 'en-US': 'a' }, contentType: 'text/plain', length: 27,
    sha2: '495395e777cd98da653df9615d09c0fd6bb2f8d4788394cd53c56a3bfdcd848a', fileUrl: 'http://over.there.com/file.txt' };
  const s = statement({ attachments: [att] });
  const formData = await post(JSON.stringify(s), { headers: { 'Content-Type': 'multipart/form-data; boundary=-------314159265358979323846' } });
  assert.equal(formData.status, 400);
  assert.match(formData.json.error, /^Content-Type/);
  for (const body of [s, statement()]) {
    const mp = multipart(body, []);
    assert.equal((await post(mp.body, { headers: { 'Content-Type': mp.contentType } })).status, 200);
  }
});
