// app.test.mjs: what makes Stepwise an installable, offline-capable web app, over HTTP: the
// manifest and its PNG icons (real images of the sizes named), /favicon.ico, the service worker
// with the server's offline limits (and the one that removes itself with --offline-lessons 0),
// the learner's key for the queue on the device (/player/key), and, for a mentee, the plan box at
// the top and the end of a lesson, the "attempted" statement of opening it by any route, the
// catalogue's marks, and the length and size of each video and podcast before it plays.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { inflateSync } from 'node:zlib';
import { runCli, startServer } from '../lib/server.mjs';
import { Client, addUser, csrfOf } from '../lib/session.mjs';
import { addClient } from '../lib/xapi.mjs';

const PUBLIC = 'https://learn.example.com';
const PW = 'app-test-password';
let dir, db, srv, lrs, anna;

before(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'stepwise-app-'));
  db = path.join(dir, 'app.db');
  await addUser(db, 'mia', 'Mia Mentor', PW, ['mentor']);
  await addUser(db, 'anna', 'Anna Mentee', PW);
  await addUser(db, 'bram', 'Bram Mentee', PW);
  assert.equal((await runCli(['user', 'pair', 'mia', 'anna', '--db', db])).code, 0);
  lrs = await addClient(db, 'reporting', ['all']);
  srv = await startServer({ db, args: ['--public-url', PUBLIC, '--offline-lessons', '7', '--offline-bytes', '8M'] });
  anna = await signIn('anna');
});

