// player.test.mjs: the lesson player in a real browser at phone size (360x740): the statements a
// signed-in learner's reading records (initialized, progressed, completed, terminated) as the
// LRS stores them; going offline mid-lesson and syncing on reconnect with no duplicate and none
// lost; closing the tab with statements pending; "switch user" on a shared tablet with
// statements pending; a tab that dies without pagehide. axe finds no violation with the "saved"
// and the offline indicator.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { ROOT, startServer } from '../lib/server.mjs';
import { addUser } from '../lib/session.mjs';
import { addClient } from '../lib/xapi.mjs';
import { PHONE, checkPage, launch, signIn } from './lib.mjs';

const ADL = 'http://adlnet.gov/expapi/verbs/';
const PROGRESS = 'https://w3id.org/xapi/cmi5/result/extensions/progress';
const PW = { anna: 'anna-player-password', bram: 'bram-player-password' };
const SAVED = 'Saved.';
const ON_DEVICE = /Saved on this device\. It will be sent when you are online\./;
let dir, server, browser, basic;

before(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'stepwise-bplayer-'));
  const db = path.join(dir, 'player.db');
  await addUser(db, 'anna', 'Anna', PW.anna);
  await addUser(db, 'bram', 'Bram', PW.bram);
  basic = await addClient(db, 'reporting', ['all']);
  server = await startServer({ db, content: path.join(ROOT, 'tests/data/modules/player') });
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

// Every statement the LRS holds about the reading module for login, oldest first.
async function stored(home, login) {
  const agent = JSON.stringify({ account: { homePage: home, name: login } });
  const q = new URLSearchParams({ agent, activity: `${home}/modules/reading`, ascending: 'true', limit: '500' });
  const res = await fetch(`${server.url}/xapi/statements?${q}`, {
    headers: { Authorization: basic.auth, 'X-Experience-API-Version': '1.0.3' },
  });
  assert.equal(res.status, 200);
  return (await res.json()).statements;
}

// Scrolls down the lesson in steps (not smoothly), so that every section heading passes
// through the screen, and waits until the end of the lesson was seen.
async function readToEnd(page, expect) {
  for (let i = 0; i < 60; i++) {
    const atEnd = await page.evaluate(() => {
      window.scrollBy({ top: 300, behavior: 'instant' });
      return window.scrollY + window.innerHeight >= document.documentElement.scrollHeight - 2;
    });
    await page.waitForTimeout(50);
    if (atEnd) break;
  }
  await page.waitForFunction(() => document.querySelector('.lesson-end') &&
    new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(() => done(true)))));
  await page.waitForTimeout(100);
}

// The key the server gives this page's session for its queue (asked while online).
const learnerKey = (page) => page.evaluate(async () => {
  const res = await fetch('/player/key', { headers: { 'X-CSRF-Token': document.getElementById('player').dataset.csrf } });
  return (await res.json()).key;
});

// The queues on the device as this page's session can read them: { login: statements } for
// each queue that decrypts with key (learnerKey), { login: 'unreadable' } for any other.
const queued = (page, keyText) => page.evaluate(async (keyText) => {
  const raw = (s) => Uint8Array.from(atob(s.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0));
  const key = await crypto.subtle.importKey('raw', raw(keyText), 'AES-GCM', false, ['decrypt']);
  const out = {};
  for (let i = 0; i < localStorage.length; i++) {
    const k = localStorage.key(i);
    if (!k.startsWith('stepwise-queue:')) continue;
    const box = JSON.parse(localStorage.getItem(k));
    const login = k.slice(k.lastIndexOf('|') + 1);
    try {
      const plain = await crypto.subtle.decrypt({ name: 'AES-GCM', iv: raw(box.iv), additionalData: new TextEncoder().encode(k) },
        key, raw(box.data));
      out[login] = JSON.parse(new TextDecoder().decode(plain));
    } catch {
      out[login] = 'unreadable';
    }
  }
  return out;
}, keyText);

// The queue of login once it ends with a statement of verb (it is written to the device a moment
// after each statement, encrypted).
async function queuedUntil(page, key, login, verb) {
  for (let i = 0; i < 50; i++) {
    const q = (await queued(page, key))[login];
    if (Array.isArray(q) && q.at(-1)?.verb.id === ADL + verb) return q;
    await page.waitForTimeout(100);
  }
  assert.fail(`${login}'s queue never ended with ${verb}: ${JSON.stringify(await queued(page, key)).slice(0, 300)}`);
}

