// author_edit.test.mjs: the browser editor (/author/edit/ID) against the real server on a copy of
// tests/data/site: opening and saving writes the file and the lesson shows the new text (live
// reload); the conflict rule (a file changed on disk since the editor opened it is never
// overwritten: 409, the author's text kept, the file untouched); a save with a missing base, bad
// front matter, a changed id or too much text is refused with the text kept; preview writes
// nothing and lists findings with their line; --max-module-bytes; and every denial.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync, readdirSync, chmodSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { ROOT, runCli, startServer } from '../lib/server.mjs';
import { Client, addUser, csrfOf } from '../lib/session.mjs';

const PASSWORD = 'author-edit-password';
const MAX = 4096;   // --max-module-bytes for this server
let dir, content, db, srv;

const ALPHA = () => path.join(content, 'alpha/index.md');
const BETA = () => path.join(content, 'beta.md');

// Polls check() until it returns true, for at most ms milliseconds.
async function eventually(check, what, ms = 5000) {
  const deadline = Date.now() + ms;
  for (;;) {
    if (await check()) return;
    if (Date.now() > deadline) assert.fail(`${what} did not happen within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

function unescapeHtml(s) {
  return s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}

// The text of the text area with id `id` on a page, as the browser would show it.
function textareaOf(html, id = 'edit-source') {
  const m = new RegExp(`<textarea id="${id}"[^>]*>\\n([\\s\\S]*?)</textarea>`).exec(html);
  return m ? unescapeHtml(m[1]) : undefined;
}

function baseOf(html) {
  const m = /name="base" value="([0-9a-f]*)"/.exec(html);
  return m ? m[1] : undefined;
}

const sha256 = (bytes) => createHash('sha256').update(bytes).digest('hex');

async function signIn(login) {
  const c = new Client(srv.url);
  const res = await c.signIn(login, PASSWORD, '/');
  assert.equal(res.status, 303, `sign-in of ${login}: ${res.html}`);
  return c;
}

// Opens the editor of id: { res, base, csrf, text }.
async function open(c, id) {
  const res = await c.req(`/author/edit/${id}`);
  assert.equal(res.status, 200, res.html);
  return { res, base: baseOf(res.html), csrf: csrfOf(res.html), text: textareaOf(res.html) };
}

function post(c, id, form) {
  return c.req(`/author/edit/${id}`, { form });
}

let author;

before(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'stepwise-edit-'));
  content = path.join(dir, 'content');
  cpSync(path.join(ROOT, 'tests/data/site'), content, { recursive: true });
  db = path.join(dir, 'edit.db');
  await addUser(db, 'ada', 'Ada Author', PASSWORD, ['author']);
  await addUser(db, 'max', 'Max Mentee', PASSWORD);
  srv = await startServer({ content, db, args: ['--max-module-bytes', String(MAX)] });
  author = await signIn('ada');
});

after(async () => {
  await srv?.stop();
  rmSync(dir, { recursive: true, force: true });
});

test('the editor holds the whole file and its version, and is never cached', async () => {
  const { res, base, csrf, text } = await open(author, 'beta');
  const bytes = readFileSync(BETA());
  assert.equal(text, bytes.toString('utf8'));
  assert.equal(base, sha256(bytes));
  assert.ok(csrf);
  assert.equal(res.headers.get('cache-control'), 'private, no-store');
  assert.match(res.html, /<label for="edit-source">/);
  assert.match(res.html, /<button type="submit" name="action" value="preview"[^>]*>Preview<\/button>/);
  assert.match(res.html, /<button type="submit" name="action" value="save">Save<\/button>/);
  assert.match(res.html, /href="\/author\/modules\/beta"/);
  assert.equal((await author.req('/author/edit/no-such-lesson')).status, 404);
});

test('save writes the file (LF lines, mode kept) and the lesson shows the new text', async () => {
  chmodSync(BETA(), 0o640);
  const { base, csrf, text } = await open(author, 'beta');
  const typed = text.replace('Tekst voor iedereen.', 'Nieuwe tekst uit de editor & meer.').replace(/\n/g, '\r\n');
  const res = await post(author, 'beta', { csrf, base, action: 'save', source: typed });
  assert.equal(res.status, 303, res.html);
  assert.equal(res.headers.get('location'), '/author/edit/beta?saved=1');
  const onDisk = readFileSync(BETA(), 'utf8');
  assert.equal(onDisk, text.replace('Tekst voor iedereen.', 'Nieuwe tekst uit de editor & meer.'));
  assert.equal(statSync(BETA()).mode & 0o777, 0o640);
  assert.deepEqual(readdirSync(content).filter((n) => n.startsWith('.')), []);   // no temporary file left

  const again = await author.req(res.headers.get('location'));
  assert.match(again.html, /role="status"><p>Saved\./);
  assert.equal(baseOf(again.html), sha256(readFileSync(BETA())));
  await eventually(async () => /Nieuwe tekst uit de editor &amp; meer/.test((await fetch(srv.url + '/modules/beta')
    .then((r) => r.text()))), 'the new text on the lesson page');
});

test('THE CONFLICT RULE: a file changed on disk since it was opened is not overwritten', async () => {
  const { base, csrf, text } = await open(author, 'alpha');
  const outside = readFileSync(ALPHA(), 'utf8').replace('Basic words for level one.', 'Changed in a text editor.');
  writeFileSync(ALPHA(), outside);
  const typed = text.replace('This text shows at every level.', 'My careful edit in the browser.');
  const res = await post(author, 'alpha', { csrf, base, action: 'save', source: typed });
  assert.equal(res.status, 409, res.html);
  assert.equal(readFileSync(ALPHA(), 'utf8'), outside);      // the file on disk is untouched
  assert.match(res.html, /role="alert"><p id="edit-error">This lesson was changed on disk after you opened it/);
  assert.match(res.html, /Your text was not saved/);
  assert.equal(textareaOf(res.html), typed);                  // nothing lost
  assert.match(res.html, /aria-describedby="edit-hint edit-error[^"]*" aria-invalid="true"/);
  assert.equal(textareaOf(res.html, 'edit-current'), outside);   // the file as it is now, to copy from
  assert.match(res.html, /<textarea id="edit-current" rows="12" readonly/);
  assert.equal(baseOf(res.html), base);   // still the old version: saving again is refused again
  const twice = await post(author, 'alpha', { csrf, base, action: 'save', source: typed });
  assert.equal(twice.status, 409);
  assert.equal(readFileSync(ALPHA(), 'utf8'), outside);

  // Opened again, the editor starts from the current file and a save goes through.
  const fresh = await open(author, 'alpha');
  assert.equal(fresh.text, outside);
  const ok = await post(author, 'alpha', { csrf, base: fresh.base, action: 'save',
    source: outside.replace('This text shows at every level.', 'My careful edit in the browser.') });
  assert.equal(ok.status, 303, ok.html);
  assert.match(readFileSync(ALPHA(), 'utf8'), /My careful edit in the browser\.[\s\S]*Changed in a text editor\./);
});

test('two saves from the same version: the second is a conflict', async () => {
  const { base, csrf, text } = await open(author, 'beta');
  const first = text.replace('## Welkom', '## Welkom terug');
  const second = text.replace('## Welkom', '## Hallo');
  const [a, b] = await Promise.all([
    post(author, 'beta', { csrf, base, action: 'save', source: first }),
    post(author, 'beta', { csrf, base, action: 'save', source: second }),
  ]);
  assert.deepEqual([a.status, b.status].sort(), [303, 409]);
  assert.equal(readFileSync(BETA(), 'utf8'), a.status === 303 ? first : second);
});

test('a save with a missing or stale base is refused and the text kept', async () => {
  const { csrf, text } = await open(author, 'beta');
  const before = readFileSync(BETA(), 'utf8');
  const typed = text + '\nOne more line.\n';
  const missing = await post(author, 'beta', { csrf, action: 'save', source: typed });
  assert.equal(missing.status, 400);
  assert.match(missing.html, /does not say which version of the file it was opened from/);
  assert.equal(textareaOf(missing.html), typed);
  const stale = await post(author, 'beta', { csrf, base: sha256('an older file'), action: 'save', source: typed });
  assert.equal(stale.status, 409);
  assert.equal(textareaOf(stale.html), typed);
  assert.equal(readFileSync(BETA(), 'utf8'), before);
});

test('bad front matter is refused (400), with the finding and its line; the file is unchanged', async () => {
  const { base, csrf, text } = await open(author, 'beta');
  const before = readFileSync(BETA(), 'utf8');
  const typed = text.replace('minutes: 12', 'minutes: 12\ncolour: blue');
  const res = await post(author, 'beta', { csrf, base, action: 'save', source: typed });
  assert.equal(res.status, 400, res.html);
  assert.equal(readFileSync(BETA(), 'utf8'), before);
  assert.equal(textareaOf(res.html), typed);
  assert.match(res.html, /This text has errors/);
  assert.match(res.html, /<li class="error"><strong>Error<\/strong>, line 8, column 1: [^<]*colour/);
  assert.match(res.html, /<p id="edit-findings">The check found 1 error and 0 warnings/);
  assert.match(res.html, /aria-describedby="edit-hint edit-error edit-findings"/);
});

test('a changed id is refused: the catalogue keeps its lessons', async () => {
  const { base, csrf, text } = await open(author, 'beta');
  const before = readFileSync(BETA(), 'utf8');
  const res = await post(author, 'beta', { csrf, base, action: 'save', source: text.replace('id: beta', 'id: alpha') });
  assert.equal(res.status, 400);
  assert.match(res.html, /line 2, column 1: the id must stay &quot;beta&quot;/);
  assert.equal(readFileSync(BETA(), 'utf8'), before);
});

test('a text over --max-module-bytes is refused (413) with the text kept', async () => {
  const { base, csrf, text } = await open(author, 'beta');
  const before = readFileSync(BETA(), 'utf8');
  const typed = text + 'Long words. '.repeat(Math.ceil(MAX / 12));
  const res = await post(author, 'beta', { csrf, base, action: 'save', source: typed });
  assert.equal(res.status, 413);
  assert.match(res.html, /too long for one lesson/);
  assert.equal(textareaOf(res.html), typed);
  assert.equal(readFileSync(BETA(), 'utf8'), before);
  // Exactly at the limit is fine (the preview says so, and writes nothing).
  const fits = text + 'x'.repeat(MAX - Buffer.byteLength(text));
  assert.equal((await post(author, 'beta', { csrf, base, action: 'preview', source: fits })).status, 200);
});

test('a file over the limit does not open in the editor', async () => {
  const big = path.join(content, 'gamma.md');
  writeFileSync(big, '---\nid: gamma\ntitle: Gamma\nsummary: Big.\nlanguage: en\nminutes: 3\nlevels: [1]\n---\n\n' +
    'Words here.\n'.repeat(Math.ceil(MAX / 12)));
  await eventually(async () => (await fetch(srv.url + '/modules/gamma')).status === 200, 'gamma loaded');
  const res = await author.req('/author/edit/gamma');
  assert.equal(res.status, 413);
  assert.match(res.html, /larger than the editor takes \(4 KiB, set with --max-module-bytes\)/);
});

test('--max-module-bytes takes 1k to 1M', async () => {
  const r = await runCli(['serve', '--max-module-bytes', '2M', '--content', content]);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /--max-module-bytes: "2M" is not a number from 1024 to 1048576/);
});

test('preview writes nothing and shows the typed text, findings and the chosen level', async () => {
  const { base, csrf, text } = await open(author, 'alpha');
  const before = readFileSync(ALPHA(), 'utf8');
  const typed = text.replace('Deeper words for level two.', 'Previewed words for level two. [click here](/)');
  const res = await post(author, 'alpha', { csrf, base, action: 'preview', level: '2', source: typed });
  assert.equal(res.status, 200);
  assert.equal(readFileSync(ALPHA(), 'utf8'), before);
  assert.equal(textareaOf(res.html), typed);
  assert.equal(baseOf(res.html), base);   // the version opened, for the save that follows
  assert.match(res.html, /<h2>Preview: Intermediate level<\/h2>/);
  assert.match(res.html, /<div class="body preview" lang="en">[\s\S]*Previewed words for level two/);
  assert.match(res.html, /<option value="2" selected>Intermediate<\/option>/);
  // Style findings are warnings: shown, and they do not stop a save.
  assert.match(res.html, /<strong>Warning<\/strong>, line \d+, column \d+: link text &quot;click here&quot;/);
  assert.match(res.html, /found 0 errors and 1 warning/);
  assert.match(res.html, /<p class="plain-verdict"><strong>Plain language:<\/strong> B1 ok: /);
  // The verdict is of the text as typed: one long sentence makes the level harder than B1.
  const long = 'When you work on the floor you always keep the safety rules in mind and you look '
    + 'around you and you tell your mentor about every risk that you see during the whole day.';
  const hard = await post(author, 'alpha', { csrf, base, action: 'preview', level: '2',
    source: text.replace('Deeper words for level two.', long) });
  assert.match(hard.html, /<strong>Plain language:<\/strong> Harder than B1: a sentence of \d+ words/);

  const broken = await post(author, 'alpha', { csrf, base, action: 'preview', source: text.replace('::: level 1', '::: level 3') });
  assert.equal(broken.status, 200);
  assert.match(broken.html, /<strong>Error<\/strong>, line \d+/);
  assert.doesNotMatch(broken.html, /<h2>Preview/);
  assert.equal(readFileSync(ALPHA(), 'utf8'), before);
});

test('only authors: anonymous goes to sign-in, a mentee gets 403, a POST needs the CSRF token', async () => {
  const anon = await fetch(srv.url + '/author/edit/beta', { redirect: 'manual' });
  assert.equal(anon.status, 303);
  assert.match(anon.headers.get('location'), /^\/login\?next=/);
  const anonPost = await fetch(srv.url + '/author/edit/beta', { method: 'POST', redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'action=save&source=x' });
  assert.equal(anonPost.status, 303);
  assert.match(anonPost.headers.get('location'), /^\/login/);

  const mentee = await signIn('max');
  assert.equal((await mentee.req('/author/edit/beta')).status, 403);
  const before = readFileSync(BETA(), 'utf8');
  const csrf = csrfOf((await mentee.req('/plan')).html);
  const denied = await post(mentee, 'beta', { csrf, base: sha256(before), action: 'save', source: before + 'x\n' });
  assert.equal(denied.status, 403);

  const { base, text } = await open(author, 'beta');
  const noCsrf = await post(author, 'beta', { base, action: 'save', source: text + 'Sneaky.\n' });
  assert.equal(noCsrf.status, 403);
  const wrongCsrf = await post(author, 'beta', { csrf: 'x'.repeat(43), base, action: 'save', source: text + 'Sneaky.\n' });
  assert.equal(wrongCsrf.status, 403);
  assert.equal(readFileSync(BETA(), 'utf8'), before);
  assert.equal((await author.req('/author/edit/beta', { method: 'DELETE' })).status, 405);
});

// Snippets that `stepwise check` calls errors, each put into level 2 of alpha.
const CHECK_ERRORS = {
  'raw HTML': '<div class="x">Raw block</div>\n\nSome <b>inline</b> HTML.',
  'a picture without alt text': '![](photo.jpg)',
  'a picture outside the module folder': '![A box](../beta.md)',
  'a missing picture': '![A box on the floor](missing.jpg)',
  'a video without its captions file': '```video\nsrc: clip.mp4\ncaptions: nope.vtt\ntitle: Another clip\n```',
  'a link to a missing file': 'Read [the lifting form](form.pdf).',
};

// The errors `stepwise check --json` finds in text as alpha/index.md (in a copy of its folder).
async function checkErrors(text) {
  const folder = path.join(dir, `check-${Math.random().toString(36).slice(2)}`, 'alpha');
  cpSync(path.join(content, 'alpha'), folder, { recursive: true });
  writeFileSync(path.join(folder, 'index.md'), text);
  const r = await runCli(['check', '--json', folder]);
  const report = JSON.parse(r.stdout);
  rmSync(path.dirname(folder), { recursive: true, force: true });
  return report.diagnostics.filter((d) => d.severity === 'error');
}

test('the editor refuses every text that stepwise check calls an error, with the same errors', async () => {
  writeFileSync(path.join(content, 'alpha', 'photo.jpg'), 'not really a jpeg');
  const { text } = await open(author, 'alpha');
  const before = readFileSync(ALPHA(), 'utf8');
  const cases = Object.entries(CHECK_ERRORS);
  cases.push(['all of them', Object.values(CHECK_ERRORS).join('\n\n')]);
  for (const [what, snippet] of cases) {
    const typed = text.replace('Deeper words for level two.', `Deeper words for level two.\n\n${snippet}`);
    const errors = await checkErrors(typed);
    assert.ok(errors.length > 0, `stepwise check finds no error in ${what}`);
    const { base, csrf } = await open(author, 'alpha');
    const res = await post(author, 'alpha', { csrf, base, action: 'save', source: typed });
    assert.equal(res.status, 400, `${what} was saved: ${errors.map((e) => e.message).join('; ')}`);
    assert.match(res.html, /This text has errors \(see the check findings\), so it was not saved/);
    const found = /The check found (\d+) errors? and/.exec(res.html);
    assert.equal(Number(found?.[1]), errors.length, `${what}: the editor and check count other errors`);
    for (const e of errors) {
      const shown = `<strong>Error</strong>, line ${e.line}, column ${e.column}: `;
      assert.ok(res.html.includes(shown), `${what}: the editor does not show check's error at line ${e.line}: ${e.message}`);
    }
    assert.equal(textareaOf(res.html), typed);
    assert.equal(readFileSync(ALPHA(), 'utf8'), before);
  }
});
