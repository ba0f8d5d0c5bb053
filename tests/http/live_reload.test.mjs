// live_reload.test.mjs: the server watches its content folder: a changed, added, broken or
// removed module shows on the next requests without a restart, and the other modules stay served.
// Every wait polls with a bounded deadline instead of sleeping a fixed time.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT, startServer } from '../lib/server.mjs';

const SITE = path.join(ROOT, 'tests/data/site');
let srv;
let content;

// Polls check() until it returns true, for at most ms milliseconds; fails with what it last saw.
async function eventually(check, what, ms = 5000) {
  const deadline = Date.now() + ms;
  let last;
  for (;;) {
    last = await check();
    if (last === true) return;
    if (Date.now() > deadline) assert.fail(`${what} did not happen within ${ms} ms (last: ${last})`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function page(url) {
  const res = await fetch(srv.url + url);
  return { status: res.status, text: await res.text() };
}

before(async () => {
  content = mkdtempSync(path.join(os.tmpdir(), 'stepwise-live-'));
  cpSync(SITE, content, { recursive: true });
  srv = await startServer({ content });
});

after(async () => {
  await srv.stop();
  rmSync(content, { recursive: true, force: true });
});

test('a changed module file shows its new text without a restart', async () => {
  assert.match((await page('/modules/alpha')).text, /This text shows at every level/);
  const file = path.join(content, 'alpha/index.md');
  const { mtime } = statSync(file);
  writeFileSync(file, readFileSync(file, 'utf8').replace('This text shows at every level.',
    'Fresh words after a save.'));
  // The old modification time again: only the watcher can tell the file changed (a request
  // compares times), and the page cache must not keep the old page for the same time.
  utimesSync(file, mtime, mtime);
  await eventually(async () => /Fresh words after a save/.test((await page('/modules/alpha')).text),
    'the new text on the page');
  assert.doesNotMatch((await page('/modules/alpha')).text, /This text shows at every level/);
  await eventually(() => /content changed \(alpha\)/.test(srv.stderr()), 'the log line');
});

test('files in module folders are watched, also in folders made after the start', async () => {
  const reloads = () => (srv.stderr().match(/content changed \(alpha\)/g) || []).length;
  const before = reloads();
  mkdirSync(path.join(content, 'alpha/extra'));
  await eventually(() => reloads() > before, 'a reload for the new folder');
  const after = reloads();
  writeFileSync(path.join(content, 'alpha/extra/notes.txt'), 'a note\n');
  await eventually(() => reloads() > after, 'a reload for a file in the new folder');
  assert.equal((await page('/modules/alpha')).status, 200);
});

test('a new module appears in the catalogue', async () => {
  assert.doesNotMatch((await page('/')).text, /\/modules\/gamma/);
  writeFileSync(path.join(content, 'gamma.md'), '---\nid: gamma\ntitle: Gamma lesson\n' +
    'summary: Added while the server runs.\nlanguage: en\nminutes: 3\nlevels: [1]\n---\n\n' +
    '## Hello\n\nGamma is here.\n');
  await eventually(async () => /href="\/modules\/gamma"/.test((await page('/')).text), 'gamma in the catalogue');
  assert.match((await page('/modules/gamma')).text, /Gamma is here/);
});

test('a module that breaks is reported and the others keep being served', async () => {
  writeFileSync(path.join(content, 'beta.md'), '---\nid: beta\ntitle: [unclosed\n---\nText\n');
  await eventually(() => /beta\.md:\d+(:\d+)?: error: /.test(srv.stderr()), 'the error in the log');
  await eventually(async () => (await page('/modules/beta')).status === 404, 'beta left out');
  assert.match((await page('/modules/alpha')).text, /Fresh words after a save/);
  assert.match((await page('/modules/gamma')).text, /Gamma is here/);
  const catalogue = (await page('/')).text;
  assert.match(catalogue, /\/modules\/alpha/);
  assert.doesNotMatch(catalogue, /\/modules\/beta/);
});

test('a removed module answers 404 and leaves the catalogue', async () => {
  rmSync(path.join(content, 'gamma.md'));
  await eventually(async () => (await page('/modules/gamma')).status === 404, 'gamma gone');
  assert.doesNotMatch((await page('/')).text, /\/modules\/gamma/);
  rmSync(path.join(content, 'alpha'), { recursive: true });
  await eventually(async () => (await page('/modules/alpha')).status === 404, 'alpha gone');
  assert.match(await (await fetch(srv.url + '/healthz')).text(), /^ok 0 modules\n/);
});