async function statusText(page) {
  return page.locator('#player [role=status]').innerText();
}

async function waitSaved(page) {
  try {
    await page.waitForFunction((t) => document.querySelector('#player [role=status]')?.textContent === t, SAVED, { timeout: 15000 });
  } catch (e) {
    const state = await page.evaluate(() => [location.href, document.querySelector('#player')?.outerHTML, JSON.stringify(localStorage).slice(0, 300)]);
    assert.fail(`never "Saved.": ${state.join('\n')}`);
  }
}

// "Log out / switch user" on a lesson page: the player first tries to send the queue.
async function logOut(page) {
  await page.locator('header details.menu > summary').click();   // the menu with the person's name
  await page.getByRole('button', { name: 'Log out / switch user' }).click();
  await page.waitForURL((u) => !u.pathname.startsWith('/modules/'));
  await page.waitForLoadState('load');
}

// Signs in on a new tab of the tablet's browser (context), closing old; returns the tab.
async function signInOn(context, login, old) {
  await old?.close();
  const page = await context.newPage();
  await page.goto('/login');
  await page.getByLabel('Login name').fill(login);
  await page.getByLabel('Password').fill(PW[login]);
  try {
    await Promise.all([page.waitForURL((u) => u.pathname !== '/login', { timeout: 10000 }),
      page.getByRole('button', { name: 'Sign in' }).click()]);
  } catch {
    assert.fail(`sign-in as ${login} failed: ${page.url()} ${await page.locator('main').innerText()}`);
  }
  await page.waitForLoadState('load');
  return page;
}

