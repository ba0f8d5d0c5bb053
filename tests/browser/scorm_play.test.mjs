// scorm_play.test.mjs: the SCORM player in a real browser at phone size. An author imports a
// SCORM 1.2 package on /author/import, a mentor makes it a plan step, the mentee plays the SCO
// (it initializes, keeps a bookmark, answers, commits), closes the tab mid-SCO and resumes it in
// a new browser profile where it finishes; the runtime data, the xAPI statements and the done
// plan step are all found. A SCORM 2004 package with three SCOs is navigated by flow (the SCO's
// adl.nav.request and Previous) and by choice (the table of contents), and rolls up to the
// course; another, whose manifest's rollup rules are not the default (any SCO satisfied
// satisfies the course, the first SCO left out of rollup), rolls up by those rules, navigated
// by flow and choice, to the plan step; an attempt of it left on one device goes on on another with its sequencing state.
// axe finds no violation on the player page. Test helpers: tests/lib/scorm.mjs.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, rmSync } from 'node:fs';
import path from 'node:path';

import { ROOT, startServer } from '../lib/server.mjs';
import { addClient } from '../lib/xapi.mjs';
import { committed, fixtureZip, planWith as makePlan, scormSetup, statementsAbout, waitForSco, waitSaved } from '../lib/scorm.mjs';
import { checkPage, launch, signIn } from './lib.mjs';

const PW = 'scorm-play-password';
let dir, content, db, server, browser, lrs, menteeId, finnId;

