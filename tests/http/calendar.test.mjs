// calendar.test.mjs: evaluation moments in the agenda. Each person makes a private iCalendar
// address on /calendar; the feed is valid RFC 5545 (CRLF lines of at most 75 octets, folded
// outside UTF-8 characters, TEXT escaped, the required properties) and is parsed back here: the
// mentee and the mentor see the evaluations of the plan on their dates, each in the language of
// their own account. A new address stops the old one, and the secret never reaches the log.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { runCli, startServer } from '../lib/server.mjs';
import { Client, addUser, csrfOf } from '../lib/session.mjs';

const PASSWORD = 'calendar-test-password';
const PUBLIC = 'https://learn.example.com';
const GOAL = 'Run line 3; pack, label, and ship — safely, "right first time" ✓';
let dir, db, srv;

async function signIn(login) {
  const c = new Client(srv.url);
  assert.equal((await c.signIn(login, PASSWORD)).status, 303);
  return c;
}

// Parses an iCalendar text strictly; returns the components as { name, props: [{name, params,
// value}], children }. Throws on anything RFC 5545 does not allow that the feed could get wrong.
function parseIcs(text) {
  assert.ok(text.endsWith('\r\n'), 'ends with CRLF');
  const physical = text.slice(0, -2).split('\r\n');
  for (const l of physical) {
    assert.ok(!l.includes('\n') && !l.includes('\r'), `bare line break in ${JSON.stringify(l)}`);
    assert.ok(Buffer.byteLength(l) <= 75, `line over 75 octets: ${l}`);
  }
  const lines = [];
  for (const l of physical) {
    if (l.startsWith(' ') || l.startsWith('\t')) lines[lines.length - 1] += l.slice(1);
    else lines.push(l);
  }
  const root = { children: [] };
  const stack = [root];
  for (const line of lines) {
    const m = /^([A-Za-z0-9-]+)((?:;[A-Za-z0-9-]+=[^;:]*)*):(.*)$/.exec(line);
    assert.ok(m, `not a content line: ${line}`);
    const [, name, params, value] = m;
    if (name === 'BEGIN') {
      const c = { name: value, props: [], children: [] };
      stack.at(-1).children.push(c);
      stack.push(c);
    } else if (name === 'END') {
      assert.equal(stack.pop().name, value, 'END matches BEGIN');
    } else {
      stack.at(-1).props.push({ name, params, value });
    }
  }
  assert.equal(stack.length, 1, 'every BEGIN has its END');
  assert.equal(root.children.length, 1);
  return root.children[0];
}

const prop = (c, name) => c.props.find((p) => p.name === name);
const unescape = (v) => v.replace(/\\([\\;,nN])/g, (_, ch) => (ch === 'n' || ch === 'N' ? '\n' : ch));

before(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'stepwise-calendar-'));
  db = path.join(dir, 'calendar.db');
  await addUser(db, 'mia', 'Mia Mentor', PASSWORD, ['mentor']);
  await addUser(db, 'anna', 'Anna Mentee', PASSWORD);
  const piet = await runCli(['user', 'add', 'piet', '--name', 'Piet de Vries', '--language', 'nl',
    '--password-stdin', '--db', db], { input: PASSWORD + '\n' });
  assert.equal(piet.code, 0, piet.stderr);
  assert.equal((await runCli(['user', 'pair', 'mia', 'anna', '--db', db])).code, 0);
  assert.equal((await runCli(['user', 'pair', 'mia', 'piet', '--db', db])).code, 0);
  srv = await startServer({ db, args: ['--public-url', PUBLIC] });
  const mia = await signIn('mia');
  const annaId = /^(\d+)\tanna\t/m.exec((await runCli(['user', 'list', '--db', db])).stdout)[1];
  const res = await mia.req('/plans/new', { form: { csrf: await mia.csrf('/plans/new'), mentee: annaId,
    goal: GOAL, start: '2026-01-05', target: '2026-03-30', interval: 28, mentor2: 0 } });
  assert.equal(res.status, 303, res.html);
  const pietId = /^(\d+)\tpiet\t/m.exec((await runCli(['user', 'list', '--db', db])).stdout)[1];
  const res2 = await mia.req('/plans/new', { form: { csrf: await mia.csrf('/plans/new'), mentee: pietId,
    goal: 'Zelf omstellen', start: '2026-01-05', target: '2026-01-20', interval: 28, mentor2: 0 } });
  assert.equal(res2.status, 303, res2.html);
});