// Polls until the LRS holds at least n statements of this registration for login.
async function waitStored(home, login, registration, n) {
  for (let i = 0; i < 300; i++) {
    const got = (await stored(home, login)).filter((s) => s.context?.registration === registration);
    if (got.length >= n) return got;
    await new Promise((r) => setTimeout(r, 100));
  }
  const got = (await stored(home, login)).filter((s) => s.context?.registration === registration);
  const log = server.stderr().split('\n').filter((l) => /path="\/(xapi|player)/.test(l) && !/method=GET path="\/xapi\/statements"/.test(l)).slice(-20).join('\n');
  assert.fail(`fewer than ${n} statements of ${registration} for ${login}: ${got.map((s) => s.verb.id.split('/').at(-1))}\n` +
    `the server's last LRS requests:\n${log}`);
}

// Anna's reading lesson in a fresh browser profile, once its first statement is saved.
async function openReading() {
  const page = await signIn(browser, server.url, 'anna', PW.anna);
  await page.goto('/modules/reading');
  const home = await page.locator('#player').getAttribute('data-home');
  await waitSaved(page);
  return { page, context: page.context(), home };
}

// Polls until the LRS holds the terminated of this registration for login; all its statements.
async function waitTerminated(home, login, registration) {
  for (let i = 0; i < 300; i++) {
    const got = (await stored(home, login)).filter((s) => s.context?.registration === registration);
    if (got.some((s) => s.verb.id === ADL + 'terminated')) return got;
    await new Promise((r) => setTimeout(r, 100));
  }
  assert.fail(`no terminated of ${registration} for ${login}`);
}

test('reading a lesson records initialized, progressed, completed and terminated', async () => {
  const page = await signIn(browser, server.url, 'anna', PW.anna);
  await page.goto('/modules/reading');
  const home = await page.locator('#player').getAttribute('data-home');
  await waitSaved(page);
  await checkPage(page, 'the lesson with the "saved" indicator');
  await readToEnd(page);
  // The bar says the whole lesson is read once "completed" is recorded; then it is sent.
  await page.waitForFunction(() => document.getElementById('read-so-far')?.value === 100, null, { timeout: 15000 });
  await waitSaved(page);
  assert.deepEqual(await queued(page, await learnerKey(page)), {});
  const registration = (await stored(home, 'anna')).at(-1).context.registration;
  // Leaving the lesson: terminated goes out with keepalive, and it is on the device already (made
  // ahead), so the next lesson page sends it if the keepalive got lost on the way.
  await page.goto('/');
  await page.goto('/modules/reading');
  await waitSaved(page);
  const got = await waitStored(home, 'anna', registration, 6);
  assert.deepEqual(got.map((s) => s.verb.id.slice(ADL.length)),
    ['initialized', 'progressed', 'progressed', 'progressed', 'completed', 'terminated']);
  assert.equal(new Set(got.map((s) => s.id)).size, 6);
  // Taken over and sent, the box for leaving is gone; the open page keeps only its own.
  await page.waitForFunction(() => Object.keys(localStorage).filter((k) => k.startsWith('stepwise-bye:')).length === 1,
    null, { timeout: 15000 });
  const box = await page.evaluate(() => Object.keys(localStorage).find((k) => k.startsWith('stepwise-bye:')));
  assert.ok(!box.endsWith(registration), box);
  assert.deepEqual(got.filter((s) => s.result?.extensions).map((s) => s.result.extensions[PROGRESS]), [25, 50, 75, 100]);
  for (const s of got) {
    assert.deepEqual(s.actor, { objectType: 'Agent', account: { homePage: home, name: 'anna' } });
    assert.deepEqual(s.authority.account, { homePage: home, name: 'anna' });
    assert.equal(s.object.id, `${home}/modules/reading`);
    assert.equal(s.context.extensions[`${home}/xapi/extensions/level`], 1);
  }
  assert.equal(got[4].result.completion, true);
  await page.context().close();
});

test('offline mid-lesson: kept on the device, sent on reconnect, a lost reply stores no duplicate', async () => {
  const page = await signIn(browser, server.url, 'anna', PW.anna);
  await page.goto('/modules/reading');
  const home = await page.locator('#player').getAttribute('data-home');
  await waitSaved(page);
  const key = await learnerKey(page);
  await page.context().setOffline(true);
  await readToEnd(page);
  assert.match(await statusText(page), ON_DEVICE);
  await checkPage(page, 'the lesson with the offline indicator');
  const pending = await queuedUntil(page, key, 'anna', 'completed');
  // What was read before the network dropped may be sent already; the rest waits, in order.
  const verbs = pending.map((s) => s.verb.id.slice(ADL.length));
  assert.ok(verbs.length >= 3 && verbs.at(-1) === 'completed', verbs.join());
  // The first request after reconnecting reaches the LRS but its reply is lost: the browser
  // sends the same statements again.
  let lost = 0;
  await page.route('**/xapi/statements', async (route) => {
    if (lost++ === 0) {
      await route.fetch();
      return route.abort('connectionreset');
    }
    return route.continue();
  });
  await page.context().setOffline(false);
  await waitSaved(page);
  assert.ok(lost >= 2, 'the statements were sent again after the lost reply');
  const registration = pending[0].context.registration;
  const got = await waitStored(home, 'anna', registration, 5);
  assert.equal(got.length, 5);
  assert.equal(new Set(got.map((s) => s.id)).size, 5);
  for (const s of pending) assert.ok(got.some((g) => g.id === s.id), `statement ${s.id} stored`);
  await page.context().close();
});

test('closing the tab with statements pending: they are stored on the next visit', async () => {
  const { page, context, home } = await openReading();
  const key = await learnerKey(page);
  await context.setOffline(true);
  await readToEnd(page);
  const pending = await queuedUntil(page, key, 'anna', 'completed');
  assert.ok(pending.length >= 3);
  const next = await context.newPage();
  await page.close();
  await context.setOffline(false);
  await next.goto('/modules/reading');
  await waitSaved(next);
  // What was pending, and the terminated of the closed tab (offline, so no keepalive reached the
  // LRS: it was kept on the device before the tab went away).
  const got = await waitTerminated(home, 'anna', pending[0].context.registration);
  for (const s of pending) assert.ok(got.some((g) => g.id === s.id), `statement ${s.id} stored`);
  assert.equal(got.at(-1).verb.id, ADL + 'terminated');
  assert.equal(got.filter((s) => s.verb.id === ADL + 'terminated').length, 1);
  assert.equal(new Set(got.map((s) => s.id)).size, got.length);
  await context.close();
});

test('switch user on a shared tablet: each learner\'s pending statements are stored as that learner', async () => {
  const context = await browser.newContext({ viewport: PHONE, baseURL: server.url });
  let page = await signInOn(context, 'anna');
  await page.goto('/modules/reading');
  const home = await page.locator('#player').getAttribute('data-home');
  await waitSaved(page);
  const key = await learnerKey(page);
  // The LRS cannot be reached (the tablet's Wi-Fi lets pages through, not the statements).
  await page.route('**/xapi/statements', (route) => route.abort('internetdisconnected'));
  await readToEnd(page);
  const read = await queuedUntil(page, key, 'anna', 'completed');
  assert.ok(read.length >= 3);
  // On the device her statements are ciphertext: no verb, no name, no lesson in the clear.
  const onDevice = await page.evaluate(() => Object.entries(localStorage).filter(([k]) => k.startsWith('stepwise-')));
  assert.equal(onDevice.filter(([k]) => k.startsWith('stepwise-queue:')).length, 1);
  assert.ok(onDevice.some(([k]) => k.startsWith('stepwise-bye:')), 'what leaving sends is kept ahead');
  for (const [, box] of onDevice) assert.doesNotMatch(box, /adlnet|reading|"anna"|Anna|initialized|terminated/);
  await logOut(page);
  await page.unroute('**/xapi/statements');

  page = await signInOn(context, 'bram', page);
  const sent = [];
  const onRequest = (r) => { if (r.url().endsWith('/xapi/statements')) sent.push(...JSON.parse(r.postData())); };
  page.on('request', onRequest);
  await page.goto('/modules/reading');
  await waitSaved(page);
  // What she read is still in her own queue (unless the keepalive flush on leaving reached the
  // LRS with her session), and Bram's session cannot read it: the server gives it his key only.
  const q = await queued(page, await learnerKey(page));
  if (q.anna !== undefined) assert.equal(q.anna, 'unreadable');
  assert.ok(!Array.isArray(q.bram) || q.bram.every((s) => s.actor.account.name === 'bram'));
  const annas = read;
  const brams = await stored(home, 'bram');
  assert.ok(brams.length >= 1 && brams.every((b) => b.authority.account.name === 'bram'));
  for (const s of annas) assert.ok(!brams.some((b) => b.id === s.id));
  assert.ok(sent.length > 0 && sent.every((s) => s.actor.account.name === 'bram'), 'Bram\'s page sends only his');
  // Leaving the page may have sent some with keepalive while her session still held; they stay
  // queued (no reply came back) and their resend is no duplicate. None went out as Bram.
  for (const s of await stored(home, 'anna')) assert.equal(s.authority.account.name, 'anna');
  await logOut(page);
  page.off('request', onRequest);

  page = await signInOn(context, 'anna', page);
  await page.goto('/modules/reading');
  await waitSaved(page);
  const got = await stored(home, 'anna');
  for (const s of annas) {
    const g = got.find((x) => x.id === s.id);
    assert.ok(g, `Anna's statement ${s.id} stored`);
    assert.equal(g.actor.account.name, 'anna');
    assert.equal(g.authority.account.name, 'anna');
  }
  assert.equal((await queued(page, await learnerKey(page))).anna, undefined, 'Anna\'s queue is empty');
  await context.close();
});

test('a tab that dies without pagehide: its terminated was kept ahead and the next lesson page sends it', async () => {
  const { page, context, home } = await openReading();
  const registration = (await stored(home, 'anna')).at(-1).context.registration;
  // What leaving sends is on the device before anything happens to the tab.
  await page.waitForFunction((r) => Object.keys(localStorage).some((k) => k.startsWith('stepwise-bye:') && k.endsWith(r)),
    registration, { timeout: 15000 });
  const cdp = await context.newCDPSession(page);
  const crashed = page.waitForEvent('crash');
  cdp.send('Page.crash').catch(() => {});
  await crashed;
  const next = await context.newPage();
  await next.goto('/modules/reading');
  await waitSaved(next);
  const got = await waitTerminated(home, 'anna', registration);
  const verbs = got.map((s) => s.verb.id.slice(ADL.length));
  assert.equal(verbs[0], 'initialized', verbs.join());
  assert.equal(verbs.at(-1), 'terminated', verbs.join());
  assert.equal(verbs.filter((v) => v === 'terminated').length, 1, verbs.join());
  await context.close();
});
