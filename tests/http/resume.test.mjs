// resume.test.mjs: nothing is lost at sign-in. A form sent after the session timed out (the
// lesson took longer than the idle time-out) is kept and done after signing in again, for the
// same person only; one too big to keep leads back to its page with a message; a form older
// than the session is shown again, filled in. Never a 405 for a GET of a POST-only address.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { runCli, startServer } from '../lib/server.mjs';
import { Client, addUser, csrfOf } from '../lib/session.mjs';

const PASSWORD = 'resume-test-password';
const IDLE = 2;     // seconds: --session-idle
let dir, db, srv;

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function signIn(login) {
  const c = new Client(srv.url);
  const res = await c.signIn(login, PASSWORD);
  assert.equal(res.status, 303, res.html);
  return c;
}

// The hidden fields of the first form posting to action on a page.
function fieldsOf(html, action) {
  const form = html.slice(html.indexOf(`action="${action}"`)).split('</form>')[0];
  return Object.fromEntries([...form.matchAll(/type="hidden" name="([^"]+)" value="([^"]*)"/g)]
    .map((m) => [m[1], m[2].replace(/&amp;/g, '&').replace(/&quot;/g, '"')]));
}

let stepId, planId;

before(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'stepwise-resume-'));
  db = path.join(dir, 'resume.db');
  await addUser(db, 'mia', 'Mia Mentor', PASSWORD, ['mentor']);
  await addUser(db, 'anna', 'Anna Mentee', PASSWORD);
  await addUser(db, 'bram', 'Bram Mentee', PASSWORD);
  assert.equal((await runCli(['user', 'pair', 'mia', 'anna', '--db', db])).code, 0);
  srv = await startServer({ db, args: ['--session-idle', String(IDLE)] });
  const mia = await signIn('mia');
  let csrf = await mia.csrf('/plans/new');
  const users = (await runCli(['user', 'list', '--db', db])).stdout;
  const annaId = /^(\d+)\tanna\t/m.exec(users)[1];
  let res = await mia.req('/plans/new', { form: { csrf, mentee: annaId, goal: 'Change over the machine',
    start: '2026-01-05', target: '2026-03-30', mentor2: 0 } });
  assert.equal(res.status, 303, res.html);
  planId = Number(/\/plans\/(\d+)/.exec(res.headers.get('location'))[1]);
  csrf = await mia.csrf(`/plans/${planId}/edit`);
  res = await mia.req(`/plans/${planId}/edit`, { form: { csrf, do: 'add-module', module: 'machine-changeover', level: 1 } });
  assert.equal(res.status, 303);
  const edit = await mia.req(`/plans/${planId}/edit`);
  stepId = Number(/<li class="card step-edit" id="step-(\d+)">/.exec(edit.html)[1]);
});

after(async () => {
  await srv?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test('"I finished this lesson" after the time-out is done after signing in again', async () => {
  const anna = await signIn('anna');
  const lesson = await anna.req('/modules/machine-changeover?level=1');
  const csrf = csrfOf(lesson.html);
  assert.match(lesson.html, new RegExp(`action="/plan/steps/${stepId}/done"`));
  await sleep(IDLE * 1000 + 1200);      // the lesson took longer than the idle time-out
  let res = await anna.req(`/plan/steps/${stepId}/done`, { form: { csrf } });
  assert.equal(res.status, 303);
  assert.equal(res.headers.get('location'), '/login?next=%2Fresume&expired=1');
  assert.ok(anna.jar.get('stepwise_resume'), 'the form is kept');
  res = await anna.req('/login?next=%2Fresume&expired=1');
  assert.match(res.html, /not used for a while/);

  res = await anna.signIn('anna', PASSWORD, '/resume');
  assert.equal(res.status, 303);
  assert.equal(res.headers.get('location'), '/resume');
  res = await anna.req('/resume');
  assert.equal(res.status, 200);
  assert.match(res.html, /Your last change is not saved yet/);
  assert.match(res.html, /data-resume/);      // the same person: player.js sends it at once
  assert.equal(anna.jar.get('stepwise_resume'), undefined, 'used once');
  const fields = fieldsOf(res.html, `/plan/steps/${stepId}/done`);
  assert.equal(fields.csrf, csrfOf((await anna.req('/plan')).html), 'the new session\'s token');
  res = await anna.req(`/plan/steps/${stepId}/done`, { form: fields });
  assert.equal(res.status, 303);
  assert.equal(res.headers.get('location'), `/plan?done=${stepId}`);
  res = await anna.req('/plan');
  assert.match(res.html, /1 of 1 step done/);
  // the kept form is gone: /resume leads on
  res = await anna.req('/resume');
  assert.equal(res.status, 303);
});

test('a kept form is never shown to someone else who signs in on the tablet', async () => {
  const anna = await signIn('anna');
  const csrf = csrfOf((await anna.req('/plan')).html);
  await sleep(IDLE * 1000 + 1200);
  let res = await anna.req(`/plan/steps/${stepId}/start`, { form: { csrf } });
  assert.equal(res.headers.get('location'), '/login?next=%2Fresume&expired=1');
  res = await anna.signIn('bram', PASSWORD, '/resume');       // Bram takes the tablet
  assert.equal(res.headers.get('location'), '/resume');
  res = await anna.req('/resume');
  assert.equal(res.status, 303);
  assert.doesNotMatch(res.html, /plan\/steps/);
  assert.equal(anna.jar.get('stepwise_resume'), undefined);
});

test('a form too big to keep leads back to its page, saying it was not saved', async () => {
  const mia = await signIn('mia');
  const csrf = csrfOf((await mia.req(`/plans/${planId}/edit`)).html);
  await sleep(IDLE * 1000 + 1200);
  const res = await mia.req(`/plans/${planId}/edit`, {
    form: { csrf, do: 'save', goal: 'x', notes: 'n'.repeat(4000) },
    headers: { referer: `${srv.url}/plans/${planId}/edit` },
  });
  assert.equal(res.status, 303);
  assert.equal(res.headers.get('location'), `/login?next=%2Fplans%2F${planId}%2Fedit&unsaved=1&expired=1`);
  assert.equal(mia.jar.get('stepwise_resume'), undefined);
  const page = await mia.req(res.headers.get('location'));
  assert.match(page.html, /what you sent last was not saved/);
  const back = await mia.signIn('mia', PASSWORD, `/plans/${planId}/edit`);
  assert.equal(back.headers.get('location'), `/plans/${planId}/edit`);
});

test('a form older than the session is shown again, filled in, and nothing is saved yet', async () => {
  const mia = await signIn('mia');
  await mia.req(`/plans/${planId}/edit`);
  const res = await mia.req(`/plans/${planId}/edit`, { form: { csrf: 'from-an-older-session', do: 'add-task',
    title: 'Pack ten orders & check them' } });
  assert.equal(res.status, 403);
  assert.match(res.html, /This form is too old or did not come from Stepwise, so nothing was saved\. Check it/);
  assert.doesNotMatch(res.html, /data-resume/);      // sent only with a tap
  const fields = fieldsOf(res.html, `/plans/${planId}/edit`);
  assert.equal(fields.title, 'Pack ten orders & check them');
  assert.doesNotMatch((await mia.req(`/plans/${planId}`)).html, /Pack ten orders/);
  const sent = await mia.req(`/plans/${planId}/edit`, { form: fields });
  assert.equal(sent.status, 303);
  assert.match((await mia.req(`/plans/${planId}`)).html, /Pack ten orders &amp; check them/);
});
