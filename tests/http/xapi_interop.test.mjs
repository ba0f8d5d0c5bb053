// xapi_interop.test.mjs: interoperability with a real xAPI client library (@xapi/xapi, as
// learning content and LMSs use it) against the real server: statements stored, queried and
// paged, one voided, state and profiles written and read with their ETags, activities, agents.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import XAPI from '@xapi/xapi';
import { runCli, startServer } from '../lib/server.mjs';

let srv, dir, xapi;
const learner = { objectType: 'Agent', name: 'Mia Mentee', mbox: `mailto:mia-${crypto.randomUUID()}@example.com` };
const lesson = {
  objectType: 'Activity',
  id: 'http://stepwise.example/modules/safe-lifting',
  definition: { type: 'http://adlnet.gov/expapi/activities/lesson', name: { 'en-US': 'Lifting boxes the safe way' } },
};

before(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'stepwise-interop-'));
  const db = path.join(dir, 'lrs.db');
  const res = await runCli(['xapi-client', 'add', 'xapi.js', '--scope', 'all', '--db', db]);
  assert.equal(res.code, 0, res.stderr);
  const key = res.stdout.match(/^key: (\S+)$/m)[1];
  const secret = res.stdout.match(/^secret: (\S+)$/m)[1];
  srv = await startServer({ db });
  xapi = new XAPI({ endpoint: `${srv.url}/xapi/`, auth: XAPI.toBasicAuth(key, secret), version: '1.0.3' });
});

after(async () => {
  await srv.stop();
  rmSync(dir, { recursive: true, force: true });
});

const status = (code) => (err) => {
  assert.equal(err.response?.status, code, err.message);
  return true;
};

test('about: the library sees a 1.0.3 LRS', async () => {
  const about = await xapi.getAbout();
  assert.equal(about.status, 200);
  assert.ok(about.data.version.includes('1.0.3'), JSON.stringify(about.data));
});

test('statements: store, fetch, query with paging, void', async () => {
  const one = await xapi.sendStatement({
    statement: { actor: learner, verb: XAPI.Verbs.INITIALIZED, object: lesson },
  });
  assert.equal(one.status, 200);
  assert.equal(one.data.length, 1);
  const [firstId] = one.data;
  const many = await xapi.sendStatements({
    statements: [
      { actor: learner, verb: XAPI.Verbs.PROGRESSED, object: lesson, result: { extensions: { 'http://stepwise.example/ext/step': 1 } } },
      { actor: learner, verb: XAPI.Verbs.PROGRESSED, object: lesson, result: { extensions: { 'http://stepwise.example/ext/step': 2 } } },
      { actor: learner, verb: XAPI.Verbs.COMPLETED, object: lesson, result: { completion: true, duration: 'PT6M' } },
    ],
  });
  assert.equal(many.data.length, 3);
  const ids = [firstId, ...many.data];

  const got = await xapi.getStatement({ statementId: firstId });
  assert.equal(got.data.id, firstId);
  assert.equal(got.data.actor.mbox, learner.mbox);
  assert.equal(got.data.verb.id, XAPI.Verbs.INITIALIZED.id);
  assert.ok(got.data.stored, 'the LRS sets stored');
  assert.ok(got.data.authority, 'the LRS sets the authority');

  const progressed = await xapi.getStatements({ agent: learner, verb: XAPI.Verbs.PROGRESSED.id });
  assert.deepEqual(progressed.data.statements.map((s) => s.id).sort(), many.data.slice(0, 2).sort());

  // paging through every statement of the learner, two at a time, oldest first
  const seen = [];
  let page = await xapi.getStatements({ agent: learner, limit: 2, ascending: true });
  for (;;) {
    seen.push(...page.data.statements.map((s) => s.id));
    if (!page.data.more) break;
    page = await xapi.getMoreStatements({ more: page.data.more });
  }
  assert.deepEqual(seen, ids);

  const voided = await xapi.voidStatement({ actor: learner, statementId: firstId });
  assert.equal(voided.status, 200);
  await assert.rejects(xapi.getStatement({ statementId: firstId }), status(404));
  const gone = await xapi.getVoidedStatement({ voidedStatementId: firstId });
  assert.equal(gone.data.id, firstId);
  // the voided statement is left out of queries; the voiding statement that refers to it
  // matches the same filters (the StatementRef rule) and is returned instead
  const rest = await xapi.getStatements({ agent: learner, verb: XAPI.Verbs.INITIALIZED.id });
  assert.deepEqual(rest.data.statements.map((s) => [s.verb.id, s.object.objectType, s.object.id]),
    [[XAPI.Verbs.VOIDED.id, 'StatementRef', firstId]]);
});

