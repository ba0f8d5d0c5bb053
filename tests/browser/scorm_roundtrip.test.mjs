// scorm_roundtrip.test.mjs: a Markdown module there and back again. `stepwise export` writes
// safe-lifting (a module with a knowledge check) as SCORM 1.2 and as SCORM 2004, `stepwise
// import` takes each back with no warning, a mentor makes both plan steps of two mentees, and
// each plays in Stepwise's own player at phone size: the exported SCO finds the runtime API that
// the sandboxed frame's bridge puts on its window, and its check is answered in the frame. Bram
// answers right: the runtime data stored is passed with the full score (1.2) or completed,
// passed, scaled 1 (2004), the xAPI statements say completed and passed with the score, for the
// SCO and the course, and the plan's steps are done. Cleo answers wrong: failed with score 0,
// the 1.2 step not done until she tries again and passes. Test helpers: tests/lib/scorm.mjs.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { ROOT, runCli, startServer } from '../lib/server.mjs';
import { addUser } from '../lib/session.mjs';
import { addClient } from '../lib/xapi.mjs';
import { answerCheck, planWith, statementsAbout, waitSaved } from '../lib/scorm.mjs';
import { SHOTS, checkPage, launch, signIn } from './lib.mjs';

const PW = 'scorm-roundtrip-password';
const ID = { '1.2': 'safe-lifting-12', 2004: 'safe-lifting-2004' };
let dir, db, server, browser, lrs;
const plans = {};

before(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'stepwise-roundtrip-'));
  const content = path.join(dir, 'content');
  mkdirSync(content);
  for (const v of ['1.2', '2004']) {
    const zip = path.join(dir, `${ID[v]}.zip`);
    let r = await runCli(['export', 'safe-lifting', '--scorm', v, '-o', zip, '--content', path.join(ROOT, 'modules')]);
    assert.equal(r.code, 0, r.stderr);
    r = await runCli(['import', '--content', content, '--id', ID[v], zip]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stderr, '', `the importer takes the ${v} export with no warning`);
  }
  db = path.join(dir, 'roundtrip.db');
  await addUser(db, 'mia', 'Mia Mentor', PW, ['mentor']);
  for (const login of ['bram', 'cleo']) {
    await addUser(db, login, `${login} Mentee`, PW);
    assert.equal((await runCli(['user', 'pair', 'mia', login, '--db', db])).code, 0);
  }
  lrs = await addClient(db, 'reader', ['all']);
  server = await startServer({ db, content });
  const list = (await runCli(['user', 'list', '--db', db])).stdout.split('\n').map((l) => l.split('\t'));
  for (const login of ['bram', 'cleo']) {
    plans[login] = await planWith(server.url, 'mia', PW, list.find((cols) => cols[1] === login)[0], [ID['1.2'], ID[2004]]);
  }
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

// The exported SCO playing in /play/ID for login, in a browser profile of its own (each visit
// starts with no commits waiting in the browser): the page and the SCO's frame (a playwright
// Frame), once the SCO shows its level and the player has everything it sent.
async function openSco(login, id) {
  const page = await signIn(browser, server.url, login, PW);
  await page.goto(`/play/${id}`);
  const frame = await (await page.waitForSelector('#scorm-frame')).contentFrame();
  await frame.waitForSelector('#sco-level .body');
  await waitSaved(page);
  assert.equal(await frame.locator('#sco-status').isHidden(), true, 'the SCO found the runtime API');
  return { page, frame };
}

// Answers the check in login's SCO of package id (right or wrong) and waits until the server
// has the result (passed or failed) and the player has nothing left to send.
async function check(page, frame, login, id, right) {
  const level = await answerCheck(frame, right);
  await frame.getByText(right ? 'You passed the check.' : 'Not passed yet.').waitFor();
  await frame.getByText('Your result is saved in your learning system.').waitFor();
  const key = id === ID['1.2'] ? 'cmi.core.lesson_status' : 'cmi.success_status';
  for (let i = 0; i < 100 && storedRows(login, id)[0]?.data[key] !== (right ? 'passed' : 'failed'); i++) {
    await new Promise((r) => setTimeout(r, 100));
  }
  await waitSaved(page);
  return level;
}

// Leaves the player for the plan page (the player's final commit goes with keepalive); resolves
// once the plan page is shown.
async function leaveForPlan(page, login) {
  await page.goto(`/plans/${plans[login]}`);
  await page.locator('h1').waitFor();
}

