// scorm_rollup.test.mjs: a package's own state, rolled up from its SCOs, in statements about the
// package activity (the module IRI a plan step follows), so the plan's progress rules apply to
// it unchanged: failed with the score as soon as a SCO fails ("Not passed yet", try again),
// completed once every SCO is done, passed once none failed, one passed and all are done. For
// SCORM 1.2 and 2004, single- and multi-SCO, through POST /scorm/ID/commit. A 2004 package with
// sequencing rolls up by its manifest's own rules, evaluated by the server on the stored data.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { startServer } from '../lib/server.mjs';
import { addClient, uuid } from '../lib/xapi.mjs';
import { commit, planWith, playData, scormSetup, signedIn, statementsAbout } from '../lib/scorm.mjs';

const PUBLIC = 'https://learn.example.com';
const PW = 'scorm-rollup-password';
const MENTEES = ['bram', 'cleo', 'dana', 'eve', 'finn', 'gus'];
let dir, srv, lrs;
const plans = {}, clients = {};

before(async () => {
  const site = await scormSetup('scorm-rollup', {
    packages: { 'pallet-jack': 'play12', 'shift-routine': 'play2004-multi', 'ladder-check': 'play2004-rules', 'parts-12': 'scorm12-multi' },
    users: [['mia', 'Mia Mentor', ['mentor']], ...MENTEES.map((login) => [login, `${login} Mentee`])],
    password: PW, pairs: MENTEES.map((login) => ['mia', login]) });
  dir = site.dir;
  lrs = await addClient(site.db, 'reader', ['all']);
  srv = await startServer({ content: site.content, db: site.db, args: ['--public-url', PUBLIC] });
  for (const login of MENTEES) {
    plans[login] = await planWith(srv.url, 'mia', PW, site.ids[login], ['pallet-jack', 'shift-routine', 'parts-12', 'ladder-check']);
    clients[login] = await signedIn(srv.url, login, PW);
  }
});

after(async () => {
  await srv?.stop();
  rmSync(dir, { recursive: true, force: true });
});

// Commits values for login's SCO sco of package id (attempt 1); resolves to the reply's body.
async function send(login, id, sco, values) {
  const c = clients[login];
  const { csrf } = playData((await c.req(`/play/${id}`)).html);
  const r = await commit(c, id, csrf, { attempt: 1, sco, commit: uuid(), values });
  assert.equal(r.status, 200, r.text);
  return r.body;
}

// The statements of login about the package activity itself, oldest first.
async function packageStatements(login, id) {
  const iri = `${PUBLIC}/modules/${id}`;
  return (await statementsAbout(srv.url, lrs.auth, iri))
    .filter((s) => s.actor.account.name === login && s.object.id === iri).reverse();
}
const verbs = (list) => list.map((s) => s.verb.id.split('/').pop());

// The state token of the plan step for package id on login's plan page, and its words.
async function step(login, id) {
  const html = (await clients[login].req(`/plans/${plans[login]}`)).html;
  const item = html.split('<li').find((li) => li.includes(`href="/modules/${id}?`));
  assert.ok(item, `the plan shows a step for ${id}`);
  const m = /<span class="state ([a-z-]+)"><span aria-hidden="true">[^<]*<\/span> ([^<]+)<\/span>/.exec(item);
  assert.ok(m, `the step for ${id} shows its state`);
  return { token: m[1], words: m[2] };
}

test('SCORM 1.2, one SCO: failed with the score shows "Not passed yet"; passed on the next try is passed', async () => {
  await send('bram', 'pallet-jack', 'JACK', { 'cmi.core.lesson_status': 'failed', 'cmi.core.score.raw': '40' });
  let st = await packageStatements('bram', 'pallet-jack');
  assert.deepEqual(verbs(st), ['failed']);
  assert.deepEqual(st[0].result.score, { scaled: 0.4, raw: 40 });
  assert.equal(st[0].result.success, false);
  assert.equal(st[0].object.definition.type, 'http://adlnet.gov/expapi/activities/course');
  assert.deepEqual(await step('bram', 'pallet-jack'), { token: 'failed', words: 'Not passed yet' });

  // Another commit that leaves it failed states nothing more about the package.
  await send('bram', 'pallet-jack', 'JACK', { 'cmi.core.lesson_location': 'page-2' });
  assert.deepEqual(verbs(await packageStatements('bram', 'pallet-jack')), ['failed']);

  const reply = await send('bram', 'pallet-jack', 'JACK', { 'cmi.core.lesson_status': 'passed', 'cmi.core.score.raw': '90' });
  assert.equal(reply.completed, true);
  st = await packageStatements('bram', 'pallet-jack');
  assert.deepEqual(verbs(st), ['failed', 'completed', 'passed']);
  assert.deepEqual(st[2].result.score, { scaled: 0.9, raw: 90 });
  assert.deepEqual(await step('bram', 'pallet-jack'), { token: 'passed', words: 'Passed' });
});

test('SCORM 1.2, one SCO: completed with no success status is done', async () => {
  await send('cleo', 'pallet-jack', 'JACK', { 'cmi.core.lesson_status': 'completed' });
  assert.deepEqual(verbs(await packageStatements('cleo', 'pallet-jack')), ['completed']);
  assert.deepEqual(await step('cleo', 'pallet-jack'), { token: 'completed', words: 'Done' });
});

