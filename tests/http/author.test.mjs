// author.test.mjs: the author preview over real HTTP, on a copy of the sample modules plus two
// fixtures (a module with a long sentence, a video without captions and a picture without alt
// text; a file that does not load): an author sees every level of every module with the same
// verdicts as `stepwise check --json`, the broken file with its errors, and one level with its
// report, the long sentence marked and the missing caption and alt text flagged where they
// occur; the pages are private; a mentee and an admin without the author role get 403, nobody
// signed in is sent to /login; unknown modules and levels are 404.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT, runCli, startServer } from '../lib/server.mjs';
import { Client, addUser } from '../lib/session.mjs';

const PW = { author: 'author-secret-1', mentee: 'mentee-secret-1', admin: 'admin-secret-1' };
const LONG = 'When you lift a box in the warehouse you always keep it close to your body and you '
  + 'bend your knees and you never twist your back while you hold the box.';
let dir, content, srv, check;

const FIXTURE = `---
id: problems
title: A module with problems
summary: Long sentences and missing captions.
language: en
minutes: 5
levels: [1, 2]
---

## Lifting

Short one. ${LONG.replace('body', '*body*')}

::: level 2
Look at this.

![](box.png)

\`\`\`video
src: clip.mp4
title: A clip without captions
\`\`\`
:::
`;

before(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'stepwise-author-'));
  content = path.join(dir, 'content');
  cpSync(path.join(ROOT, 'modules'), content, { recursive: true });
  mkdirSync(path.join(content, 'problems'));
  writeFileSync(path.join(content, 'problems', 'index.md'), FIXTURE);
  writeFileSync(path.join(content, 'problems', 'clip.mp4'), 'not really a video');
  writeFileSync(path.join(content, 'problems', 'box.png'), 'not really a picture');
  writeFileSync(path.join(content, 'broken.md'), '---\nid: broken\ntitle: Broken\n---\nNo summary.\n');
  const db = path.join(dir, 'author.db');
  await addUser(db, 'author', 'Aut Author', PW.author, ['author']);
  await addUser(db, 'mentee', 'Mia Mentee', PW.mentee);
  await addUser(db, 'admin', 'Ada Admin', PW.admin, ['admin']);
  check = JSON.parse((await runCli(['check', '--json', content])).stdout);
  srv = await startServer({ db, content });
});