after(async () => {
  await srv?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function signIn(login) {
  const c = new Client(srv.url);
  assert.equal((await c.signIn(login, PW, '/')).status, 303);
  return c;
}

// Width, height and colour type of a PNG, after checking its signature, chunks and pixel data.
function png(buf) {
  assert.deepEqual([...buf.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  let off = 8, ihdr, idat = [];
  while (off < buf.length) {
    const len = buf.readUInt32BE(off), type = buf.toString('latin1', off + 4, off + 8);
    const data = buf.subarray(off + 8, off + 8 + len);
    if (type === 'IHDR') ihdr = data;
    if (type === 'IDAT') idat.push(data);
    off += 12 + len;
    if (type === 'IEND') break;
  }
  assert.equal(off, buf.length, 'the PNG ends with IEND');
  const width = ihdr.readUInt32BE(0), height = ihdr.readUInt32BE(4);
  const pixels = inflateSync(Buffer.concat(idat));
  assert.equal(pixels.length, height * (1 + 3 * width), 'one filter byte and RGB per pixel per row');
  return { width, height, type: ihdr[9], pixels };
}

test('the manifest names the start page, standalone display and real 192 and 512 px icons', async () => {
  const res = await fetch(`${srv.url}/manifest.webmanifest`);
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type'), /^application\/manifest\+json/);
  const m = await res.json();
  assert.equal(m.name, 'Stepwise');
  assert.equal(m.start_url, '/');
  assert.equal(m.display, 'standalone');
  assert.ok(m.description.length > 10);
  const sizes = new Set(m.icons.map((i) => i.sizes));
  assert.deepEqual([...sizes].sort(), ['192x192', '512x512']);
  assert.ok(m.icons.some((i) => i.purpose === 'maskable'));
  for (const icon of m.icons) {
    const r = await fetch(srv.url + icon.src);
    assert.equal(r.status, 200, icon.src);
    assert.equal(r.headers.get('content-type'), 'image/png');
    const img = png(Buffer.from(await r.arrayBuffer()));
    assert.equal(`${img.width}x${img.height}`, icon.sizes);
    // Not a blank square: the white steps are drawn on the dark blue.
    const colours = new Set();
    for (let i = 0; i < img.pixels.length; i += 97) colours.add(img.pixels[i]);
    assert.ok(colours.size >= 3, `${icon.src} has a drawing on it`);
    const etag = r.headers.get('etag');
    assert.equal((await fetch(srv.url + icon.src, { headers: { 'If-None-Match': etag } })).status, 304);
  }
  assert.equal((await fetch(`${srv.url}/icons/64.png`)).status, 404);
  const page = await (await fetch(`${srv.url}/`)).text();
  assert.match(page, /<link rel="manifest" href="\/manifest.webmanifest">/);
  assert.match(page, /<link rel="icon" href="\/favicon.ico" sizes="32x32">/);
});

test('/favicon.ico is an icon file holding a 32 px PNG, not a 404', async () => {
  const res = await fetch(`${srv.url}/favicon.ico`);
  assert.equal(res.status, 200);
  assert.equal(res.headers.get('content-type'), 'image/x-icon');
  const ico = Buffer.from(await res.arrayBuffer());
  assert.deepEqual([ico.readUInt16LE(0), ico.readUInt16LE(2), ico.readUInt16LE(4)], [0, 1, 1]);
  assert.deepEqual([ico[6], ico[7]], [32, 32]);
  const size = ico.readUInt32LE(14), offset = ico.readUInt32LE(18);
  assert.equal(offset + size, ico.length);
  const img = png(ico.subarray(offset));
  assert.deepEqual([img.width, img.height], [32, 32]);
});

test('the service worker carries the server\'s offline limits; with --offline-lessons 0 it removes itself', async () => {
  const res = await fetch(`${srv.url}/sw.js`);
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type'), /^text\/javascript/);
  assert.equal(res.headers.get('cache-control'), 'no-cache');
  const js = await res.text();
  assert.ok(js.startsWith(`var LESSONS = 7, BYTES = ${8 * 1024 * 1024};\n`), js.slice(0, 60));
  assert.match(js, /credentials: 'omit'/, 'the stored copy of a lesson is the visitor\'s');
  assert.equal((await fetch(`${srv.url}/sw.js`, { headers: { 'If-None-Match': res.headers.get('etag') } })).status, 304);
  const off = await startServer({ db: path.join(dir, 'off.db'), args: ['--offline-lessons', '0'] });
  try {
    const js0 = await (await fetch(`${off.url}/sw.js`)).text();
    assert.match(js0, /caches\.delete/);
    assert.match(js0, /registration\.unregister\(\)/);
    assert.doesNotMatch(js0, /respondWith/);
  } finally {
    await off.stop();
  }
  const bad = await runCli(['serve', '--offline-bytes', '12', '--db', path.join(dir, 'bad.db')]);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /--offline-bytes: "12" is not a number from 1048576/);
});

test('/player/key: the learner\'s own key, the same in every session, only with the session\'s CSRF token', async () => {
  const page = await anna.req('/modules/safe-lifting');
  const csrf = /data-csrf="([^"]+)"/.exec(page.html)[1];
  const res = await anna.req('/player/key', { headers: { 'X-CSRF-Token': csrf } });
  assert.equal(res.status, 200);
  assert.match(res.headers.get('cache-control'), /no-store/);
  const { key } = JSON.parse(res.html);
  assert.match(key, /^[A-Za-z0-9_-]{43}$/);
  assert.equal(Buffer.from(key, 'base64url').length, 32);
  // without the token (another site's page cannot read it), or without a session: refused
  const noToken = await anna.req('/player/key');
  assert.equal(noToken.status, 403);
  assert.match(noToken.html, /Only a page of this site/);
  assert.equal((await anna.req('/player/key', { headers: { 'X-CSRF-Token': 'x' + csrf } })).status, 403);
  assert.equal((await fetch(`${srv.url}/player/key`, { headers: { 'X-CSRF-Token': csrf } })).status, 401);
  assert.equal((await anna.req('/player/key', { method: 'POST', headers: { 'X-CSRF-Token': csrf } })).status, 405);
  // the same key after signing in again (what she left on the device stays hers)...
  const again = await signIn('anna');
  const csrf2 = /data-csrf="([^"]+)"/.exec((await again.req('/modules/safe-lifting')).html)[1];
  assert.equal(JSON.parse((await again.req('/player/key', { headers: { 'X-CSRF-Token': csrf2 } })).html).key, key);
  // ...and another learner gets another
  const bram = await signIn('bram');
  const csrf3 = /data-csrf="([^"]+)"/.exec((await bram.req('/modules/safe-lifting')).html)[1];
  const brams = JSON.parse((await bram.req('/player/key', { headers: { 'X-CSRF-Token': csrf3 } })).html).key;
  assert.notEqual(brams, key);
});

// Every statement the LRS holds for login about module, oldest first.
async function statements(login, module) {
  const agent = JSON.stringify({ account: { homePage: PUBLIC, name: login } });
  const q = new URLSearchParams({ agent, activity: `${PUBLIC}/modules/${module}`, ascending: 'true' });
  const res = await fetch(`${srv.url}/xapi/statements?${q}`, {
    headers: { Authorization: lrs.auth, 'X-Experience-API-Version': '1.0.3' },
  });
  assert.equal(res.status, 200);
  return (await res.json()).statements;
}

