// scorm.mjs: what the SCORM tests share: a test package zipped from a fixture folder with the
// test SCOs' script (tests/data/scorm/sco.js), imported into a content folder with the CLI; the
// test's folder with its packages, users and pairs; a signed-in client; a mentor's plan with modules as its steps; commits and the player page's data over HTTP; in a
// browser (playwright) the SCO's frame, waiting for a SCO and for "saved", answering the check
// of an exported module; reading the statements stored.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT, runCli } from './server.mjs';
import { Client, addUser, csrfOf } from './session.mjs';
import { makeZip } from './zip.mjs';

export const SCORM_FIXTURES = path.join(ROOT, 'tests/data/scorm');

// Fixtures that play another fixture's pages: the same SCOs under another manifest.
const PAGES_OF = { 'play2004-rules': 'play2004-multi' };

// Zips tests/data/scorm/NAME (with sco.js beside its files, and the pages PAGES_OF names) into
// dir; returns the zip's path.
export function fixtureZip(name, dir) {
  const extra = [{ name: 'sco.js', data: readFileSync(path.join(SCORM_FIXTURES, 'sco.js'), 'utf8') }];
  const pages = PAGES_OF[name] && path.join(SCORM_FIXTURES, PAGES_OF[name]);
  if (pages) {
    for (const f of readdirSync(pages).filter((f) => f.endsWith('.html')))
      extra.push({ name: f, data: readFileSync(path.join(pages, f), 'utf8') });
  }
  return makeZip(path.join(SCORM_FIXTURES, name), path.join(dir, `${name}.zip`), extra);
}

// Imports the zip into the content folder as module id (`stepwise import`), with the summary
// the test manifests leave out.
export async function importPackage(content, zip, id, minutes = 10, summary = 'A test package.') {
  const r = await runCli(['import', '--content', content, '--id', id, '--minutes', String(minutes),
    '--summary', summary, zip]);
  assert.equal(r.code, 0, r.stderr);
  return r;
}

// A SCORM test's folder, made before its server starts: a temporary directory stepwise-TAG-…
// with content/ holding the packages (module id -> a fixture's name, or the path of a zip)
// imported, and TAG.db with the users ([login, name, roles] each, all with password) and
// each [mentor, mentee] of pairs paired. Resolves to { dir, content, db, ids }, ids mapping each
// login to its user id.
export async function scormSetup(tag, { packages = {}, users = [], password, pairs = [] }) {
  const dir = mkdtempSync(path.join(os.tmpdir(), `stepwise-${tag}-`));
  const content = path.join(dir, 'content');
  mkdirSync(content);
  for (const [id, from] of Object.entries(packages))
    await importPackage(content, from.endsWith('.zip') ? from : fixtureZip(from, dir), id);
  const db = path.join(dir, `${tag}.db`);
  for (const [login, name, roles = []] of users) await addUser(db, login, name, password, roles);
  for (const [mentor, mentee] of pairs)
    assert.equal((await runCli(['user', 'pair', mentor, mentee, '--db', db])).code, 0);
  const ids = {};
  if (users.length) {
    const list = (await runCli(['user', 'list', '--db', db])).stdout.split('\n').map((l) => l.split('\t'));
    for (const [login] of users) ids[login] = list.find((cols) => cols[1] === login)[0];
  }
  return { dir, content, db, ids };
}

// A Client signed in on url as login; fails the test when the sign-in does not redirect.
export async function signedIn(url, login, password) {
  const c = new Client(url);
  assert.equal((await c.signIn(login, password, '/')).status, 303);
  return c;
}

// The plan mentor (login, password) makes on url for the mentee with id menteeId, with the
// modules as its steps (level 1); resolves to the plan's id.
export async function planWith(url, mentor, password, menteeId, modules) {
  const c = await signedIn(url, mentor, password);
  const submit = async (from, action, form) => c.req(action, { form: { csrf: csrfOf((await c.req(from)).html), ...form } });
  let res = await submit('/plans/new', '/plans/new', { mentee: menteeId, goal: 'Move pallets safely',
    start: '2026-01-05', target: '2026-03-30', interval: 28, click: 1, clear: 1, notes: '', mentor2: 0 });
  assert.equal(res.status, 303, res.html);
  const plan = /^\/plans\/(\d+)/.exec(res.headers.get('location'))[1];
  for (const module of modules) {
    res = await submit(`/plans/${plan}/edit`, `/plans/${plan}/edit`, { do: 'add-module', module, level: 1 });
    assert.equal(res.status, 303, res.html);
  }
  return plan;
}

