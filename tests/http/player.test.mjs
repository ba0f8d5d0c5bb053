// player.test.mjs: the lesson page with the player over HTTP: its size (HTML + CSS + JS under
// 40 KB uncompressed, each script under 12 KB), the per-learner player slot (learner, public
// URL, CSRF token, texts, lesson.js) filled per request, the lesson body still cached and
// answered 304, and the learner's key for the queue on the device (/player/key).
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
  const scripts = {};
  for (const name of ['player.js', 'lesson.js']) {
    scripts[name] = await (await fetch(`${srv.url}/static/${name}`)).text();
    assert.ok(Buffer.byteLength(scripts[name]) < 12 * 1024, `${name} is ${Buffer.byteLength(scripts[name])} bytes`);
  }
  const js = scripts['player.js'] + scripts['lesson.js'];
  const css = await (await fetch(`${srv.url}/static/style.css`)).text();
  for (const id of ['safe-lifting', 'machine-changeover', 'giving-feedback', 'first-day-safety', 'break-room-tablet']) {
    for (const level of [1, 2, 3]) {
      const res = await anna.req(`/modules/${id}?level=${level}`);
      if (res.status === 404) continue;
      assert.equal(res.status, 200, `${id} level ${level}`);
      assert.match(res.html, /<div id="player" hidden data-home="[^"]+" data-login="anna" data-csrf="[^"]+"/);
      assert.match(res.html, /<script src="\/static\/lesson.js" defer><\/script>/);
      assert.doesNotMatch(res.html, /staff\.css/, 'a learner\'s lesson does not load the staff styles');
      const total = Buffer.byteLength(res.html) + Buffer.byteLength(css) + Buffer.byteLength(js);
      assert.ok(total < 40 * 1024, `${id} level ${level}: ${total} bytes`);
    }
  }
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
