// player.test.mjs: the lesson page with the player over HTTP: its size (HTML + CSS + JS under
// 40 KB uncompressed, the script under 12 KB), the per-learner player slot (learner, public URL,
// CSRF token) filled per request, and the lesson body still cached and answered 304.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startServer } from '../lib/server.mjs';
import { Client, addUser } from '../lib/session.mjs';

let dir, srv, anna;

before(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'stepwise-player-'));
  const db = path.join(dir, 'p.db');
  await addUser(db, 'anna', 'Anna', 'anna-password');
  srv = await startServer({ db });
  anna = new Client(srv.url);
  assert.equal((await anna.signIn('anna', 'anna-password')).status, 303);
});

after(async () => {
  await srv?.stop();
  rmSync(dir, { recursive: true, force: true });
});

test('every sample lesson page with the player stays under 40 KB, the script under 12 KB', async () => {
  const size = {};
  for (const name of ['player.js', 'media.js', 'resume.js', 'style.css', 'author.css']) {
    size[name] = Buffer.byteLength(await (await fetch(`${srv.url}/static/${name}`)).text());
  }
  assert.ok(size['player.js'] < 12 * 1024, `player.js is ${size['player.js']} bytes`);
  let media = 0;
  for (const id of ['safe-lifting', 'machine-changeover', 'giving-feedback', 'first-day-safety', 'break-room-tablet']) {
    for (const level of [1, 2, 3]) {
      const res = await anna.req(`/modules/${id}?level=${level}`);
      if (res.status === 404) continue;
      assert.equal(res.status, 200, `${id} level ${level}`);
      assert.match(res.html, /<div id="player" hidden data-home="[^"]+" data-login="anna" data-csrf="[^"]+"/);
      // Everything the page loads: its HTML, every stylesheet and every script it links.
      const linked = [...res.html.matchAll(/(?:src|href)="\/static\/([a-z]+\.(?:js|css))"/g)].map((m) => m[1]);
      assert.ok(linked.includes('player.js') && linked.includes('resume.js') && linked.includes('style.css'), linked.join());
      assert.ok(!linked.includes('author.css'), `${id}: the author stylesheet is not the lesson's`);
      const hasMedia = /<(video|audio) /.test(res.html);
      assert.equal(linked.includes('media.js'), hasMedia, `${id} level ${level}: media.js only with media`);
      media += hasMedia;
      const total = Buffer.byteLength(res.html) + linked.reduce((n, f) => n + size[f], 0);
      assert.ok(total < 40 * 1024, `${id} level ${level}: ${total} bytes (${linked.join(', ')})`);
    }
  }
  assert.ok(media >= 3, 'the samples have lesson pages with a video or podcast');
});

test('the author pages link their own stylesheet', async () => {
  const author = await fetch(`${srv.url}/static/author.css`);
  assert.equal(author.status, 200);
  assert.match(await author.text(), /\.author-findings/);
  const style = await (await fetch(`${srv.url}/static/style.css`)).text();
  assert.doesNotMatch(style, /\.author-findings|\.editor textarea/);
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