test('a plan lesson: the plan box at the top and the end, and opening it by any route counts', async () => {
  const mia = await signIn('mia');
  let res = await mia.req('/plans/new');
  res = await mia.req('/plans/new', { form: { csrf: csrfOf(res.html), mentee: await userId('anna'), goal: 'Lift safely',
    start: '2026-01-05', target: '2026-03-30', interval: 28, click: 1, clear: 1, notes: '', mentor2: 0 } });
  assert.equal(res.status, 303, res.html);
  const plan = /^\/plans\/(\d+)/.exec(res.headers.get('location'))[1];
  for (const module of ['safe-lifting', 'giving-feedback']) {
    const form = await mia.req(`/plans/${plan}/edit`);
    assert.equal((await mia.req(`/plans/${plan}/edit`, { form: { csrf: csrfOf(form.html), do: 'add-module', module, level: 1 } })).status, 303);
  }
  // The catalogue before: both in her plan, not started; media marks for everyone.
  let cat = await anna.req('/');
  assert.match(card(cat.html, 'safe-lifting'), /<span class="mark plan">In your plan<\/span>/);
  assert.doesNotMatch(card(cat.html, 'safe-lifting'), /mark state/);
  assert.match(card(cat.html, 'safe-lifting'), /<span class="mark video">Video<\/span>/);
  assert.match(card(cat.html, 'giving-feedback'), /<span class="mark audio">Podcast<\/span>/);
  assert.doesNotMatch(card(cat.html, 'first-day-safety'), /class="mark/);
  const visitor = await (await fetch(`${srv.url}/`)).text();
  assert.doesNotMatch(visitor, /mark plan|mark state/);
  assert.match(card(visitor, 'safe-lifting'), /mark video/);

  // A HEAD records nothing; the first GET records "attempted" (no script needed).
  assert.equal((await anna.req('/modules/safe-lifting', { method: 'HEAD' })).status, 200);
  assert.equal((await statements('anna', 'safe-lifting')).length, 0);
  const lesson = await anna.req('/modules/safe-lifting');
  const got = await statements('anna', 'safe-lifting');
  assert.deepEqual(got.map((s) => s.verb.id), ['http://adlnet.gov/expapi/verbs/attempted']);
  await anna.req('/modules/safe-lifting');
  assert.equal((await statements('anna', 'safe-lifting')).length, 1, 'only the first opening');

  // The box with "I finished this lesson" sits above the lesson and again at its end, above
  // "Back to all modules" (not below it).
  const html = lesson.html;
  const top = html.indexOf('id="plan-step-h"'), body = html.indexOf('<div class="body"');
  const end = html.indexOf('id="plan-end-h"'), back = html.indexOf('Back to all modules');
  assert.ok(top > 0 && top < body, 'the plan box is above the lesson');
  assert.ok(end > body && end < back, 'the second box is at the end, above the back link');
  assert.equal(html.match(/I finished this lesson/g).length, 2);
  assert.match(html, /This lesson is step 1 of 2 in your plan\. <span class="state in-progress">Started<\/span>/);
  assert.equal((await (await fetch(`${srv.url}/modules/safe-lifting`)).text()).includes('plan-step'), false);

  // The catalogue after: started; done once she says so.
  cat = await anna.req('/');
  assert.match(card(cat.html, 'safe-lifting'), /<span class="mark state in-progress">Started<\/span>/);
  const done = /action="(\/plan\/steps\/\d+\/done)"/.exec(html)[1];
  assert.equal((await anna.req(done, { form: { csrf: csrfOf(html) } })).status, 303);
  cat = await anna.req('/');
  assert.match(card(cat.html, 'safe-lifting'), /<span class="mark state completed">Done<\/span>/);
  const after = await anna.req('/modules/safe-lifting');
  assert.equal(after.html.match(/You finished this lesson\./g).length, 2);
});

test('every video and podcast shows its length and size before it plays', async () => {
  const lift = await (await fetch(`${srv.url}/modules/safe-lifting?level=2`)).text();
  assert.match(lift, /<p class="media-facts">Length <strong>0:18<\/strong> min · Size <strong>182 KB<\/strong><\/p>\n<video/);
  const talk = await (await fetch(`${srv.url}/modules/giving-feedback`)).text();
  assert.match(talk, /<p class="media-facts">Length <strong>0:37<\/strong> min · Size <strong>148 KB<\/strong><\/p>\n<audio/);
  const css = await (await fetch(`${srv.url}/static/style.css`)).text();
  assert.match(css, /::cue\{font-size:1rem;/);
});

// The card of module in a catalogue page.
function card(html, module) {
  const i = html.indexOf(`href="/modules/${module}"`);
  assert.ok(i > 0, `no card for ${module}`);
  return html.slice(i, html.indexOf('</li>\n', i));
}

async function userId(login) {
  const list = await runCli(['user', 'list', '--db', db]);
  return Number(list.stdout.split('\n').map((l) => l.split('\t')).find((c) => c[1] === login)[0]);
}