test('SCORM 2004, three SCOs: failed while one SCO failed, completed when all are done, passed when the failed one passes', async () => {
  const sco = (completion, success, scaled) => ({ 'cmi.completion_status': completion, 'cmi.success_status': success, 'cmi.score.scaled': scaled });
  await send('dana', 'shift-routine', 'BEFORE', sco('completed', 'passed', '1'));
  assert.deepEqual(verbs(await packageStatements('dana', 'shift-routine')), [], 'one SCO of three: nothing about the package yet');
  assert.equal((await step('dana', 'shift-routine')).token, 'not-started');

  await send('dana', 'shift-routine', 'DURING', sco('completed', 'failed', '0.2'));
  let st = await packageStatements('dana', 'shift-routine');
  assert.deepEqual(verbs(st), ['failed']);
  // The course's measure by Simple Sequencing's measure rollup (RB.1.1): every tracked SCO
  // counts with its weight (1), AFTER with no measure yet as 0: (1 + 0.2 + 0) / 3.
  assert.equal(st[0].result.score.scaled.toFixed(2), '0.40', 'the weighted measure of the SCOs');
  assert.deepEqual(await step('dana', 'shift-routine'), { token: 'failed', words: 'Not passed yet' });

  await send('dana', 'shift-routine', 'AFTER', sco('completed', 'passed', '0.8'));
  assert.deepEqual(verbs(await packageStatements('dana', 'shift-routine')), ['failed', 'completed']);
  assert.deepEqual(await step('dana', 'shift-routine'), { token: 'completed', words: 'Done' });

  await send('dana', 'shift-routine', 'DURING', sco('completed', 'passed', '0.9'));
  st = await packageStatements('dana', 'shift-routine');
  assert.deepEqual(verbs(st), ['failed', 'completed', 'passed']);
  assert.equal(st[2].result.score.scaled.toFixed(2), '0.90');
  assert.deepEqual(await step('dana', 'shift-routine'), { token: 'passed', words: 'Passed' });
});

test('SCORM 1.2, three SCOs (an asset beside them): failed, then completed and passed', async () => {
  await send('eve', 'parts-12', 'INTRO', { 'cmi.core.lesson_status': 'completed' });
  await send('eve', 'parts-12', 'ONE', { 'cmi.core.lesson_status': 'failed', 'cmi.core.score.raw': '30' });
  let st = await packageStatements('eve', 'parts-12');
  assert.deepEqual(verbs(st), ['failed']);
  assert.deepEqual(st[0].result.score, { scaled: 0.3 });
  assert.deepEqual(await step('eve', 'parts-12'), { token: 'failed', words: 'Not passed yet' });
  await send('eve', 'parts-12', 'ONE', { 'cmi.core.lesson_status': 'passed', 'cmi.core.score.raw': '80' });
  assert.deepEqual(verbs(await packageStatements('eve', 'parts-12')), ['failed'], 'TWO is not done yet');
  assert.equal((await step('eve', 'parts-12')).token, 'failed');
  await send('eve', 'parts-12', 'TWO', { 'cmi.core.lesson_status': 'completed' });
  assert.deepEqual(verbs(await packageStatements('eve', 'parts-12')), ['failed', 'completed', 'passed']);
  assert.deepEqual(await step('eve', 'parts-12'), { token: 'passed', words: 'Passed' });
});

test('SCORM 2004 by its own rollup rules: a SCO left out of rollup counts for nothing, any satisfied SCO satisfies the course', async () => {
  const sco = (completion, success) => ({ 'cmi.completion_status': completion, 'cmi.success_status': success });
  // BEFORE is left out (rollupObjectiveSatisfied and rollupProgressCompletion false): passing
  // it says nothing about the course, though "any satisfied" would otherwise pass the course.
  await send('finn', 'ladder-check', 'BEFORE', sco('completed', 'passed'));
  assert.deepEqual(verbs(await packageStatements('finn', 'ladder-check')), []);
  assert.equal((await step('finn', 'ladder-check')).token, 'not-started');
  await send('finn', 'ladder-check', 'DURING', sco('incomplete', 'failed'));
  assert.deepEqual(verbs(await packageStatements('finn', 'ladder-check')), ['failed'], 'no SCO satisfied, one not satisfied');
  // AFTER passed: the course is satisfied and completed, though DURING is failed and incomplete
  // (the fixed rules would say failed and not done).
  const reply = await send('finn', 'ladder-check', 'AFTER', sco('completed', 'passed'));
  assert.equal(reply.completed, true);
  assert.deepEqual(verbs(await packageStatements('finn', 'ladder-check')), ['failed', 'completed', 'passed']);
  assert.deepEqual(await step('finn', 'ladder-check'), { token: 'passed', words: 'Passed' });

  // The other way round: a failed BEFORE fails nothing.
  await send('gus', 'ladder-check', 'BEFORE', sco('incomplete', 'failed'));
  assert.deepEqual(verbs(await packageStatements('gus', 'ladder-check')), []);
  await send('gus', 'ladder-check', 'DURING', sco('completed', 'unknown'));
  assert.deepEqual(verbs(await packageStatements('gus', 'ladder-check')), ['completed'], 'at least one completed: completed, success unknown');
  assert.deepEqual(await step('gus', 'ladder-check'), { token: 'completed', words: 'Done' });
});
