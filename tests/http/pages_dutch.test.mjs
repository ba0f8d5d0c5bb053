// pages_dutch.test.mjs: the plan, certificate, author, import, admin and pairing pages come out
// in Dutch for a person whose account is set to Dutch, and stay English for an English account:
// the headings, buttons and messages of each page are the Dutch ones, none of the English ones
// are left, dates are written the Dutch way and the CSV keeps ISO dates.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { runCli, startServer } from '../lib/server.mjs';
import { Client } from '../lib/session.mjs';

const PASSWORD = 'dutch-pages-password';
let dir, db, srv, planId;

async function addUser(login, name, language, roles = []) {
  const r = await runCli(['user', 'add', login, '--name', name, '--language', language,
    '--password-stdin', '--db', db, ...roles.map((x) => `--${x}`)], { input: PASSWORD + '\n' });
  assert.equal(r.code, 0, r.stderr);
}

async function signIn(login) {
  const c = new Client(srv.url);
  assert.equal((await c.signIn(login, PASSWORD)).status, 303);
  return c;
}

before(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'stepwise-dutch-'));
  db = path.join(dir, 'dutch.db');
  await addUser('marco', 'Marco Mentor', 'nl', ['mentor', 'author', 'admin']);
  await addUser('piet', 'Piet de Vries', 'nl');
  await addUser('mia', 'Mia Mentor', 'en', ['mentor', 'admin']);
  assert.equal((await runCli(['user', 'pair', 'marco', 'piet', '--db', db])).code, 0);
  assert.equal((await runCli(['user', 'pair', 'mia', 'piet', '--db', db])).code, 0);
  srv = await startServer({ db });
  const marco = await signIn('marco');
  const pietId = /^(\d+)\tpiet\t/m.exec((await runCli(['user', 'list', '--db', db])).stdout)[1];
  const res = await marco.req('/plans/new', { form: { csrf: await marco.csrf('/plans/new'),
    mentee: pietId, goal: 'Zelf de lijn omstellen', start: '2026-11-02', target: '2026-12-03',
    interval: 28, mentor2: 0 } });
  assert.equal(res.status, 303, res.html);
  planId = /\/plans\/(\d+)/.exec(res.headers.get('location'))[1];
});

after(async () => {
  await srv?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

// The page at url for c: every Dutch text there, none of the English ones.
async function dutchPage(c, url, dutch, english) {
  const res = await c.req(url);
  assert.equal(res.status, 200, `${url}: ${res.status}`);
  assert.match(res.html, /<html lang="nl">/, url);
  for (const t of dutch) assert.ok(res.html.includes(t), `${url} lacks "${t}"`);
  for (const t of english) assert.ok(!res.html.includes(t), `${url} still says "${t}"`);
  return res.html;
}

test('a Dutch mentee reads My plan and the plan in Dutch', async () => {
  const piet = await signIn('piet');
  await dutchPage(piet, '/plan', ['<h1>Mijn plan</h1>', 'Mijn doel:', 'Je volgende stap',
    'Je mentor is <strong>Marco Mentor</strong>, sinds'], ['My plan', 'Your next step', 'My goal:']);
  await dutchPage(piet, `/plans/${planId}`, ['Doel:', 'Doeldatum', '3 december 2026', 'Stappen',
    'Evaluaties'], ['Goal date', '3 December 2026', 'Evaluations']);
  await dutchPage(piet, '/calendar', ['<h1>Evaluaties in je agenda</h1>', 'Maak mijn agenda-adres'],
    ['Evaluations in your agenda']);
});

test('a Dutch mentor, author and admin get their pages in Dutch', async () => {
  const marco = await signIn('marco');
  await dutchPage(marco, '/mentor', ['<h1>Mijn mentees</h1>', 'Lopende plannen (1)', 'Nieuw plan'],
    ['My mentees', 'Active plans', 'New plan']);
  await dutchPage(marco, `/plans/${planId}/edit`, ['Het plan van Piet de Vries veranderen',
    'Alles opslaan', 'Een les toevoegen'], ['Save all changes', 'Add a lesson']);
  await dutchPage(marco, '/plans/new', ['<h1>Nieuw plan</h1>', 'Plan maken'], ['Make the plan']);
  await dutchPage(marco, '/groups/assign', ['Een les aan een groep geven'], ['Give a lesson']);
  await dutchPage(marco, '/author', ['<h1>Voorbeeld voor auteurs</h1>', 'Een SCORM-pakket importeren'],
    ['Author preview', 'Import a SCORM package']);
  await dutchPage(marco, '/author/import', ['Het pakket (.zip)', 'Importeren'], ['The package (.zip)']);
  await dutchPage(marco, '/admin', ['<h1>Beheer</h1>', 'Wie is mentor van wie'], ['Who mentors whom']);
  await dutchPage(marco, '/admin/pairings', ['Een mentor aan een mentee koppelen', 'Koppelen'],
    ['Pair a mentor with a mentee', 'Pair them']);
  const csv = await marco.req('/admin/plans.csv');
  assert.equal(csv.status, 200);
  assert.match(csv.html, /^plan_id,mentee_login,mentee_naam,mentoren,doel,status,begin,doeldatum,/);
  assert.match(csv.html, /,lopend,2026-11-02,2026-12-03,/);
});

test('an English account gets the same pages in English', async () => {
  const mia = await signIn('mia');
  const res = await mia.req('/mentor');
  assert.match(res.html, /<h1>My mentees<\/h1>/);
  assert.match((await mia.req('/admin/pairings')).html, /<h1>Who mentors whom<\/h1>/);
  const csv = await mia.req('/admin/plans.csv');
  assert.match(csv.html, /^plan_id,mentee_login,mentee_name,mentors,goal,status,start,target,/);
});