after(async () => {
  await srv?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function signedIn(login) {
  const c = new Client(srv.url);
  const res = await c.signIn(login, PW[login]);
  assert.equal(res.status, 303, `sign-in of ${login}: ${res.html}`);
  return c;
}

function escapeRe(s) {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

test('nobody signed in is sent to /login', async () => {
  const c = new Client(srv.url);
  for (const p of ['/author', '/author/modules/safe-lifting?level=2']) {
    const res = await c.req(p);
    assert.equal(res.status, 303, p);
    assert.equal(res.headers.get('location'), `/login?next=${encodeURIComponent(p.split('?')[0])}`);
  }
});

test('a mentee and an admin without the author role get a friendly 403', async () => {
  for (const login of ['mentee', 'admin']) {
    const c = await signedIn(login);
    for (const p of ['/author', '/author/modules/safe-lifting']) {
      const res = await c.req(p);
      assert.equal(res.status, 403, `${login} ${p}`);
      assert.match(res.html, /<h1>Not allowed<\/h1>/);
      assert.match(res.html, /ask an admin/);
      assert.doesNotMatch(res.html, /Sentences over/);
    }
    // the header links to the author pages only for authors
    assert.doesNotMatch((await c.req('/')).html, /href="\/author"/);
  }
});

test('the author sees every level of every module with the verdicts of stepwise check', async () => {
  const c = await signedIn('author');
  const res = await c.req('/author');
  assert.equal(res.status, 200);
  assert.equal(res.headers.get('cache-control'), 'private, no-store');
  assert.match(res.html, /<li><a href="\/author">Author<\/a><\/li>/);
  assert.match(res.html, /<h1>Author preview<\/h1>/);
  assert.equal(check.readability.length, 8);     // seven samples (two in Dutch) and the fixture
  for (const m of check.readability) {
    assert.match(res.html, new RegExp(`href="/author/edit/${m.id}">Edit`), m.id);
    for (const l of m.levels) {
      const verdict = l.verdict === 'B1 ok' ? 'B1 ok' : 'Harder than B1';
      const row = new RegExp(`href="/author/modules/${m.id}\\?level=${l.level}"><span class="level-name">`
        + `[A-Za-z]+</span> <span class="verdict [a-z]+"><span aria-hidden="true">[^<]+</span>${verdict}</span>`);
      assert.match(res.html, row, `${m.id} level ${l.level}`);
    }
  }
  const samples = check.readability.filter((m) => m.id !== 'problems');
  const levels = samples.reduce((n, m) => n + m.levels.length, 0);
  assert.ok(levels >= 10);
  const ok = res.html.match(/level=\d"><span class="level-name">[A-Za-z]+<\/span> <span class="verdict ok">/g);
  assert.equal(ok.length, levels);   // every sample level is B1 ok, the fixture's are not
  // the fixture's counts: level 2 has the missing caption and alt text (errors) and the warning
  assert.match(res.html, /problems\?level=2">.*?<\/a><span class="level-counts"><span class="tally has-errors">2 errors<\/span>, <span class="tally has-warnings">1 warning<\/span>/);
  assert.match(res.html, /problems\?level=1">.*?<\/a><span class="level-counts"><span class="tally">0 errors<\/span>, <span class="tally has-warnings">1 warning<\/span>/);
});

test('a file that does not load is listed with its errors', async () => {
  const c = await signedIn('author');
  const { html } = await c.req('/author');
  const section = html.slice(html.indexOf('<h2 id="not-loaded">'));
  assert.match(section, /<h2 id="not-loaded">Files that do not load<\/h2>/);
  assert.match(section, /<h3><code>broken\.md<\/code><\/h3>/);
  assert.match(section, /<strong class="severity">Error<\/strong> <span class="where">line 1, column 1<\/span>: the front matter has no &quot;summary&quot;/);
  assert.doesNotMatch(html, /href="\/author\/modules\/broken/);
});

test('a level shows its report on top and the long sentence marked in the text', async () => {
  const c = await signedIn('author');
  const res = await c.req('/author/modules/problems?level=1');
  assert.equal(res.status, 200);
  assert.equal(res.headers.get('cache-control'), 'private, no-store');
  const { html } = res;
  assert.match(html, /<h1 lang="en">A module with problems<\/h1>/);
  assert.match(html, /<a class="button" href="\/author\/edit\/problems">Edit<span class="visually-hidden"> A module with problems<\/span><\/a>/);
  // the report comes before the lesson
  assert.ok(html.indexOf('Check of the Basic level') < html.indexOf('The lesson at the Basic level'));
  assert.match(html, /<span class="verdict hard">.*?Harder than B1<\/span>: a sentence of 32 words \(at most 25\)\. /);
  assert.match(html, /<dt>Sentences<\/dt><dd>3<\/dd>/);
  assert.match(html, new RegExp(`<a href="#sentence-(\\d+)">Line 12, 32 words</a>: <q>${escapeRe(LONG)}</q>`));
  const id = /<a href="#sentence-(\d+)">Line 12/.exec(html)[1];
  // marked in the text: a label in words, then the sentence in <mark>s around the emphasis
  assert.match(html, new RegExp(`<p>Short one\\. <span class="long-label" id="sentence-${id}">Long sentence: 32 words</span> `
    + '<mark class="long">When you lift a box in the warehouse you always keep it close to your </mark>'
    + '<em><mark class="long">body</mark></em><mark class="long"> and you bend your knees and you never twist '
    + 'your back while you hold the box\\.</mark></p>'));
  assert.match(html, /<strong class="severity">Warning<\/strong> <span class="where">line 12, column 12<\/span>: level 1 is harder than B1/);
  assert.doesNotMatch(html, /has no captions/);   // the video is at level 2 only
});

test('missing captions and alt text are flagged where they occur, and in the findings', async () => {
  const c = await signedIn('author');
  const { html } = await c.req('/author/modules/problems?level=2');
  assert.match(html, /<strong class="severity">Error<\/strong> <span class="where">line 19, column 1<\/span>: video &quot;clip\.mp4&quot; has no captions/);
  assert.match(html, /<strong class="severity">Error<\/strong> <span class="where">line 17, column 1<\/span>: image &quot;box\.png&quot; has no alt text/);
  const lesson = html.slice(html.indexOf('The lesson at the Intermediate level'));
  assert.match(lesson, /<img src="\/modules\/problems\/media\/box\.png" alt="" loading="lazy"><span class="warning" role="note">This picture has no description yet\.<\/span>/);
  assert.match(lesson, /<figcaption>A clip without captions<\/figcaption>[\s\S]*<p class="warning" role="note">This video has no captions yet/);
  assert.match(lesson, /<mark class="long">/);
});

test('level tabs: every level offered, the one shown is the current page', async () => {
  const c = await signedIn('author');
  const { html } = await c.req('/author/modules/safe-lifting?level=2');
  const tabs = /<nav class="levels author-tabs" aria-label="Level">(.*?)<\/nav>/.exec(html)[1];
  assert.deepEqual([...tabs.matchAll(/href="([^"]+)"/g)].map((m) => m[1]),
    ['/author/modules/safe-lifting?level=1', '/author/modules/safe-lifting?level=2',
      '/author/modules/safe-lifting?level=3']);
  assert.match(tabs, /level=2" aria-current="page"><span class="tab-name">Intermediate<\/span>/);
  assert.equal((tabs.match(/aria-current/g) || []).length, 1);
  assert.match(html, /Check of the Intermediate level/);
  assert.match(html, /<span class="verdict ok">.*?B1 ok<\/span>\. <span class="tally">0 errors<\/span>/);
  assert.match(html, /No errors or warnings at this level\./);
  // no ?level: the lowest
  assert.match((await c.req('/author/modules/safe-lifting')).html, /Check of the Basic level/);
});

test('unknown modules and levels are 404; other methods 405', async () => {
  const c = await signedIn('author');
  const cases = [['/author/modules/nope', /Module not found/], ['/author/modules/problems?level=3', /Level not found/],
    ['/author/modules/problems?level=x', /Level not found/], ['/author/modules/problems/more', /Module not found/],
    ['/author/modules/broken', /Module not found/]];
  for (const [p, title] of cases) {
    const res = await c.req(p);
    assert.equal(res.status, 404, p);
    assert.match(res.html, title, p);
  }
  assert.equal((await c.req('/author', { method: 'POST', body: '' })).status, 405);
});

test('the preview shows a file saved a moment ago, before live reload has run', async () => {
  const c = await signedIn('author');
  const file = path.join(content, 'problems', 'index.md');
  const before = readFileSync(file, 'utf8');
  try {
    const later = new Date(Date.now() + 5000);
    writeFileSync(file, before.replace('Short one.', 'A fresh short line.'));
    utimesSync(file, later, later);  // newer than what was loaded, whatever the clock's grain
    const { status, html } = await c.req('/author/modules/problems?level=1');
    assert.equal(status, 200);
    assert.match(html, /A fresh short line\./);
  } finally {
    writeFileSync(file, before);
    const latest = new Date(Date.now() + 10000);
    utimesSync(file, latest, latest);
  }
});
