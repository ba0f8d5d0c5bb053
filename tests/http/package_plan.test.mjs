// package_plan.test.mjs: an imported SCORM package is a plan step like a Markdown module: the
// mentor adds it, "Start lesson" opens it, and its state follows the plan's progress rules from
// statements on its activity IRI (here an outside tool's "passed").
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT, runCli, startServer } from '../lib/server.mjs';
import { Client, addUser, csrfOf } from '../lib/session.mjs';
import { addClient } from '../lib/xapi.mjs';
import { makeZip } from '../lib/zip.mjs';

const PUBLIC = 'https://learn.example.com';
const PASSWORD = 'package-plan-password';
let dir, srv, lrs, menteeId;

before(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'stepwise-package-plan-'));
  const content = path.join(dir, 'content');
  cpSync(path.join(ROOT, 'modules/first-day-safety.md'), path.join(content, 'first-day-safety.md'));
  const zip = makeZip(path.join(ROOT, 'tests/data/scorm/scorm12-single'), path.join(dir, 'forklift.zip'));
  const imported = await runCli(['import', '--content', content, '--id', 'forklift', '--minutes', '20', zip]);
  assert.equal(imported.code, 0, imported.stderr);
  const db = path.join(dir, 'plans.db');
  await addUser(db, 'mia', 'Mia Mentor', PASSWORD, ['mentor']);
  await addUser(db, 'bram', 'Bram Mentee', PASSWORD);
  assert.equal((await runCli(['user', 'pair', 'mia', 'bram', '--db', db])).code, 0);  // mia mentors bram
  const list = await runCli(['user', 'list', '--db', db]);
  menteeId = list.stdout.split('\n').map((l) => l.split('\t')).find((cols) => cols[1] === 'bram')[0];
  lrs = await addClient(db, 'outside-tool', ['all']);
  srv = await startServer({ content, db, args: ['--public-url', PUBLIC] });
});

after(async () => {
  await srv?.stop();
  rmSync(dir, { recursive: true, force: true });
});

async function signedIn(login) {
  const c = new Client(srv.url);
  assert.equal((await c.signIn(login, PASSWORD, '/')).status, 303);
  return c;
}

// A POST of form with the CSRF token of the page at tokenFrom.
async function submit(c, tokenFrom, action, form) {
  const csrf = csrfOf((await c.req(tokenFrom)).html);
  return c.req(action, { form: { csrf, ...form } });
}

test('a package is a plan step whose state comes from statements on its IRI', async () => {
  const mia = await signedIn('mia');
  let res = await submit(mia, '/plans/new', '/plans/new', { mentee: menteeId, goal: 'Drive the forklift',
    start: '2026-01-05', target: '2026-03-30', interval: 28, click: 1, clear: 1, notes: '', mentor2: 0 });
  assert.equal(res.status, 303, res.html);
  const plan = /^\/plans\/(\d+)/.exec(res.headers.get('location'))[1];
  const editor = (await mia.req(`/plans/${plan}/edit`)).html;
  assert.match(editor, /<option value="forklift"[^>]*>Forklift checks<\/option>/);
  res = await submit(mia, `/plans/${plan}/edit`, `/plans/${plan}/edit`, { do: 'add-module', module: 'forklift', level: 1 });
  assert.equal(res.status, 303, res.html);

  const bram = await signedIn('bram');
  let page = (await bram.req(`/plans/${plan}`)).html;
  assert.match(page, /Forklift checks/);
  assert.match(page, /0 of 1 steps? done/);
  const step = /action="\/plan\/steps\/(\d+)\/start"/.exec((await bram.req('/plan')).html)[1];
  res = await submit(bram, '/plan', `/plan/steps/${step}/start`, {});
  assert.equal(res.headers.get('location'), '/modules/forklift?level=1');

  const sent = await fetch(srv.url + '/xapi/statements', {
    method: 'POST',
    headers: { authorization: lrs.auth, 'x-experience-api-version': '1.0.3', 'content-type': 'application/json' },
    body: JSON.stringify({ actor: { objectType: 'Agent', account: { homePage: PUBLIC, name: 'bram' } },
      verb: { id: 'http://adlnet.gov/expapi/verbs/passed' },
      object: { objectType: 'Activity', id: `${PUBLIC}/modules/forklift` } }),
  });
  assert.equal(sent.status, 200, await sent.text());
  page = (await bram.req(`/plans/${plan}`)).html;
  assert.match(page, /1 of 1 steps? done/);
  assert.match(page, /<span class="state [a-z-]+"><span aria-hidden="true">[^<]*<\/span> Passed<\/span>/);
});
