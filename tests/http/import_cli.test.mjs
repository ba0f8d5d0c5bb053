// import_cli.test.mjs: `stepwise import FILE.zip` end to end: a SCORM package becomes a module in
// the catalogue beside the Markdown ones (also while the server runs), its page lists what it
// holds, its files are not served as lesson media, and hostile or oversize zips are refused
// with status 1 and a clear message, leaving the content folder as it was.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT, runCli, startServer } from '../lib/server.mjs';
import { makeZip } from '../lib/zip.mjs';

const SCORM = path.join(ROOT, 'tests/data/scorm');
let dir;
let content;

before(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'stepwise-import-'));
  content = path.join(dir, 'content');
  cpSync(path.join(ROOT, 'modules/first-day-safety.md'), path.join(content, 'first-day-safety.md'));
});

after(() => rmSync(dir, { recursive: true, force: true }));

const listing = () => readdirSync(content).sort().join(' ');

async function waitFor(url, words) {
  const deadline = Date.now() + 10000;
  for (;;) {
    const text = await (await fetch(url)).text();
    if (text.includes(words) || Date.now() > deadline) return text;
    await new Promise((r) => setTimeout(r, 100));
  }
}

test('an imported package is a module in the catalogue, also while the server runs', async () => {
  const zip = makeZip(path.join(SCORM, 'scorm2004-4th'), path.join(dir, 'shift.zip'));
  const res = await runCli(['import', '--content', content, '--summary', 'How to stay safe on a shift.',
    '--minutes', '15', zip]);
  assert.equal(res.code, 0, res.stderr);
  assert.equal(res.stdout, 'imported shift-safety-4th version 1: SCORM 2004 4th Edition, 3 launchable ' +
    'items; see the warnings above\n');
  assert.match(res.stderr, /imsmanifest\.xml:53: warning: "QUIZ" asks for randomization; Stepwise keeps/);

  const srv = await startServer({ content });
  try {
    const home = await (await fetch(srv.url + '/')).text();
    assert.match(home, /Safety on every shift/);
    assert.match(home, /How to stay safe on a shift\./);
    assert.match(home, /href="\/modules\/first-day-safety"/);
    const page = await fetch(srv.url + '/modules/shift-safety-4th');
    assert.equal(page.status, 200);
    const text = await page.text();
    assert.match(text, /<li>Before the shift<\/li>/);
    assert.match(text, /This lesson is a SCORM 2004 4th Edition package\./);
    const media = await fetch(srv.url + '/modules/shift-safety-4th/media/1/files/content/sco1.html');
    assert.equal(media.status, 404);

    const single = makeZip(path.join(SCORM, 'scorm12-single'), path.join(dir, 'forklift.zip'));
    const again = await runCli(['import', '--content', content, '--id', 'forklift', '--minutes', '10', single]);
    assert.equal(again.code, 0, again.stderr);
    assert.match(await waitFor(srv.url + '/', 'Forklift checks'), /Forklift checks/);
  } finally {
    await srv.stop();
  }
});

test('hostile zips are refused with status 1 and nothing is stored', async () => {
  const cases = [
    [[{ name: '../evil.html', data: 'x' }], /entry "\.\.\/evil\.html" goes outside the package/],
    [[{ name: 'link.html', symlink: true, data: '/etc/passwd' }], /entry "link\.html" is a symbolic link/],
    [[{ name: 'zeros.bin', zeros: 4 << 20 }], /this looks like a zip bomb/],
  ];
  for (const [extra, message] of cases) {
    const before = listing();
    const zip = makeZip(path.join(SCORM, 'scorm12-single'), path.join(dir, 'hostile.zip'), extra);
    const res = await runCli(['import', '--content', content, '--minutes', '5', zip]);
    assert.equal(res.code, 1, res.stdout);
    assert.match(res.stderr, message);
    assert.match(res.stderr, /stepwise import: nothing was imported\n$/);
    assert.equal(listing(), before);
  }
  const bomb = makeZip(path.join(SCORM, 'hostile-bomb'), path.join(dir, 'bomb.zip'));
  const res = await runCli(['import', '--content', content, '--minutes', '5', bomb]);
  assert.equal(res.code, 1);
  assert.match(res.stderr, /imsmanifest\.xml:2: error: the manifest has a DOCTYPE/);
});

test('limits come from options and STEPWISE_* variables', async () => {
  const zip = makeZip(path.join(SCORM, 'scorm12-single'), path.join(dir, 'limits.zip'));
  const before = listing();
  const files = await runCli(['import', '--content', content, '--minutes', '5', zip],
    { env: { STEPWISE_MAX_PACKAGE_FILES: '1' } });
  assert.equal(files.code, 1);
  assert.match(files.stderr, /the package holds 2 files; the limit is 1 \(--max-package-files\)/);
  const bytes = await runCli(['import', '--content', content, '--max-package-bytes', '1k', '--minutes', '5', zip]);
  assert.equal(bytes.code, 1);
  assert.match(bytes.stderr, /the limit is --max-package-bytes/);
  assert.equal(listing(), before);
  const bad = await runCli(['import', '--max-compression-ratio', 'lots', zip]);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /--max-compression-ratio: "lots" is not a number/);
});

test('usage: --help, no file, bad minutes', async () => {
  const help = await runCli(['import', '--help']);
  assert.equal(help.code, 0);
  for (const opt of ['--max-package-bytes', 'STEPWISE_MAX_PACKAGE_FILES', '--max-compression-ratio',
    '--max-manifest-bytes', '--summary', '--minutes']) assert.ok(help.stdout.includes(opt), opt);
  const none = await runCli(['import']);
  assert.equal(none.code, 2);
  assert.match(none.stderr, /give the package: stepwise import FILE\.zip/);
  const minutes = await runCli(['import', '--minutes', '0', 'x.zip']);
  assert.equal(minutes.code, 2);
  assert.match(minutes.stderr, /--minutes: "0" is not a number from 1 to 600/);
  const main = await runCli(['--help']);
  assert.match(main.stdout, /import FILE\.zip/);
});
