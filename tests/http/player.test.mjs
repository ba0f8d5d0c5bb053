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
  const js = await (await fetch(`${srv.url}/static/player.js`)).text();
  const css = await (await fetch(`${srv.url}/static/style.css`)).text();
  assert.ok(Buffer.byteLength(js) < 12 * 1024, `player.js is ${Buffer.byteLength(js)} bytes`);
  for (const id of ['safe-lifting', 'machine-changeover', 'giving-feedback', 'first-day-safety', 'break-room-tablet']) {
    for (const level of [1, 2, 3]) {
      const res = await anna.req(`/modules/${id}?level=${level}`);
      if (res.status === 404) continue;
      assert.equal(res.status, 200, `${id} level ${level}`);
      assert.match(res.html, /<div id="player" hidden data-home="[^"]+" data-login="anna" data-csrf="[^"]+"/);
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