// POSTs a commit for the signed-in Client c (its CSRF token from /play/ID); resolves to
// { status, body }.
export async function commit(c, id, csrf, body) {
  const res = await c.req(`/scorm/${id}/commit`, {
    method: 'POST', body: JSON.stringify(body),
    headers: { 'content-type': 'application/json', 'x-csrf-token': csrf },
  });
  let json = null;
  try { json = JSON.parse(res.html); } catch { /* not JSON */ }
  return { status: res.status, body: json, text: res.html };
}

// The JSON data block of a player page /play/ID.
export function playData(html) {
  const m = /<script type="application\/json" id="scorm-data">([\s\S]*?)<\/script>/.exec(html);
  assert.ok(m, 'the player page has its data block');
  return JSON.parse(m[1].replace(/<\\\//g, '</'));
}

// The statements of the LRS about activity (related activities too), for an xAPI client.
export async function statementsAbout(url, auth, activity) {
  const q = new URLSearchParams({ activity, related_activities: 'true', limit: '500' });
  const res = await fetch(`${url}/xapi/statements?${q}`, {
    headers: { authorization: auth, 'x-experience-api-version': '1.0.3' },
  });
  assert.equal(res.status, 200);
  return (await res.json()).statements;
}

// The SCO's frame of a player page (a playwright FrameLocator).
export const scoFrame = (page) => page.frameLocator('#scorm-frame');

// Waits until the SCO whose h1 is title runs in the player (the test SCOs say so in #state).
export async function waitForSco(page, title) {
  const f = scoFrame(page);
  await f.locator('h1', { hasText: title }).waitFor();
  await f.locator('#state', { hasText: 'running' }).waitFor();
  return f;
}

// Waits until the player says the server has every commit.
export const waitSaved = (page) => page.locator('#scorm-status', { hasText: 'Your progress is saved.' }).waitFor();

// Does action (a function), then waits until the server has a commit more than before and
// every commit (the player counts them in #scorm-status's data-sent).
export async function committed(page, action) {
  const sent = () => page.evaluate(() => +(document.getElementById('scorm-status').dataset.sent || 0));
  const before = await sent();
  await action();
  await page.waitForFunction((n) => +(document.getElementById('scorm-status').dataset.sent || 0) > n, before);
  await waitSaved(page);
}

// Answers the check of the level an exported module's page (a playwright Frame) shows, from the
// package's own answer key: right (fill-in in other case and spacing: the page compares as the
// server does), or every one wrong; resolves to the level's key once the result is shown.
export async function answerCheck(frame, right) {
  const key = JSON.parse(await frame.locator('#sco-data').textContent());
  const level = await frame.evaluate(() => +document.querySelector('.levels a[aria-current]').dataset.level);
  for (const q of key.levels[level].questions) {
    if (q.type === 'fill-in') {
      await frame.locator(`#q-${q.id}-text`).fill(right ? ` ${q.answers[0].toUpperCase().replace(/ /g, '  ')} ` : 'something else');
      continue;
    }
    // Wrong: every option of a multiple-answer question, else the first wrong option.
    const picks = right ? q.options.map((o, i) => (o.correct ? i : -1)).filter((i) => i >= 0)
      : q.type === 'multiple' ? q.options.map((o, i) => i) : [q.options.findIndex((o) => !o.correct)];
    for (const i of picks) await frame.locator(`#q-${q.id}-${i + 1}`).check();
  }
  await frame.getByRole('button', { name: 'Check my answers' }).click();
  await frame.locator('#sco-result-h').waitFor();
  return key.levels[level];
}