after(async () => {
  await srv?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

// Makes the person's calendar address on /calendar; returns its path on the server.
async function makeAddress(c) {
  const res = await c.req('/calendar', { form: { csrf: await c.csrf('/calendar') } });
  assert.equal(res.status, 200);
  // The page is in the person's own language: Piet's account is Dutch.
  assert.match(res.html, /it is shown only this once|Je ziet het maar één keer/);
  const url = /<p class="card-url">([^<]+)<\/p>/.exec(res.html)[1];
  assert.ok(url.startsWith(`${PUBLIC}/calendar/`), url);
  return url.slice(PUBLIC.length);
}

test('the mentee and the mentor get the evaluations in a valid iCalendar feed', async () => {
  for (const [login, summary] of [['anna', 'Evaluation with your mentor: '],
    ['mia', 'Evaluation with Anna Mentee: ']]) {
    const c = await signIn(login);
    assert.match((await c.req(login === 'anna' ? '/plan' : '/mentor')).html, /href="\/calendar"/);
    const feed = await makeAddress(c);
    const res = await fetch(srv.url + feed);      // no session: the address is the key
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'text/calendar; charset=utf-8');
    const cal = parseIcs(await res.text());
    assert.equal(cal.name, 'VCALENDAR');
    assert.equal(prop(cal, 'VERSION').value, '2.0');
    assert.ok(prop(cal, 'PRODID').value.length > 0);
    // the events of Anna's plan (Mia also mentors Piet's)
    const events = cal.children.filter((e) => e.name === 'VEVENT' &&
      unescape(prop(e, 'SUMMARY').value).endsWith(GOAL));
    // every 28 days from 5 January and on the goal date
    assert.deepEqual(events.map((e) => prop(e, 'DTSTART').value), ['20260202', '20260302', '20260330']);
    for (const e of events) {
      assert.equal(prop(e, 'DTSTART').params, ';VALUE=DATE');
      assert.match(prop(e, 'DTEND').value, /^\d{8}$/);
      assert.match(prop(e, 'DTSTAMP').value, /^\d{8}T\d{6}Z$/);
      assert.match(prop(e, 'UID').value, /^evaluation-\d+@learn\.example\.com$/);
      assert.equal(unescape(prop(e, 'SUMMARY').value), summary + GOAL);
      assert.match(unescape(prop(e, 'DESCRIPTION').value), /^https:\/\/learn\.example\.com\/plans\/\d+\/evaluations\/\d+$/);
    }
    assert.equal(prop(events[0], 'DTEND').value, '20260203');
    assert.equal(new Set(events.map((e) => prop(e, 'UID').value)).size, 3);
  }
});

test('the feed speaks the language of its owner\'s account: Dutch for a Dutch mentee', async () => {
  const piet = await signIn('piet');
  const cal = parseIcs(await (await fetch(srv.url + await makeAddress(piet))).text());
  assert.equal(unescape(prop(cal, 'X-WR-CALNAME').value), 'Stepwise-evaluaties');
  const events = cal.children.filter((e) => e.name === 'VEVENT');
  assert.deepEqual(events.map((e) => prop(e, 'DTSTART').value), ['20260120']);
  assert.equal(unescape(prop(events[0], 'SUMMARY').value), 'Evaluatie met je mentor: Zelf omstellen');
  // the mentor's account is English: the same plan in English in her feed
  const mia = await signIn('mia');
  const hers = parseIcs(await (await fetch(srv.url + await makeAddress(mia))).text());
  assert.equal(unescape(prop(hers, 'X-WR-CALNAME').value), 'Stepwise evaluations');
  const summaries = hers.children.filter((e) => e.name === 'VEVENT').map((e) => unescape(prop(e, 'SUMMARY').value));
  assert.ok(summaries.includes('Evaluation with Piet de Vries: Zelf omstellen'), summaries.join('\n'));
});

test('a new address stops the old one; a wrong one is not found; the secret is not logged', async () => {
  const anna = await signIn('anna');
  const first = await makeAddress(anna);
  const second = await makeAddress(anna);
  assert.notEqual(first, second);
  assert.equal((await fetch(srv.url + first)).status, 404);
  assert.equal((await fetch(srv.url + second)).status, 200);
  assert.equal((await fetch(srv.url + '/calendar/not-a-token.ics')).status, 404);
  assert.equal((await fetch(srv.url + '/calendar/')).status, 404);
  assert.equal((await new Client(srv.url).req('/calendar')).status, 303);   // the page needs sign-in
  const token = second.slice('/calendar/'.length, -4);
  assert.ok(!srv.stderr().includes(token), 'the token is in the log');
  assert.match(srv.stderr(), /path="\/calendar\/\.\.\."/);
  assert.equal(csrfOf((await anna.req('/calendar')).html)?.length, 43);
});