test('state: set, merge, list, concurrency and delete through the library', async () => {
  const where = { agent: learner, activityId: lesson.id, registration: crypto.randomUUID() };
  await xapi.setState({ ...where, stateId: 'bookmark', state: { page: 2, level: 1 } });
  let got = await xapi.getState({ ...where, stateId: 'bookmark' });
  assert.deepEqual(got.data, { page: 2, level: 1 });
  const etag = got.headers.etag;
  assert.match(etag, /^"[0-9a-f]{40}"$/);

  await xapi.createState({ ...where, stateId: 'bookmark', state: { page: 3, answers: ['b'] } });
  got = await xapi.getState({ ...where, stateId: 'bookmark' });
  assert.deepEqual(got.data, { page: 3, level: 1, answers: ['b'] }, 'POST merges');

  await assert.rejects(
    xapi.setState({ ...where, stateId: 'bookmark', state: { page: 9 }, etag, matchHeader: 'If-Match' }),
    status(412), 'the old ETag no longer matches');
  await xapi.setState({ ...where, stateId: 'bookmark', state: { page: 4 }, etag: got.headers.etag, matchHeader: 'If-Match' });
  assert.deepEqual((await xapi.getState({ ...where, stateId: 'bookmark' })).data, { page: 4 });

  await xapi.setState({ ...where, stateId: 'notes', state: 'plain notes', contentType: 'text/plain' });
  const notes = await xapi.getState({ ...where, stateId: 'notes' });
  assert.equal(notes.data, 'plain notes');
  assert.match(notes.headers['content-type'], /^text\/plain/);

  const ids = await xapi.getStates(where);
  assert.deepEqual(ids.data.sort(), ['bookmark', 'notes']);
  await xapi.deleteState({ ...where, stateId: 'notes' });
  assert.deepEqual((await xapi.getStates(where)).data, ['bookmark']);
  await xapi.deleteStates(where);
  assert.deepEqual((await xapi.getStates(where)).data, []);
  await assert.rejects(xapi.getState({ ...where, stateId: 'bookmark' }), status(404));
});

test('profiles: activity and agent profiles through the library', async () => {
  const profileId = 'settings-' + crypto.randomUUID();
  await xapi.createActivityProfile({ activityId: lesson.id, profileId, profile: { passMark: 0.8 } });
  const ap = await xapi.getActivityProfile({ activityId: lesson.id, profileId });
  assert.deepEqual(ap.data, { passMark: 0.8 });
  await xapi.setActivityProfile({ activityId: lesson.id, profileId, profile: { passMark: 0.7 },
    etag: ap.headers.etag, matchHeader: 'If-Match' });
  assert.deepEqual((await xapi.getActivityProfile({ activityId: lesson.id, profileId })).data, { passMark: 0.7 });
  assert.ok((await xapi.getActivityProfiles({ activityId: lesson.id })).data.includes(profileId));

  await xapi.createAgentProfile({ agent: learner, profileId: 'preferences', profile: { captions: true } });
  await xapi.createAgentProfile({ agent: learner, profileId: 'preferences', profile: { speed: 1.25 } });
  const pp = await xapi.getAgentProfile({ agent: learner, profileId: 'preferences' });
  assert.deepEqual(pp.data, { captions: true, speed: 1.25 });
  await xapi.deleteAgentProfile({ agent: learner, profileId: 'preferences', etag: pp.headers.etag });
  await assert.rejects(xapi.getAgentProfile({ agent: learner, profileId: 'preferences' }), status(404));
});

test('activities and agents: what the statements said', async () => {
  const activity = await xapi.getActivity({ activityId: lesson.id });
  assert.deepEqual(activity.data, lesson);
  const person = await xapi.getAgent({ agent: learner });
  assert.equal(person.data.objectType, 'Person');
  assert.deepEqual(person.data.mbox, [learner.mbox]);
  assert.deepEqual(person.data.name, [learner.name]);
});
