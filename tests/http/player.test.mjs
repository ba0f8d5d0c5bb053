// player.test.mjs: the lesson page with the player over HTTP: its size (HTML and every
// stylesheet and script it links under 40 000 bytes uncompressed, each script under 12 000, for
// every sample lesson, also as a step of a plan and in Dutch), the staff's
// and the plan pages' own stylesheets, the per-learner player slot (learner, public URL, CSRF
// token, texts, media threshold, lesson.js, media.js, resume.js) filled per request, the lesson
// body still cached and answered 304, and resume's State document.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runCli, startServer } from '../lib/server.mjs';
import { Client, addUser } from '../lib/session.mjs';

let dir, srv, anna, bram, demoAnna, demoSanne;

before(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'stepwise-player-'));
  const db = path.join(dir, 'p.db');
  await addUser(db, 'anna', 'Anna', 'anna-password');
  await addUser(db, 'bram', 'Bram', 'bram-password');
  const seeded = await runCli(['seed-demo', '--db', db]);
  assert.equal(seeded.code, 0, seeded.stderr);
  srv = await startServer({ db, args: ['--media-completion', '75'] });
  anna = new Client(srv.url);
  assert.equal((await anna.signIn('anna', 'anna-password')).status, 303);
  bram = new Client(srv.url);
  assert.equal((await bram.signIn('bram', 'bram-password')).status, 303);
  demoAnna = new Client(srv.url);
  assert.equal((await demoAnna.signIn('demo.anna', 'demo-anna-2026')).status, 303);
  demoSanne = new Client(srv.url);
  assert.equal((await demoSanne.signIn('demo.sanne', 'demo-sanne-2026')).status, 303);
});

after(async () => {
  await srv?.stop();
  rmSync(dir, { recursive: true, force: true });
});

// The budget of README "Pages and files", in bytes (a KB counted as 1000 bytes, to be safe).
const PAGE_MAX = 40000, SCRIPT_MAX = 12000;

test('every sample lesson page with the player and all it links stays under 40 KB, each script under 12 KB', async () => {
  const size = {};
  for (const name of ['player.js', 'lesson.js', 'media.js', 'resume.js', 'style.css']) {
    size[name] = Buffer.byteLength(await (await fetch(`${srv.url}/static/${name}`)).text());
    if (name.endsWith('.js')) assert.ok(size[name] < SCRIPT_MAX, `${name} is ${size[name]} bytes`);
  }
  const ids = [...new Set([...(await anna.req('/')).html.matchAll(/href="\/modules\/([a-z0-9-]+)"/g)].map((m) => m[1]))];
  assert.ok(ids.length >= 7, `the catalogue lists the sample modules: ${ids}`);
  // A learner without a plan, and the demo's mentees with a plan in English and in Dutch (the
  // plan box at the top and the end of a lesson that is a step, the player's words in Dutch).
  let media = 0, steps = 0, largest = 0;
  for (const who of [anna, demoAnna, demoSanne]) {
    for (const id of ids) {
      for (const level of [1, 2, 3]) {
        const res = await who.req(`/modules/${id}?level=${level}`);
        if (res.status === 404) continue;
        assert.equal(res.status, 200, `${id} level ${level}`);
        assert.match(res.html, /<div id="player" hidden data-home="[^"]+" data-login="[a-z.]+" data-csrf="[^"]+"/);
        // Everything the page loads: its HTML, every stylesheet and every script it links.
        const linked = [...res.html.matchAll(/(?:src|href)="\/static\/([a-z.-]+)"/g)].map((m) => m[1]);
        for (const f of ['player.js', 'lesson.js', 'resume.js', 'style.css']) assert.ok(linked.includes(f), `${id}: ${f} in ${linked}`);
        for (const f of ['staff.css', 'plans.css', 'scorm.css']) assert.ok(!linked.includes(f), `${id}: a learner's lesson loads ${f}`);
        const hasMedia = /<(video|audio) /.test(res.html);
        assert.equal(linked.includes('media.js'), hasMedia, `${id} level ${level}: media.js only with media`);
        media += hasMedia;
        steps += res.html.includes('class="plan-step"');
        for (const f of linked) assert.ok(size[f] !== undefined, `${id}: ${f} is not measured`);
        const total = Buffer.byteLength(res.html) + linked.reduce((n, f) => n + size[f], 0);
        assert.ok(total < PAGE_MAX, `${id} level ${level}: ${total} bytes (HTML ${Buffer.byteLength(res.html)}, ${linked.map((f) => `${f} ${size[f]}`).join(', ')})`);
        largest = Math.max(largest, total);
      }
    }
  }
  assert.ok(media >= 3, 'the samples have lesson pages with a video or podcast');
  assert.ok(steps >= 2, 'lessons that are a step of the plan were measured with their plan box');
  console.log(`largest lesson page with everything it loads: ${largest} bytes`);
});

