// offline.test.mjs: the service worker (player/static/sw.js) in a real browser at phone size:
// a lesson opened once is readable with no network, its video comes from the device in the byte
// ranges a player asks for, the stored copy holds nothing of the learner who opened it (a shared
// tablet), and axe finds no violation on the offline copy. Also: the home-screen pieces load.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { startServer } from '../lib/server.mjs';
import { addUser } from '../lib/session.mjs';
import { checkPage, launch, signIn } from './lib.mjs';

const PW = 'anna-offline-password';
const LESSON = '/modules/safe-lifting?level=2';
const VIDEO = '/modules/safe-lifting/media/lift.mp4';
let dir, server, browser;

before(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'stepwise-boffline-'));
  const db = path.join(dir, 'offline.db');
  await addUser(db, 'anna', 'Anna Offline', PW);
  server = await startServer({ db });
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

// What the worker stored for url (path and query), as text, or null.
const storedText = (page, url) => page.evaluate(async (url) => {
  const hit = await (await caches.open('stepwise-offline-v1')).match(url);
  return hit ? hit.text() : null;
}, url);

async function waitStored(page, url) {
  for (let i = 0; i < 100; i++) {
    if (await storedText(page, url) !== null) return;
    await page.waitForTimeout(100);
  }
  assert.fail(`${url} was never stored for offline use`);
}

test('a lesson opened once stays readable offline, with its video, and holds nothing of the learner', async () => {
  const page = await signIn(browser, server.url, 'anna', PW);
  await page.goto(LESSON);
  await page.evaluate(() => navigator.serviceWorker.ready);
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  // The first page was fetched before the worker ran; from now on each lesson opened is stored.
  await page.reload();
  assert.ok(await page.locator('#player').count(), 'online, Anna gets her own page with the player');
  await waitStored(page, LESSON);
  await waitStored(page, VIDEO);
  const copy = await storedText(page, LESSON);
  assert.match(copy, /<h1>Lifting boxes the safe way<\/h1>/);
  assert.doesNotMatch(copy, /Anna|data-login|data-csrf|name="csrf"|id="player"/, 'the stored copy is the visitor\'s page');

  await page.context().setOffline(true);
  await page.reload();
  assert.equal(await page.locator('h1').innerText(), 'Lifting boxes the safe way');
  assert.ok(await page.locator('.body h2').count() >= 2, 'the lesson text is there');
  assert.equal(await page.locator('#player').count(), 0);
  await checkPage(page, 'the offline copy of a lesson');
  // A player asks for byte ranges; the worker answers them from the stored file.
  const part = await page.evaluate(async (url) => {
    const res = await fetch(url, { headers: { Range: 'bytes=4-11' } });
    return { status: res.status, range: res.headers.get('content-range'), text: await res.text() };
  }, VIDEO);
  assert.equal(part.status, 206);
  assert.match(part.range, /^bytes 4-11\/181512$/);
  assert.equal(part.text, 'ftypisom');
  const whole = await page.evaluate(async (url) => (await (await fetch(url)).arrayBuffer()).byteLength, VIDEO);
  assert.equal(whole, 181512);
  // A page that was never opened is not there: the browser says it is offline (no stale page).
  assert.equal(await page.evaluate(() => fetch('/modules/first-day-safety').then(() => 'fetched', () => 'failed')), 'failed');
  // Nothing but lessons, their media and the shared files is stored (no plan, no sign-in page).
  const keys = await page.evaluate(async () => (await (await caches.open('stepwise-offline-v1')).keys())
    .map((r) => new URL(r.url).pathname));
  for (const k of keys) assert.match(k, /^\/(modules\/[a-z0-9-]+(\/media\/.+)?|static\/.+|offline-index\.json|manifest\.webmanifest|favicon\.ico|icons\/.+)$/, k);
  await page.context().setOffline(false);
  await page.context().close();
});

test('the manifest, its icons and the favicon load in the browser', async () => {
  const page = await signIn(browser, server.url, 'anna', PW);
  await page.goto('/');
  const manifest = await page.evaluate(async () => {
    const href = document.querySelector('link[rel=manifest]').href;
    const m = await (await fetch(href)).json();
    const sizes = [];
    for (const icon of m.icons) {
      const img = new Image();
      img.src = icon.src;
      await img.decode();
      sizes.push(`${img.naturalWidth}x${img.naturalHeight}`);
    }
    const fav = new Image();
    fav.src = '/favicon.ico';
    await fav.decode();
    return { sizes, favicon: fav.naturalWidth };
  });
  assert.deepEqual(manifest.sizes, ['192x192', '512x512', '512x512']);
  assert.equal(manifest.favicon, 32);
  await page.context().close();
});
