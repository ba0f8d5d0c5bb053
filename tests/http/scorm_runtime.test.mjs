// scorm_runtime.test.mjs: the SCORM runtime's commits through the server (POST /scorm/ID/commit):
// every type of the SCORM 1.2 and 2004 data models with a good and a bad value (the bad one 400
// with the element named, nothing stored), read-only and unknown elements, sizes (suspend_data
// 4096 / 64000 characters), who may commit, a resent commit that changes nothing, resume data
// and accumulated time on the launch page, the xAPI statements a commit makes, a 2004 attempt's
// sequencing state, and the package files' sandbox policy.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { startServer } from '../lib/server.mjs';
import { Client, addUser } from '../lib/session.mjs';
import { addClient, uuid } from '../lib/xapi.mjs';
import { commit, playData, scormSetup, signedIn, statementsAbout } from '../lib/scorm.mjs';

const PUBLIC = 'https://learn.example.com';
const PASSWORD = 'scorm-runtime-password';
let dir, db, srv, lrs, bram, anna, csrf12, csrf04;

before(async () => {
  const site = await scormSetup('scorm-runtime', { packages: { 'pallet-jack': 'play12', 'shift-routine': 'play2004-multi' },
    users: [['bram', 'Bram Mentee'], ['anna', 'Anna Mentee']], password: PASSWORD });
  ({ dir, db } = site);
  lrs = await addClient(db, 'reader', ['all']);
  srv = await startServer({ content: site.content, db, args: ['--public-url', PUBLIC] });
  bram = await signedIn(srv.url, 'bram', PASSWORD);
  anna = await signedIn(srv.url, 'anna', PASSWORD);
  csrf12 = playData((await bram.req('/play/pallet-jack')).html).csrf;
  csrf04 = playData((await bram.req('/play/shift-routine')).html).csrf;
});