test('the staff, plan, catalogue and SCORM player pages have their own stylesheets, style.css none of their rules', async () => {
  const css = {};
  for (const name of ['style.css', 'staff.css', 'plans.css', 'scorm.css', 'catalogue.css']) {
    const res = await fetch(`${srv.url}/static/${name}`);
    assert.equal(res.status, 200, name);
    css[name] = await res.text();
  }
  assert.match(css['staff.css'], /\.author-findings[^]*\.editor textarea|\.editor textarea[^]*\.author-findings/);
  assert.match(css['staff.css'], /\.dash-table[^]*\.figures/);
  assert.match(css['plans.css'], /\.certificate/);
  assert.match(css['scorm.css'], /\.scorm-toc[^]*#scorm-frame/);
  assert.match(css['catalogue.css'], /\.filters[^]*\.mark\.video/);
  assert.match(css['staff.css'], /\.login-card/);
  assert.match(css['plans.css'], /\.plan-form[^]*\.choice/);
  assert.doesNotMatch(css['style.css'], /\.author-findings|\.editor textarea|\.dash-table|\.certificate|\.figures|scorm|\.filters|\.mark|\.login-card|\.plan-form/);
  assert.doesNotMatch(css['plans.css'], /\.author-findings|\.editor textarea|\.dash-table|\.figures/);
  // Served without the comments of player/static/ (scripts/asset-strip.sh), line for line.
  assert.doesNotMatch(css['staff.css'], /\/\*/);
});

test('the player slot is per learner; a visitor gets none, and the lesson is still answered 304', async () => {
  const visitor = await fetch(`${srv.url}/modules/safe-lifting`);
  const html = await visitor.text();
  assert.doesNotMatch(html, /id="player"|stepwise:player/);
  assert.match(html, /<div class="body" data-module="safe-lifting" data-level="1">/);
  const first = await anna.req('/modules/safe-lifting');
  const etag = first.headers.get('etag');
  assert.ok(etag, 'the signed-in lesson page has an ETag');
  const again = await anna.req('/modules/safe-lifting', { headers: { 'If-None-Match': etag } });
  assert.equal(again.status, 304);
});

test('the slot carries the player\'s texts, the media threshold (--media-completion), the resume texts and the scripts', async () => {
  const res = await anna.req('/modules/safe-lifting?level=2');
  const slot = /<div id="player" hidden[^>]*><\/div><script src="\/static\/lesson.js" defer><\/script><script src="\/static\/media.js" defer><\/script><script src="\/static\/resume.js" defer><\/script>/.exec(res.html);
  assert.ok(slot, 'the player slot with lesson.js, media.js and resume.js, in this order');
  assert.match(slot[0], / data-read="Read so far"/);
  assert.match(slot[0], / data-threshold="0.75"/);
  assert.match(slot[0], / data-t-resume="Continue where you stopped\?"/);
  assert.match(slot[0], / data-t-section="You stopped at: \{section\}\."/);
  const plain = await anna.req('/modules/first-day-safety');
  assert.equal(plain.status, 200);
  assert.doesNotMatch(plain.html, /<(video|audio) /);
  assert.match(plain.html, /<script src="\/static\/lesson.js" defer><\/script><script src="\/static\/resume.js" defer><\/script>/);
  const visitor = await (await fetch(`${srv.url}/modules/safe-lifting?level=2`)).text();
  assert.doesNotMatch(visitor, /lesson\.js|media\.js|resume\.js/);
});

// The resume document as resume.js keeps it: the State resource, the learner's own agent only.
test('resume.js keeps its place in the State resource of the learner, and nobody else can', async () => {
  const home = /data-home="([^"]+)"/.exec((await anna.req('/modules/safe-lifting')).html)[1];
  const agent = (login) => JSON.stringify({ objectType: 'Agent', account: { homePage: home, name: login } });
  const url = (login) => `/xapi/activities/state?${new URLSearchParams({ stateId: 'resume',
    activityId: `${home}/modules/safe-lifting`, agent: agent(login) })}`;
  const headers = (csrf) => ({ 'X-Experience-API-Version': '1.0.3', 'Content-Type': 'application/json',
    ...(csrf ? { 'X-CSRF-Token': csrf } : {}) });
  const csrf = await anna.csrf('/');
  assert.equal((await anna.req(url('anna'), { headers: headers() })).status, 404);   // nothing kept yet
  const level2 = { s: 4, m: { '/modules/safe-lifting/media/lift.mp4': 11 }, a: { 'q-shelf': '1' }, t: '2026-12-01T10:00:00.000Z' };
  let res = await anna.req(url('anna'), { method: 'POST', headers: headers(csrf), body: JSON.stringify({ 2: level2 }) });
  assert.equal(res.status, 204, res.html);
  // another level merges in beside it (POST is a JSON merge of the top level)
  res = await anna.req(url('anna'), { method: 'POST', headers: headers(csrf), body: JSON.stringify({ 1: { s: 2, m: {}, a: {} } }) });
  assert.equal(res.status, 204, res.html);
  res = await anna.req(url('anna'), { headers: headers() });
  assert.equal(res.status, 200);
  assert.deepEqual(JSON.parse(res.html), { 1: { s: 2, m: {}, a: {} }, 2: level2 });
  // without the CSRF token, or about another learner: refused, nothing changes
  res = await anna.req(url('anna'), { method: 'POST', headers: headers(), body: JSON.stringify({ 2: {} }) });
  assert.equal(res.status, 403);
  res = await anna.req(url('bram'), { method: 'POST', headers: headers(csrf), body: JSON.stringify({ 2: level2 }) });
  assert.equal(res.status, 403);
  assert.match(JSON.parse(res.html).error, /only use their own agent/);
  assert.equal((await bram.req(url('anna'), { headers: headers() })).status, 403);
  assert.equal((await bram.req(url('bram'), { headers: headers() })).status, 404);
  assert.equal((await fetch(`${srv.url}${url('anna')}`, { headers: headers() })).status, 401);
});
