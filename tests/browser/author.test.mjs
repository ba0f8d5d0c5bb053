// author.test.mjs: the author preview in a real browser at phone size (360x740): the demo author
// of `stepwise seed-demo` signs in, follows the header's "Author" link to the list, opens a
// module with a long sentence and a video without captions, jumps from the report to the marked
// sentence and switches level with the level tabs. axe-core finds no violation (light and dark)
// on each page; they reflow at 320 px, have 44 px targets and one h1; marks are not colour only.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { ROOT, runCli, startServer } from '../lib/server.mjs';
import { PHONE, SHOTS, checkPage, launch, signIn } from './lib.mjs';

const PUBLIC = 'http://stepwise.test';
let dir, server, browser;

const FIXTURE = `---
id: problems
title: A module with problems
summary: Long sentences and missing captions.
language: en
minutes: 5
levels: [1, 2]
---

## Lifting

Short one. When you lift a box in the warehouse you always keep it close to your *body* and you
bend your knees and you never twist your back while you hold the [box](/modules/safe-lifting).

::: level 2
\`\`\`video
src: clip.mp4
title: A clip without captions
\`\`\`
:::
`;

before(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'stepwise-bauthor-'));
  const content = path.join(dir, 'content');
  cpSync(path.join(ROOT, 'modules'), content, { recursive: true });
  mkdirSync(path.join(content, 'problems'));
  writeFileSync(path.join(content, 'problems', 'index.md'), FIXTURE);
  writeFileSync(path.join(content, 'problems', 'clip.mp4'), 'not really a video');
  writeFileSync(path.join(content, 'broken.md'), '---\nid: broken\n---\n');
  const db = path.join(dir, 'author.db');
  const seeded = await runCli(['seed-demo', '--db', db, '--public-url', PUBLIC]);
  assert.equal(seeded.code, 0, seeded.stderr);
  assert.match(seeded.stdout, /demo\.author +password demo-author-2026 +author/);
  server = await startServer({ db, content, args: ['--public-url', PUBLIC] });
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test('the demo author opens the list from the header and sees every module and broken file', async () => {
  const page = await signIn(browser, server.url, 'demo.author', 'demo-author-2026');
  await page.goto('/');
  await page.locator('header.site summary').click();     // the menu
  await page.getByRole('link', { name: 'Author', exact: true }).click();
  await page.waitForURL(/\/author$/);
  assert.equal(await page.locator('h1').innerText(), 'Author preview');
  await checkPage(page, 'the author list');
  await page.screenshot({ path: path.join(SHOTS, 'author-list.png'), fullPage: true });
  assert.equal(await page.locator('.author-module').count(), 8);   // seven samples and the one with problems
  const problems = page.locator('.author-module', { hasText: 'A module with problems' });
  assert.match(await problems.innerText(), /Basic\s+\S*\s*Harder than B1/);
  assert.match(await page.locator('.not-loaded').innerText(), /broken\.md[\s\S]*Error line 1, column 1: the front matter has no "title"/);
  await page.context().close();
});

test('the preview marks the long sentence, flags the missing captions and switches level', async () => {
  const page = await signIn(browser, server.url, 'demo.author', 'demo-author-2026');
  await page.goto('/author');
  await page.locator('.author-module', { hasText: 'A module with problems' })
    .getByRole('link', { name: /Basic/ }).click();
  await page.waitForURL(/\/author\/modules\/problems\?level=1$/);
  await checkPage(page, 'the preview at level 1');
  await page.screenshot({ path: path.join(SHOTS, 'author-preview.png'), fullPage: true });
  // the report is on top, the lesson below it
  const report = await page.locator('.author-report').boundingBox();
  const lesson = await page.locator('.author-lesson').boundingBox();
  assert.ok(report.y < lesson.y);
  // the mark says it in words too, and is underlined, not only coloured
  const label = page.locator('.body .long-label');
  assert.equal(await label.innerText(), 'Long sentence: 32 words');
  const marks = page.locator('.body mark.long');
  assert.equal(await marks.count(), 5);     // around the emphasis and the link
  assert.match(await marks.first().evaluate((el) => getComputedStyle(el).textDecorationLine), /underline/);
  // the report links to the mark
  await page.locator('.author-report').getByRole('link', { name: 'Line 12, 32 words' }).first().click();
  assert.match(page.url(), /#sentence-\d+$/);
  assert.equal(await label.evaluate((el) => el.matches(':target')), true);
  assert.ok(await label.isVisible());

  await page.locator('nav.author-tabs').getByRole('link', { name: /Intermediate/ }).click();
  await page.waitForURL(/\/author\/modules\/problems\?level=2$/);
  assert.match(await page.locator('nav.author-tabs [aria-current="page"]').innerText(), /Intermediate/);
  assert.equal(await page.locator('h2#report-title').innerText(), 'Check of the Intermediate level');
  assert.match(await page.locator('.author-findings').innerText(), /Error line 16, column 1: video "clip\.mp4" has no captions/);
  assert.match(await page.locator('.body .warning').innerText(), /This video has no captions yet/);
  await checkPage(page, 'the preview at level 2');
  assert.equal(await page.getByRole('link', { name: /^Edit/ }).getAttribute('href'), '/author/edit/problems');
  await page.context().close();
});
