// export.test.mjs: GET /author/export/ID?scorm=1.2|2004 over real HTTP and `stepwise export`: an
// author downloads each version as a private zip attachment, byte for byte what the command line
// writes; the preview links to both; a mentee gets 403 and nobody signed in goes to /login; a
// bad version is 400, an unknown module 404 and an imported package (here an export imported
// back with `stepwise import`) 409; the command line's own errors and default file name.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT, runCli, startServer } from '../lib/server.mjs';
import { Client, addUser } from '../lib/session.mjs';

const PW = { author: 'author-secret-1', mentee: 'mentee-secret-1' };
let dir, content, srv;

before(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'stepwise-export-'));
  content = path.join(dir, 'content');
  cpSync(path.join(ROOT, 'modules'), content, { recursive: true });
  const zip = path.join(dir, 'back.zip');
  let r = await runCli(['export', 'first-day-safety', '--scorm', '2004', '-o', zip, '--content', content]);
  assert.equal(r.code, 0, r.stderr);
  r = await runCli(['import', '--id', 'imported-back', '--content', content, zip]);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stderr, '', 'the importer warns about nothing');
  const db = path.join(dir, 'export.db');
  await addUser(db, 'author', 'Aut Author', PW.author, ['author']);
  await addUser(db, 'mentee', 'Mia Mentee', PW.mentee);
  srv = await startServer({ db, content });
});

after(async () => {
  await srv?.stop();
  rmSync(dir, { recursive: true, force: true });
});

async function signedIn(login) {
  const c = new Client(srv.url);
  const res = await c.signIn(login, PW[login]);
  assert.equal(res.status, 303, `sign-in of ${login}: ${res.html}`);
  return c;
}

// The bytes of a download with the client's cookies (Client.req reads bodies as text).
async function download(c, p) {
  const cookie = [...c.jar].map(([k, v]) => `${k}=${v}`).join('; ');
  const res = await fetch(srv.url + p, { headers: { cookie }, redirect: 'manual' });
  return { res, bytes: Buffer.from(await res.arrayBuffer()) };
}

test('an author downloads both versions, the same bytes as stepwise export writes', async () => {
  const c = await signedIn('author');
  for (const [v, slug] of [['1.2', 'scorm12'], ['2004', 'scorm2004']]) {
    const { res, bytes } = await download(c, `/author/export/safe-lifting?scorm=${v}`);
    assert.equal(res.status, 200, v);
    assert.equal(res.headers.get('content-type'), 'application/zip');
    assert.equal(res.headers.get('content-disposition'), `attachment; filename="safe-lifting-${slug}.zip"`);
    assert.equal(res.headers.get('cache-control'), 'private, no-store');
    assert.equal(bytes.subarray(0, 4).toString('latin1'), 'PK\x03\x04');
    const out = path.join(dir, `cli-${slug}.zip`);
    const r = await runCli(['export', 'safe-lifting', '--scorm', v, '-o', out, '--content', content]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, new RegExp(`wrote .*cli-${slug}\\.zip: safe-lifting as SCORM ${v}`));
    assert.ok(bytes.equals(readFileSync(out)), `the download of ${v} is what the command line writes`);
  }
});

test('the author preview links to both downloads; a package has none', async () => {
  const c = await signedIn('author');
  let res = await c.req('/author/modules/safe-lifting');
  assert.equal(res.status, 200);
  assert.match(res.html, /href="\/author\/export\/safe-lifting\?scorm=1\.2" download>Download as SCORM 1\.2</);
  assert.match(res.html, /href="\/author\/export\/safe-lifting\?scorm=2004" download>Download as SCORM 2004 4th Edition</);
  res = await c.req('/author/modules/imported-back');
  assert.equal(res.status, 200);
  assert.doesNotMatch(res.html, /\/author\/export\//);
});

test('only authors: a mentee gets 403, nobody signed in goes to /login', async () => {
  const p = '/author/export/safe-lifting?scorm=1.2';
  let res = await new Client(srv.url).req(p);
  assert.equal(res.status, 303);
  assert.equal(res.headers.get('location'), `/login?next=${encodeURIComponent('/author/export/safe-lifting')}`);
  res = await (await signedIn('mentee')).req(p);
  assert.equal(res.status, 403);
  assert.doesNotMatch(res.headers.get('content-type'), /zip/);
});

test('a bad version is 400, an unknown module 404, a package 409, with words to act on', async () => {
  const c = await signedIn('author');
  for (const p of ['/author/export/safe-lifting', '/author/export/safe-lifting?scorm=1.3']) {
    const res = await c.req(p);
    assert.equal(res.status, 400, p);
    assert.match(res.html, /\?scorm=1\.2 or \?scorm=2004/);
  }
  for (const p of ['/author/export/no-such-module?scorm=1.2', '/author/export/safe-lifting/x?scorm=1.2']) {
    const res = await c.req(p);
    assert.equal(res.status, 404, p);
    assert.match(res.html, /No module has this id/);
  }
  const res = await c.req('/author/export/imported-back?scorm=1.2');
  assert.equal(res.status, 409);
  assert.match(res.html, /SCORM package already/);
  assert.equal((await c.req('/author/export/safe-lifting?scorm=1.2', { method: 'POST', body: '' })).status, 405);
});

test('stepwise export: its errors, and the default file name', async () => {
  let r = await runCli(['export', 'safe-lifting', '--content', content]);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /--scorm 1\.2 or --scorm 2004/);
  r = await runCli(['export', 'safe-lifting', '--scorm', '3', '--content', content]);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /"3" is not a version/);
  r = await runCli(['export', 'nothing-here', '--scorm', '1.2', '--content', content, '-o', path.join(dir, 'x.zip')]);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /no module .* has the id "nothing-here"/);
  assert.ok(!existsSync(path.join(dir, 'x.zip')));
  r = await runCli(['export', 'imported-back', '--scorm', '1.2', '--content', content, '-o', path.join(dir, 'y.zip')]);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /only Markdown modules are exported/);
  r = await runCli(['export', 'giving-feedback', '--scorm', '2004', '--content', content], { cwd: dir });
  assert.equal(r.code, 0, r.stderr);
  assert.ok(existsSync(path.join(dir, 'giving-feedback-scorm2004.zip')));
});