// The attempts of login at package id with their SCO's runtime data, as the server stored them.
function storedRows(login, id) {
  const rows = JSON.parse(execFileSync('sqlite3', ['-json', db,
    'SELECT a.number, a.completed, d.data FROM scorm_attempts a JOIN scorm_sco_data d ON d.attempt_id = a.id' +
    ` JOIN users u ON u.id = a.user_id WHERE u.login = '${login}' AND a.package = '${id}'`]).toString() || '[]');
  return rows.map((r) => ({ attempt: r.number, completed: r.completed, data: JSON.parse(r.data) }));
}

// The one attempt (with one SCO) of login at package id.
function stored(login, id) {
  const rows = storedRows(login, id);
  assert.equal(rows.length, 1, 'one attempt with one SCO');
  return rows[0];
}

// The interactions of the runtime data: [id, result] each, in order.
function interactions(data) {
  const out = [];
  for (let i = 0; data[`cmi.interactions.${i}.id`] !== undefined; i++) out.push([data[`cmi.interactions.${i}.id`], data[`cmi.interactions.${i}.result`]]);
  return out;
}

// The statements of login about the package (course and SCO), oldest first, split by object,
// after waiting (up to 10 s) for the verb last to be among them (the final commit leaves the
// page with keepalive).
async function statements(login, id, last) {
  const course = `${server.url}/modules/${id}`;
  let all = [];
  for (let i = 0; i < 100; i++) {
    all = (await statementsAbout(server.url, lrs.auth, course)).filter((s) => s.actor.account.name === login).reverse();
    if (!last || all.some((s) => s.verb.id.endsWith(`/${last}`))) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  const verb = (s) => s.verb.id.split('/').pop();
  return {
    course: all.filter((s) => s.object.id === course),
    sco: all.filter((s) => s.object.id !== course && !s.verb.id.endsWith('/answered')),
    answered: all.filter((s) => s.verb.id.endsWith('/answered')),
    verbs: (list) => list.map(verb),
  };
}

// The state token of the plan step for package id on the plan page shown (README, "Plans and
// progress": not-started, in-progress, failed, completed, passed).
async function stepState(page, id) {
  const item = page.locator('li', { has: page.locator(`a[href^="/modules/${id}?"]`) });
  return (await item.locator('.state').getAttribute('class')).replace('state ', '');
}

test('SCORM 1.2 there and back: played with the check passed, stored as passed with the score, the plan step done', async () => {
  const { page, frame } = await openSco('bram', ID['1.2']);
  await checkPage(page, 'the exported 1.2 package in the player');
  const level = await check(page, frame, 'bram', ID['1.2'], true);
  await page.screenshot({ path: path.join(SHOTS, 'scorm-roundtrip-12-passed.png') });
  await leaveForPlan(page, 'bram');

  const s = stored('bram', ID['1.2']);
  assert.equal(s.completed, 1, 'the attempt is complete');
  assert.equal(s.data['cmi.core.lesson_status'], 'passed');
  assert.equal(s.data['cmi.core.score.raw'], '100');
  assert.equal(s.data['cmi.core.score.min'], '0');
  assert.equal(s.data['cmi.core.score.max'], '100');
  assert.equal(s.data['cmi.core.lesson_location'], '1');
  assert.deepEqual(interactions(s.data), level.questions.map((q) => [q.id, 'correct']));

  const st = await statements('bram', ID['1.2'], 'passed');
  assert.deepEqual(st.verbs(st.sco).slice(0, 3), ['initialized', 'completed', 'passed']);
  assert.deepEqual(st.verbs(st.course), ['completed', 'passed']);
  for (const p of [st.sco[2], st.course[1]]) {
    assert.deepEqual(p.result.score, { scaled: 1, raw: 100, min: 0, max: 100 });
    assert.equal(p.result.success, true);
  }
  assert.deepEqual(st.answered.map((a) => [a.object.id.split('/').pop(), a.result.success]),
    level.questions.map((q) => [q.id, true]));

  await page.getByText('1 of 2 steps done').waitFor();
  assert.equal(await stepState(page, ID['1.2']), 'passed');
  assert.equal(await stepState(page, ID[2004]), 'not-started');
  await page.context().close();
});

test('SCORM 2004 there and back: completed, passed, scaled score 1 stored and stated, both plan steps done', async () => {
  const { page, frame } = await openSco('bram', ID[2004]);
  await checkPage(page, 'the exported 2004 package in the player');
  const level = await check(page, frame, 'bram', ID[2004], true);
  await leaveForPlan(page, 'bram');

  const s = stored('bram', ID[2004]);
  assert.equal(s.completed, 1);
  assert.equal(s.data['cmi.completion_status'], 'completed');
  assert.equal(s.data['cmi.success_status'], 'passed');
  assert.equal(s.data['cmi.score.scaled'], '1');
  assert.equal(s.data['cmi.score.raw'], String(level.questions.length));
  assert.equal(s.data['cmi.score.max'], String(level.questions.length));
  assert.equal(s.data['cmi.location'], '1');
  assert.deepEqual(interactions(s.data), level.questions.map((q) => [q.id, 'correct']));

  const st = await statements('bram', ID[2004], 'passed');
  assert.deepEqual(st.verbs(st.sco).slice(0, 3), ['initialized', 'completed', 'passed']);
  assert.deepEqual(st.verbs(st.course), ['completed', 'passed']);
  const n = level.questions.length;
  for (const p of [st.sco[2], st.course[1]]) {
    assert.deepEqual(p.result.score, { scaled: 1, raw: n, min: 0, max: n });
    assert.equal(p.result.success, true);
  }
  assert.equal(st.answered.length, n);

  await page.getByText('2 of 2 steps done').waitFor();
  assert.equal(await stepState(page, ID[2004]), 'passed');
  await page.context().close();
});

test('a wrong answer: failed with score 0 in both versions; the 1.2 step is done only once she tries again and passes', async () => {
  let { page, frame } = await openSco('cleo', ID['1.2']);
  await check(page, frame, 'cleo', ID['1.2'], false);
  await leaveForPlan(page, 'cleo');
  await page.context().close();
  let s = stored('cleo', ID['1.2']);
  assert.equal(s.completed, 0, 'a failed 1.2 SCO does not complete the attempt');
  assert.equal(s.data['cmi.core.lesson_status'], 'failed');
  assert.equal(s.data['cmi.core.score.raw'], '0');
  let st = await statements('cleo', ID['1.2'], 'failed');
  assert.deepEqual(st.verbs(st.sco).slice(0, 2), ['initialized', 'failed']);
  assert.deepEqual(st.sco[1].result.score, { scaled: 0, raw: 0, min: 0, max: 100 });
  assert.equal(st.sco[1].result.success, false);
  assert.deepEqual(st.course, []);

  ({ page, frame } = await openSco('cleo', ID[2004]));
  await check(page, frame, 'cleo', ID[2004], false);
  s = stored('cleo', ID[2004]);
  assert.equal(s.data['cmi.completion_status'], 'completed');
  assert.equal(s.data['cmi.success_status'], 'failed');
  assert.equal(s.data['cmi.score.scaled'], '0');
  st = await statements('cleo', ID[2004], 'failed');
  assert.deepEqual(st.verbs(st.course), ['completed', 'failed']);
  assert.equal(st.course[1].result.score.scaled, 0);
  assert.equal(st.course[1].result.success, false);

  await leaveForPlan(page, 'cleo');
  await page.getByText('1 of 2 steps done').waitFor();
  assert.ok(!['completed', 'passed'].includes(await stepState(page, ID['1.2'])), 'the failed 1.2 step is not done');
  assert.equal(await stepState(page, ID[2004]), 'completed', 'completed with the check failed: done, not passed');
  await page.context().close();

  // The same 1.2 attempt goes on: a second try, right this time, passes it.
  ({ page, frame } = await openSco('cleo', ID['1.2']));
  const level = await check(page, frame, 'cleo', ID['1.2'], true);
  s = stored('cleo', ID['1.2']);
  assert.equal(s.attempt, 1);
  assert.equal(s.completed, 1);
  assert.equal(s.data['cmi.core.lesson_status'], 'passed');
  assert.equal(s.data['cmi.core.score.raw'], '100');
  assert.deepEqual(interactions(s.data).slice(-level.questions.length), level.questions.map((q) => [q.id, 'correct']));
  st = await statements('cleo', ID['1.2'], 'passed');
  assert.deepEqual(st.verbs(st.course), ['completed', 'passed']);
  await leaveForPlan(page, 'cleo');
  await page.getByText('2 of 2 steps done').waitFor();
  assert.equal(await stepState(page, ID['1.2']), 'passed');
  await page.context().close();
});
