// author_import.test.mjs: the upload page /author/import: an author uploads a SCORM zip (a
// multipart form with the session's CSRF token) and it is in the catalogue; a hostile zip, a
// form without the token or without a file is refused and nothing is stored; a body over
// --max-body gets 413; only authors get the page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT, startServer } from '../lib/server.mjs';
import { Client, addUser, csrfOf } from '../lib/session.mjs';
import { makeZip } from '../lib/zip.mjs';

const PASSWORD = 'author-import-password';
const SCORM = path.join(ROOT, 'tests/data/scorm');
let dir, content, srv, author;

const listing = () => readdirSync(content).sort().join(' ');

async function signIn(login) {
  const c = new Client(srv.url);
  const res = await c.signIn(login, PASSWORD, '/');
  assert.equal(res.status, 303, res.html);
  return c;
}

// Posts the upload form: fields plus the zip at file (or none).
function upload(c, fields, file) {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.set(k, v);
  if (file) form.set('package', new Blob([readFileSync(file)], { type: 'application/zip' }), path.basename(file));
  return c.req('/author/import', { method: 'POST', body: form });
}

before(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'stepwise-upload-'));
  content = path.join(dir, 'content');
  cpSync(path.join(ROOT, 'modules/first-day-safety.md'), path.join(content, 'first-day-safety.md'));
  const db = path.join(dir, 'upload.db');
  await addUser(db, 'ada', 'Ada Author', PASSWORD, ['author']);
  await addUser(db, 'max', 'Max Mentee', PASSWORD);
  srv = await startServer({ content, db, args: ['--max-body', '256k'] });
  author = await signIn('ada');
});

after(async () => {
  await srv?.stop();
  rmSync(dir, { recursive: true, force: true });
});

test('an author uploads a package and it is in the catalogue', async () => {
  const list = await author.req('/author');
  assert.match(list.html, /<a href="\/author\/import">Import a SCORM package<\/a>/);
  const page = await author.req('/author/import');
  assert.equal(page.status, 200);
  assert.equal(page.headers.get('cache-control'), 'private, no-store');
  assert.equal(page.headers.get('x-frame-options'), 'DENY');
  assert.match(page.html, /enctype="multipart\/form-data"/);
  assert.match(page.html, /<label for="import-package">/);
  const zip = makeZip(path.join(SCORM, 'scorm2004-4th'), path.join(dir, 'shift.zip'));
  const res = await upload(author, { csrf: csrfOf(page.html), summary: 'How to stay safe on a shift.',
    minutes: '15', skills: 'safety' }, zip);
  assert.equal(res.status, 200, res.html);
  assert.match(res.html, /Imported: version 1 of <a href="\/modules\/shift-safety-4th">/);
  assert.match(res.html, /Not supported<\/strong> \(line 53 of the manifest\): &quot;QUIZ&quot; asks for randomization/);
  const pkg = JSON.parse(readFileSync(path.join(content, 'shift-safety-4th/package.json'), 'utf8'));
  assert.equal(pkg.versions[0].file, 'shift.zip');
  assert.deepEqual(pkg.skills, ['safety']);
  assert.ok(!listing().includes('.upload-'), listing());
  const deadline = Date.now() + 10000;
  let home;
  do {
    home = await (await fetch(srv.url + '/')).text();
    if (home.includes('Safety on every shift')) break;
    await new Promise((r) => setTimeout(r, 100));
  } while (Date.now() < deadline);
  assert.match(home, /Safety on every shift/);
  const bySkill = await (await fetch(srv.url + '/?skill=safety')).text();
  assert.match(bySkill, /Safety on every shift/);
  // On /author a package offers a new version instead of the editor, and the form knows its id.
  const authorList = await author.req('/author');
  assert.match(authorList.html, /href="\/author\/import\?id=shift-safety-4th">New version<span class="visually-hidden"> of Safety on every shift/);
  assert.doesNotMatch(authorList.html, /\/author\/edit\/shift-safety-4th/);
  const again = await author.req('/author/import?id=shift-safety-4th');
  assert.match(again.html, /name="id" type="text" aria-describedby="import-id-hint" value="shift-safety-4th"/);
  assert.equal((await author.req('/author/edit/shift-safety-4th')).status, 404);
});

test('refused uploads store nothing and say why', async () => {
  const csrf = await author.csrf('/author/import');
  const before = listing();
  const hostile = makeZip(path.join(SCORM, 'scorm12-single'), path.join(dir, 'evil.zip'),
    [{ name: '../evil.html', data: 'x' }]);
  let res = await upload(author, { csrf, minutes: '5' }, hostile);
  assert.equal(res.status, 400);
  assert.match(res.html, /Nothing was imported/);
  assert.match(res.html, /entry &quot;..\/evil.html&quot; goes outside the package/);
  res = await upload(author, { csrf: 'wrong', minutes: '5' }, hostile);
  assert.equal(res.status, 403);
  res = await upload(author, { csrf, minutes: '5' }, null);
  assert.equal(res.status, 400);
  assert.match(res.html, /choose the package&#39;s .zip file|choose the package's .zip file/);
  res = await upload(author, { csrf, minutes: 'lots' }, hostile);
  assert.equal(res.status, 400);
  assert.match(res.html, /the minutes must be a number from 1 to 600/);
  res = await author.req('/author/import', { form: { csrf } });
  assert.equal(res.status, 400);
  assert.match(res.html, /must be sent as multipart\/form-data/);
  assert.equal(listing(), before);
});

test('a body over --max-body gets 413 before it is read', async () => {
  const csrf = await author.csrf('/author/import');
  const big = makeZip('', path.join(dir, 'big.zip'), [{ name: 'noise.bin', random: 300000 }]);
  const res = await upload(author, { csrf, minutes: '5' }, big);
  assert.equal(res.status, 413);
});

test('only authors get the page', async () => {
  const mentee = await signIn('max');
  assert.equal((await mentee.req('/author/import')).status, 403);
  const nobody = new Client(srv.url);
  const res = await nobody.req('/author/import');
  assert.equal(res.status, 303);
  assert.match(res.headers.get('location'), /^\/login/);
});