after(async () => {
  await srv?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const send12 = (values, more = {}) => commit(bram, 'pallet-jack', csrf12,
  { attempt: 1, sco: 'JACK', commit: uuid(), values, ...more });
const send04 = (values, more = {}) => commit(bram, 'shift-routine', csrf04,
  { attempt: 1, sco: 'BEFORE', commit: uuid(), values, ...more });
const x = (n) => 'x'.repeat(n);

// [element, a good value, a bad value] for each type of the data model.
const TYPES_12 = [
  ['cmi.core.lesson_location', x(255), x(256)],                 // CMIString255
  ['cmi.core.lesson_status', 'incomplete', 'done'],             // vocabulary
  ['cmi.core.exit', 'suspend', 'quit'],                         // vocabulary, "" allowed
  ['cmi.core.score.raw', '85.5', '101'],                        // CMIDecimal 0..100
  ['cmi.core.score.min', '0', 'abc'],
  ['cmi.core.session_time', '0001:02:03.50', '1:2:3'],          // CMITimespan
  ['cmi.suspend_data', x(4096), x(4097)],                       // CMIString4096
  ['cmi.comments', 'Good', x(4097)],
  ['cmi.objectives.0.id', 'obj-1', 'obj 1'],                    // CMIIdentifier
  ['cmi.objectives.0.status', 'passed', 'unknown'],
  ['cmi.student_preference.audio', '50', '101'],                // CMISInteger -1..100
  ['cmi.student_preference.speed', '-50', '-101'],
  ['cmi.student_preference.text', '1', '2'],
  ['cmi.interactions.0.id', 'q1', 'q 1'],
  ['cmi.interactions.0.time', '14:05:30', '25:00:00'],          // CMITime
  ['cmi.interactions.0.type', 'true-false', 'long-fill-in'],    // 2004's word, not 1.2's
  ['cmi.interactions.0.weighting', '1.5', 'heavy'],
  ['cmi.interactions.0.student_response', 't', x(256)],
  ['cmi.interactions.0.result', 'wrong', 'incorrect'],          // 1.2 says wrong
  ['cmi.interactions.0.latency', '0000:00:12', 'PT12S'],
  ['cmi.interactions.0.correct_responses.0.pattern', 't', x(256)],
];
const TYPES_2004 = [
  ['cmi.location', x(1000), x(1001)],
  ['cmi.completion_status', 'incomplete', 'passed'],
  ['cmi.success_status', 'failed', 'completed'],
  ['cmi.exit', 'normal', 'quit'],
  ['cmi.score.scaled', '-0.5', '1.5'],                          // real -1..1
  ['cmi.score.raw', '250', '1e3'],                              // real, no exponent
  ['cmi.progress_measure', '0.3', '-0.1'],
  ['cmi.session_time', 'PT1H2M3.5S', '01:02:03'],               // ISO 8601 duration
  ['cmi.suspend_data', x(64000), x(64001)],
  ['cmi.comments_from_learner.0.comment', 'Clear', x(4001)],
  ['cmi.comments_from_learner.0.timestamp', '2026-12-01T14:05:30.5Z', '2026-12-01 14:05'],
  ['cmi.learner_preference.language', 'nl-BE', 'not a language'],
  ['cmi.learner_preference.audio_captioning', '-1', '2'],
  ['cmi.learner_preference.audio_level', '0.5', '-1'],
  ['cmi.objectives.0.id', 'urn:stepwise:obj-1', ''],            // long identifier
  ['cmi.objectives.0.success_status', 'passed', 'yes'],
  ['cmi.interactions.0.id', 'urn:stepwise:q1', 'q 1'],
  ['cmi.interactions.0.type', 'long-fill-in', 'essay'],
  ['cmi.interactions.0.timestamp', '2026-12-01T14:05', '14:05'],
  ['cmi.interactions.0.learner_response', 'forks down', x(4001)],
  ['cmi.interactions.0.result', 'incorrect', 'wrong'],          // 2004 says incorrect
  ['cmi.interactions.0.latency', 'PT12S', '0000:00:12'],
  ['cmi.interactions.0.description', 'Forks', x(251)],
  ['adl.nav.request', '{target=DURING}choice', 'jump'],
];

for (const [name, send, types] of [['1.2', send12, TYPES_12], ['2004', send04, TYPES_2004]]) {
  test(`SCORM ${name}: every element type takes a good value and refuses a bad one, which is not stored`, async () => {
    for (const [element, good, bad] of types) {
      let r = await send({ [element]: good });
      assert.equal(r.status, 200, `${element} = ${good.slice(0, 40)}: ${r.text}`);
      r = await send({ [element]: bad });
      assert.equal(r.status, 400, `${element} = ${bad.slice(0, 40)} was taken`);
      assert.ok(r.body.error.startsWith(element), `${element}: ${r.body.error}`);
    }
    const id = name === '1.2' ? 'pallet-jack' : 'shift-routine';
    const stored = playData((await bram.req(`/play/${id}`)).html).scos[0].values;
    for (const [element, good] of types) {
      if (element !== 'adl.nav.request') assert.equal(stored[element], good, `${element} kept its good value`);
    }
  });
}

test('read-only, unknown and non-text elements are refused with a sentence that says why', async () => {
  for (const [values, words] of [
    [{ 'cmi.core.student_id': 'anna' }, /read-only/],
    [{ 'cmi.core.total_time': '9999:00:00' }, /read-only/],
    [{ 'cmi.core.nonsense': '1' }, /not an element of the SCORM 1\.2 data model/],
    [{ 'cmi.location': 'p1' }, /not an element of the SCORM 1\.2/],     // 2004's name in a 1.2 package
    [{ 'cmi.core.score.raw': 80 }, /must be a string/],
    [{ 'cmi.interactions.01.id': 'q' }, /not an element/],              // index with a leading zero
  ]) {
    const r = await send12(values);
    assert.equal(r.status, 400, JSON.stringify(values));
    assert.match(r.body.error, words);
  }
  const r = await send04({ 'cmi.learner_id': 'anna' });
  assert.equal(r.status, 400);
  assert.match(r.body.error, /cmi\.learner_id is read-only/);
});

test('a commit names an attempt, a SCO of the package and a UUID; a bad body is 400, a stale attempt 409', async () => {
  for (const [body, status, words] of [
    [{ attempt: 1, sco: 'NOPE', commit: uuid(), values: {} }, 400, /no SCO "NOPE"/],
    [{ attempt: 1, sco: 'JACK', commit: 'one', values: {} }, 400, /UUID/],
    [{ attempt: 0, sco: 'JACK', commit: uuid(), values: {} }, 400, /attempt/],
    [{ attempt: 1, sco: 'JACK', commit: uuid(), values: [] }, 400, /values/],
    [{ attempt: 7, sco: 'JACK', commit: uuid(), values: {} }, 409, /not your latest attempt/],
  ]) {
    const r = await commit(bram, 'pallet-jack', csrf12, body);
    assert.equal(r.status, status, r.text);
    assert.match(r.body.error, words);
  }
  const bad = await bram.req('/scorm/pallet-jack/commit', { method: 'POST', body: '{not json',
    headers: { 'content-type': 'application/json', 'x-csrf-token': csrf12 } });
  assert.equal(bad.status, 400);
  const missing = await commit(bram, 'no-such-package', csrf12, { attempt: 1, sco: 'JACK', commit: uuid(), values: {} });
  assert.equal(missing.status, 404);
});

test('only the signed-in learner commits, with the CSRF token, into their own data; a big body is 413', async () => {
  const body = { attempt: 1, sco: 'JACK', commit: uuid(), values: { 'cmi.core.lesson_location': 'anna-was-here' } };
  const visitor = new Client(srv.url);
  assert.equal((await commit(visitor, 'pallet-jack', csrf12, body)).status, 401);
  assert.equal((await commit(bram, 'pallet-jack', 'wrong-token', body)).status, 403);
  assert.equal((await commit(anna, 'pallet-jack', csrf12, body)).status, 403);   // bram's token
  const annaCsrf = playData((await anna.req('/play/pallet-jack')).html).csrf;
  assert.equal((await commit(anna, 'pallet-jack', annaCsrf, body)).status, 200);
  const bramData = playData((await bram.req('/play/pallet-jack')).html).scos[0].values;
  assert.notEqual(bramData['cmi.core.lesson_location'], 'anna-was-here');
  const annaData = playData((await anna.req('/play/pallet-jack')).html).scos[0].values;
  assert.equal(annaData['cmi.core.lesson_location'], 'anna-was-here');
  assert.equal(annaData['cmi.core.student_id'], 'anna');
  const big = await bram.req('/scorm/pallet-jack/commit', { method: 'POST', body: x(600 * 1024),
    headers: { 'content-type': 'application/json', 'x-csrf-token': csrf12 } });
  assert.equal(big.status, 413);
  assert.match(JSON.parse(big.html).error, /--max-scorm-bytes/);
});

test('a session commits what changed; a resent commit changes nothing; the next launch resumes with the time added', async () => {
  const c = new Client(srv.url);
  await addUserSignedIn(c, 'chris');
  const csrf = playData((await c.req('/play/pallet-jack')).html).csrf;
  const first = { attempt: 1, sco: 'JACK', commit: uuid(), started: 'ab-initio', values: { 'cmi.core.exit': 'suspend' } };
  assert.equal((await commit(c, 'pallet-jack', csrf, first)).status, 200);
  const answer = { attempt: 1, sco: 'JACK', commit: uuid(), values: {
    'cmi.interactions.0.id': 'forks-lowered', 'cmi.interactions.0.type': 'choice',
    'cmi.interactions.0.correct_responses.0.pattern': 'b', 'cmi.interactions.0.student_response': 'b',
    'cmi.interactions.0.result': 'correct', 'cmi.interactions.0.latency': '0000:00:12',
    'cmi.core.lesson_location': 'page-3', 'cmi.suspend_data': 'page=3',
  } };
  let r = await commit(c, 'pallet-jack', csrf, answer);
  assert.deepEqual(r.body, { attempt: 1, duplicate: false, completed: false });
  r = await commit(c, 'pallet-jack', csrf, answer);           // the reply was lost: sent again
  assert.equal(r.body.duplicate, true);
  const end = { attempt: 1, sco: 'JACK', commit: uuid(), final: true,
    values: { 'cmi.core.session_time': '0000:05:00', 'cmi.core.score.raw': '80' } };
  assert.equal((await commit(c, 'pallet-jack', csrf, end)).status, 200);

  let data = playData((await c.req('/play/pallet-jack')).html);
  assert.equal(data.attempt, 1);
  assert.equal(data.resumed, true);
  let v = data.scos[0].values;
  assert.equal(v['cmi.core.entry'], 'resume');
  assert.equal(v['cmi.core.lesson_location'], 'page-3');
  assert.equal(v['cmi.suspend_data'], 'page=3');
  assert.equal(v['cmi.core.total_time'], '0000:05:00.00');
  assert.equal(v['cmi.core.student_name'], 'Chris Learner');
  assert.equal(v['cmi.student_data.mastery_score'], '70');

  const second = { attempt: 1, sco: 'JACK', commit: uuid(), started: 'resume', final: true,
    values: { 'cmi.core.session_time': '0000:02:30', 'cmi.core.lesson_status': 'passed', 'cmi.core.exit': '' } };
  r = await commit(c, 'pallet-jack', csrf, second);
  assert.deepEqual(r.body, { attempt: 1, duplicate: false, completed: true });
  data = playData((await c.req('/play/pallet-jack')).html);
  assert.equal(data.attempt, 2, 'a completed attempt: the next launch starts a new one');
  v = data.scos[0].values;
  assert.equal(v['cmi.core.entry'], 'ab-initio');
  assert.equal(v['cmi.core.lesson_location'], undefined);

  const iri = `${PUBLIC}/modules/pallet-jack`;
  const mine = (await statementsAbout(srv.url, lrs.auth, iri)).filter((s) => s.actor.account.name === 'chris');
  const verbs = mine.map((s) => s.verb.id.split('/').pop()).reverse();
  assert.deepEqual(verbs, ['initialized', 'answered', 'suspended', 'resumed', 'completed', 'passed',
    'terminated', 'completed', 'passed']);
  const answered = mine.find((s) => s.verb.id.endsWith('/answered'));
  assert.equal(answered.object.id, `${iri}/sco/JACK/interaction/forks-lowered`);
  assert.equal(answered.object.definition.interactionType, 'choice');
  assert.deepEqual(answered.object.definition.correctResponsesPattern, ['b']);
  assert.deepEqual(answered.result, { response: 'b', success: true, duration: 'PT0H0M12.00S' });
  const scoPassed = mine.find((s) => s.verb.id.endsWith('/passed') && s.object.id.endsWith('/sco/JACK'));
  assert.equal(scoPassed.result.score.raw, 80);
  assert.equal(scoPassed.result.score.scaled, 0.8);
  const coursePassed = mine.find((s) => s.verb.id.endsWith('/passed') && s.object.id === iri);
  assert.equal(coursePassed.object.definition.type, 'http://adlnet.gov/expapi/activities/course');
  const suspended = mine.find((s) => s.verb.id.endsWith('/suspended'));
  assert.equal(suspended.result.duration, 'PT0H5M0.00S');
  for (const s of mine) {
    assert.deepEqual(s.context.contextActivities.category, [{ id: 'https://w3id.org/xapi/scorm' }]);
    assert.equal(s.context.contextActivities.grouping[0].id, iri);
    assert.equal(s.context.registration, mine[0].context.registration);
  }
});

test('the learner may ask for a new attempt; a commit to it starts it on the current version', async () => {
  let data = playData((await anna.req('/play/pallet-jack?attempt=new')).html);
  assert.equal(data.attempt, 2);
  assert.equal(data.resumed, false);
  const r = await commit(anna, 'pallet-jack', data.csrf,
    { attempt: 2, sco: 'JACK', commit: uuid(), values: { 'cmi.core.lesson_location': 'fresh' } });
  assert.equal(r.body.attempt, 2);
  data = playData((await anna.req('/play/pallet-jack')).html);
  assert.equal(data.attempt, 2);
  assert.equal(data.scos[0].values['cmi.core.lesson_location'], 'fresh');
});

test('a 2004 commit may bring the sequencing state, kept per attempt and given back; a bad one is 400', async () => {
  const c = new Client(srv.url);
  assert.equal((await c.signIn('anna', PASSWORD, '/')).status, 303);
  const csrf = playData((await c.req('/play/shift-routine')).html).csrf;
  const send = (more) => commit(c, 'shift-routine', csrf, { attempt: 1, sco: 'BEFORE', commit: uuid(), values: {}, ...more });
  const first = JSON.stringify({ version: '1.0', currentActivity: 'BEFORE', activityStates: { BEFORE: { attemptCount: 1 } } });
  assert.equal((await send({ values: { 'cmi.location': 'p1' }, sequencing: first })).status, 200);
  assert.equal(playData((await c.req('/play/shift-routine')).html).sequencing, first);
  const second = JSON.stringify({ version: '1.0', currentActivity: 'DURING', activityStates: { BEFORE: { attemptCount: 1 } } });
  assert.equal((await send({ sequencing: second })).status, 200, 'a commit of the state alone');
  assert.equal(playData((await c.req('/play/shift-routine')).html).sequencing, second);

  for (const [bad, why] of [[42, /"sequencing" must be the sequencing state as JSON text/],
    ['not json', /"sequencing" must be the sequencing state as JSON text/],
    ['[1]', /"sequencing" must be the sequencing state as JSON text/]]) {
    const r = await send({ sequencing: bad });
    assert.equal(r.status, 400, String(bad));
    assert.match(r.body.error, why);
  }
  const { attempt } = playData((await c.req('/play/pallet-jack')).html);
  const r12 = await commit(c, 'pallet-jack', csrf, { attempt, sco: 'JACK', commit: uuid(), values: {}, sequencing: first });
  assert.equal(r12.status, 400);
  assert.match(r12.body.error, /"sequencing" is for SCORM 2004 packages/);
  assert.equal(playData((await c.req('/play/shift-routine')).html).sequencing, second, 'nothing refused is stored');
  assert.equal(playData((await c.req('/play/shift-routine?attempt=new')).html).sequencing, undefined, 'a new attempt starts without');
});

test("a package's files are sandboxed in their own origin, framed only by the player, with the bridge", async () => {
  const res = await fetch(`${srv.url}/scorm-files/pallet-jack/1/index.html`);
  assert.equal(res.status, 200);
  const csp = res.headers.get('content-security-policy');
  assert.match(csp, /^sandbox allow-scripts allow-forms allow-popups allow-modals allow-downloads; frame-ancestors 'self'$/);
  assert.equal(res.headers.get('x-frame-options'), null);
  const html = await res.text();
  assert.match(html, /<head><script src="\/static\/scorm-again\/cross-frame-api\.min\.js"><\/script><script src="\/static\/scorm-frame\.js"><\/script><meta charset/);
  const js = await fetch(`${srv.url}/scorm-files/pallet-jack/1/sco.js`);
  assert.match(js.headers.get('content-security-policy'), /^sandbox /);
  for (const bad of ['/scorm-files/pallet-jack/1/../package.json', '/scorm-files/pallet-jack/1/.hidden',
    '/scorm-files/pallet-jack/2/index.html', '/scorm-files/first-day-safety/1/index.html',
    '/scorm-files/pallet-jack/1/imsmanifest.xml/x']) {
    assert.equal((await fetch(srv.url + bad)).status, 404, bad);
  }
  const page = await bram.req('/play/pallet-jack');
  assert.match(page.headers.get('content-security-policy'), /frame-ancestors 'none'/);
  assert.match(page.html, /<link rel="stylesheet" href="\/static\/scorm.css">/);
  assert.match(page.html, /<iframe id="scorm-frame" title="Lesson content" sandbox="allow-scripts allow-forms allow-popups allow-modals allow-downloads">/);
  const runtime = await fetch(`${srv.url}/static/scorm-again/scorm12.min.js`);
  assert.equal(runtime.status, 200);
  assert.match(await runtime.text(), /Scorm12API/);
});

async function addUserSignedIn(c, login) {
  await addUser(db, login, 'Chris Learner', PASSWORD);
  assert.equal((await c.signIn(login, PASSWORD, '/')).status, 303);
}
