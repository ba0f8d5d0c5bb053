// calendar.test.mjs: evaluation moments in the agenda. Each person makes a private iCalendar
// address on /calendar; the feed is valid RFC 5545 (CRLF lines of at most 75 octets, folded
// outside UTF-8 characters, TEXT escaped, the required properties) and is parsed back here: the
// mentee and the mentor see the evaluations of the plan on their dates. A new address stops
// the old one, and the secret never reaches the log.
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
  assert.equal((await runCli(['user', 'pair', 'mia', 'anna', '--db', db])).code, 0);
  srv = await startServer({ db, args: ['--public-url', PUBLIC] });
  const mia = await signIn('mia');
  const annaId = /^(\d+)\tanna\t/m.exec((await runCli(['user', 'list', '--db', db])).stdout)[1];
  const res = await mia.req('/plans/new', { form: { csrf: await mia.csrf('/plans/new'), mentee: annaId,
    goal: GOAL, start: '2026-01-05', target: '2026-03-30', interval: 28, mentor2: 0 } });
  assert.equal(res.status, 303, res.html);
});

after(async () => {
  await srv?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

// Makes the person's calendar address on /calendar; returns its path on the server.
async function makeAddress(c) {
  const res = await c.req('/calendar', { form: { csrf: await c.csrf('/calendar') } });
  assert.equal(res.status, 200);
  assert.match(res.html, /it is shown only this once/);
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
    const events = cal.children.filter((e) => e.name === 'VEVENT');
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