before(async () => {
  const site = await scormSetup('bscorm', { packages: { 'shift-routine': 'play2004-multi', 'ladder-check': 'play2004-rules' },
    users: [['ada', 'Ada Author', ['author']], ['mia', 'Mia Mentor', ['mentor']], ['bram', 'Bram Mentee'],
      ['cleo', 'Cleo Mentee'], ['dana', 'Dana Mentee'], ['eve', 'Eve Mentee'], ['finn', 'Finn Mentee']],
    password: PW, pairs: [['mia', 'bram'], ['mia', 'finn']] });
  ({ dir, content, db } = site);
  cpSync(path.join(ROOT, 'modules/first-day-safety.md'), path.join(content, 'first-day-safety.md'));
  menteeId = site.ids.bram;
  finnId = site.ids.finn;
  lrs = await addClient(db, 'reader', ['all']);
  server = await startServer({ db, content });
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const verbsOf = (stmts) => stmts.map((s) => s.verb.id.split('/').pop()).reverse();

const planWith = (moduleId) => makePlan(server.url, 'mia', PW, menteeId, [moduleId]);

test('import, play, close the tab mid-SCO, resume in another profile, finish: data, statements, plan step done', async () => {
  // The author imports the package on the web page.
  const author = await signIn(browser, server.url, 'ada', PW);
  await author.goto('/author/import');
  await author.getByLabel('The package (.zip)').setInputFiles(fixtureZip('play12', dir));
  await author.getByLabel('Summary').fill('Move a pallet jack without strain.');
  await author.getByLabel('Minutes').fill('10');
  await author.getByLabel('Id').fill('pallet-jack');
  await author.getByRole('button', { name: 'Import' }).click();
  await author.waitForLoadState('load');
  for (let i = 0; i < 100 && (await fetch(`${server.url}/modules/pallet-jack`)).status !== 200; i++) {
    await new Promise((r) => setTimeout(r, 100));
  }
  await author.context().close();
  const plan = await planWith('pallet-jack');

  // The mentee starts it from the module page, answers and commits, then closes the tab.
  let page = await signIn(browser, server.url, 'bram', PW);
  await page.goto('/modules/pallet-jack');
  await page.getByRole('link', { name: 'Play the lesson' }).click();
  let f = await waitForSco(page, 'Using the pallet jack');
  assert.equal(await f.locator('#entry').textContent(), 'ab-initio');
  assert.equal(await f.locator('#learner').textContent(), 'bram');
  await f.locator('#bookmark').click();
  await f.locator('#answer').click();
  await committed(page, () => f.locator('#commit').click());
  assert.equal(await f.locator('#error').textContent(), '');
  await checkPage(page, 'the SCORM player');
  await f.locator('#note').click();             // after the last commit: only the close sends it
  await page.close({ runBeforeUnload: true });
  await new Promise((r) => setTimeout(r, 1000));

  // Another profile (another device) resumes where the tab was closed.
  page = await signIn(browser, server.url, 'bram', PW);
  await page.goto('/play/pallet-jack');
  await page.getByText('Attempt 1: you go on where you stopped.').waitFor();
  f = await waitForSco(page, 'Using the pallet jack');
  assert.equal(await f.locator('#entry').textContent(), 'resume');
  assert.equal(await f.locator('#location').textContent(), 'page-3');
  assert.equal(await f.locator('#suspend').textContent(), 'answered=1;page=3');
  assert.match(await f.locator('#total').textContent(), /^0000:00:\d\d\.\d\d$/);
  assert.notEqual(await f.locator('#total').textContent(), '0000:00:00.00');
  await committed(page, () => f.locator('#finish').click());

  // What the server stored, the statements and the plan.
  const rows = JSON.parse(execFileSync('sqlite3', ['-json', db,
    "SELECT a.number, a.completed, d.sco, d.rev, d.data FROM scorm_attempts a JOIN scorm_sco_data d ON d.attempt_id = a.id" +
    " JOIN users u ON u.id = a.user_id WHERE u.login = 'bram' AND a.package = 'pallet-jack'"]).toString());
  assert.equal(rows.length, 1);
  assert.equal(rows[0].completed, 1);
  const data = JSON.parse(rows[0].data);
  assert.equal(data['cmi.core.lesson_status'], 'passed');
  assert.equal(data['cmi.interactions.0.id'], 'forks-lowered');
  assert.equal(data['cmi.interactions.0.student_response'], 'b');
  assert.equal(data['cmi.core.score.raw'], '80');
  assert.equal(data['cmi.comments'], 'left mid-way');
  assert.equal(data['cmi.interactions.1.id'], undefined, 'one interaction, however often it was sent');
  const home = server.url;   // the default public URL: the address it listens on
  const stmts = (await statementsAbout(server.url, lrs.auth, `${home}/modules/pallet-jack`))
    .filter((s) => s.actor.account.name === 'bram');
  const verbs = verbsOf(stmts);
  // attempted: opening the plan step's page counts for the plan, as for every lesson (plan_lesson.c)
  assert.deepEqual(verbs, ['attempted', 'initialized', 'answered', 'suspended', 'resumed', 'completed', 'passed', 'terminated',
    'completed', 'passed']);
  const answered = stmts.find((s) => s.verb.id.endsWith('/answered'));
  assert.equal(answered.object.definition.type, 'http://adlnet.gov/expapi/activities/cmi.interaction');
  assert.equal(answered.result.response, 'b');
  await page.goto(`/plans/${plan}`);
  await page.getByText(/1 of 1 steps? done/).waitFor();
  await page.context().close();
});

test('a 2004 package of three SCOs: flow and choice navigation, the table of contents, rollup to the course', async () => {
  const page = await signIn(browser, server.url, 'bram', PW);
  await page.goto('/play/shift-routine');
  const toc = page.getByRole('navigation', { name: 'Contents' });
  let f = await waitForSco(page, 'Before the shift');
  await checkPage(page, 'the SCORM 2004 player');
  await f.locator('#continue').click();                       // adl.nav.request=continue (flow)
  f = await waitForSco(page, 'During the shift');
  await toc.locator('[data-state-of="BEFORE"]', { hasText: 'Passed' }).waitFor();
  await toc.getByRole('button', { name: 'After the shift' }).click();   // choice
  f = await waitForSco(page, 'After the shift');
  assert.equal(await toc.getByRole('button', { name: 'After the shift' }).getAttribute('aria-current'), 'step');
  assert.equal(await toc.locator('[data-state-of="DURING"]').textContent(), 'Started');
  await f.locator('#finish').click();
  await toc.locator('[data-state-of="AFTER"]', { hasText: 'Passed' }).waitFor();
  await page.getByRole('button', { name: 'Previous' }).click();          // flow backwards
  f = await waitForSco(page, 'During the shift');
  await committed(page, () => f.locator('#finish').click());
  await toc.locator('[data-state-of="DURING"]', { hasText: 'Passed' }).waitFor();

  const course = `${server.url}/modules/shift-routine`;
  const stmts = (await statementsAbout(server.url, lrs.auth, course)).filter((s) => s.actor.account.name === 'bram');
  const onCourse = stmts.filter((s) => s.object.id === course);
  assert.deepEqual(verbsOf(onCourse), ['completed', 'passed'], 'the course rolls up once every SCO is done');
  const initialized = stmts.filter((s) => s.verb.id.endsWith('/initialized')).map((s) => s.object.id.split('/').pop());
  assert.deepEqual(initialized.reverse(), ['BEFORE', 'DURING', 'AFTER']);
  const resumed = stmts.filter((s) => s.verb.id.endsWith('/resumed')).map((s) => s.object.id.split('/').pop());
  assert.deepEqual(resumed, ['DURING'], 'DURING was suspended by the choice, and resumed by Previous');
  // The next launch starts a new attempt: the last one is complete.
  await page.goto('/play/shift-routine');
  await page.getByText('Attempt 2.').waitFor();
  await page.context().close();
});

test('a 2004 package rolls up by its own rules: flow and choice, a SCO left out of rollup, the plan step passed', async () => {
  const plan = await makePlan(server.url, 'mia', PW, finnId, ['ladder-check']);
  const page = await signIn(browser, server.url, 'finn', PW);
  await page.goto('/play/ladder-check');
  const toc = page.getByRole('navigation', { name: 'Contents' });
  const course = `${server.url}/modules/ladder-check`;
  const onCourse = async () => (await statementsAbout(server.url, lrs.auth, course))
    .filter((s) => s.actor.account.name === 'finn' && s.object.id === course);
  let f = await waitForSco(page, 'Before the shift');
  await committed(page, () => f.locator('#continue').click());   // flow; BEFORE is left out of rollup
  f = await waitForSco(page, 'During the shift');
  await toc.locator('[data-state-of="BEFORE"]', { hasText: 'Passed' }).waitFor();
  await waitSaved(page);
  assert.deepEqual(verbsOf(await onCourse()), [], 'a passed SCO left out of rollup does not satisfy the course');
  await toc.getByRole('button', { name: 'After the shift' }).click();   // choice
  f = await waitForSco(page, 'After the shift');
  await committed(page, () => f.locator('#finish').click());
  await toc.locator('[data-state-of="AFTER"]', { hasText: 'Passed' }).waitFor();
  assert.equal(await toc.locator('[data-state-of="DURING"]').textContent(), 'Started');
  assert.deepEqual(verbsOf(await onCourse()), ['completed', 'passed'], 'any satisfied SCO satisfies the course; one completed completes it');
  await page.goto(`/plans/${plan}`);
  await page.getByText(/1 of 1 steps? done/).waitFor();
  await page.context().close();
});

// The 2004 sequencing state of login's latest attempt at shift-routine as stored, parsed (null
// when there is none).
function sequencingState(login) {
  const rows = JSON.parse(execFileSync('sqlite3', ['-json', db,
    'SELECT s.state FROM scorm_sequencing s JOIN scorm_attempts a ON a.id = s.attempt_id' +
    ` JOIN users u ON u.id = a.user_id WHERE u.login = '${login}' AND a.package = 'shift-routine'` +
    ' ORDER BY a.number DESC LIMIT 1']).toString() || '[]');
  return rows.length ? JSON.parse(rows[0].state) : null;
}

test('a 2004 attempt goes on on another device: each SCO\'s state, the sequencing state, the next SCO', async () => {
  let page = await signIn(browser, server.url, 'dana', PW);
  await page.goto('/play/shift-routine');
  let toc = page.getByRole('navigation', { name: 'Contents' });
  let f = await waitForSco(page, 'Before the shift');
  await f.locator('#continue').click();                       // BEFORE passed, on to DURING
  f = await waitForSco(page, 'During the shift');
  await toc.locator('[data-state-of="BEFORE"]', { hasText: 'Passed' }).waitFor();
  await waitSaved(page);
  let state = null;
  for (let i = 0; i < 50 && !(state = sequencingState('dana'))?.sequencing; i++) await new Promise((r) => setTimeout(r, 100));
  assert.ok(state?.sequencing, 'the sequencing state of the attempt is stored with the commits');
  assert.match(JSON.stringify(state.sequencing), /BEFORE/);
  await page.close({ runBeforeUnload: true });
  await new Promise((r) => setTimeout(r, 500));
  const left = sequencingState('dana');

  page = await signIn(browser, server.url, 'dana', PW);
  await page.goto('/play/shift-routine');
  await page.getByText('Attempt 1: you go on where you stopped.').waitFor();
  const data = JSON.parse(await page.locator('#scorm-data').textContent());
  assert.deepEqual(JSON.parse(data.sequencing), left, 'the page brings the stored state back');
  toc = page.getByRole('navigation', { name: 'Contents' });
  assert.equal(await toc.locator('[data-state-of="BEFORE"]').textContent(), 'Passed');
  f = await waitForSco(page, 'During the shift');             // the first SCO not done
  await f.locator('#continue').click();
  f = await waitForSco(page, 'After the shift');
  await committed(page, () => f.locator('#finish').click());
  await toc.locator('[data-state-of="AFTER"]', { hasText: 'Passed' }).waitFor();
  const course = `${server.url}/modules/shift-routine`;
  const onCourse = (await statementsAbout(server.url, lrs.auth, course))
    .filter((s) => s.actor.account.name === 'dana' && s.object.id === course);
  assert.deepEqual(verbsOf(onCourse), ['completed', 'passed']);
  await page.context().close();
});

test('a SCO that sets a hundred values at once loses none of them (scorm-again answers only 100 calls a second by default)', async () => {
  const page = await signIn(browser, server.url, 'eve', PW);
  await page.goto('/play/pallet-jack');
  await waitForSco(page, 'Using the pallet jack');
  const sco = page.frames().find((fr) => fr.url().includes('/scorm-files/pallet-jack/'));
  await committed(page, () => sco.evaluate(() => {
    for (let i = 0; i < 60; i++) {
      window.API.LMSSetValue(`cmi.interactions.${i}.id`, `q${i}`);
      window.API.LMSSetValue(`cmi.interactions.${i}.result`, 'correct');
    }
    window.API.LMSSetValue('cmi.core.score.raw', '90');
    window.API.LMSSetValue('cmi.core.lesson_status', 'passed');
    window.API.LMSCommit('');
  }));
  const rows = JSON.parse(execFileSync('sqlite3', ['-json', db,
    "SELECT d.data FROM scorm_sco_data d JOIN scorm_attempts a ON a.id = d.attempt_id JOIN users u ON u.id = a.user_id" +
    " WHERE u.login = 'eve' AND a.package = 'pallet-jack'"]).toString());
  const data = JSON.parse(rows[0].data);
  assert.equal(data['cmi.interactions.59.id'], 'q59');
  assert.equal(data['cmi.interactions.59.result'], 'correct');
  assert.equal(data['cmi.core.lesson_status'], 'passed');
  assert.equal(data['cmi.core.score.raw'], '90');
  await page.context().close();
});

test('offline, a commit waits in the browser and goes out once when the browser is online again', async () => {
  const page = await signIn(browser, server.url, 'cleo', PW);
  await page.goto('/play/shift-routine');
  const f = await waitForSco(page, 'Before the shift');
  const sent = (n) => page.waitForFunction((k) => +(document.getElementById('scorm-status').dataset.sent || 0) >= k, n);
  await sent(1);                                  // the SCO's start
  await page.context().setOffline(true);
  await f.locator('#continue').click();
  await page.locator('#scorm-status', { hasText: 'Saved on this device.' }).waitFor();
  const queued = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('stepwise-scorm:'))
    .map((k) => JSON.parse(localStorage.getItem(k)).length));
  assert.deepEqual(queued, [1]);
  await checkPage(page, 'the SCORM player offline');
  await page.context().setOffline(false);
  await sent(2);
  await waitSaved(page);
  assert.equal(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('stepwise-scorm:')).length), 0);
  const course = `${server.url}/modules/shift-routine`;
  const stmts = (await statementsAbout(server.url, lrs.auth, course)).filter((s) => s.actor.account.name === 'cleo');
  assert.equal(stmts.filter((s) => s.verb.id.endsWith('/passed') && s.object.id.endsWith('/sco/BEFORE')).length, 1);
  await page.context().close();
});
