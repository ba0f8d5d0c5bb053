// pages.test.mjs: the learner pages in a real browser (Debian's Chromium driven by playwright-core)
// on the sample modules: axe-core finds no WCAG 2.2 A/AA or best-practice violation on the
// catalogue and on every level of every module; the pages reflow at 320 px, have 44 px touch
// targets, work without JavaScript, load nothing from outside, and screenshots are kept.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { BIN, startServer } from '../lib/server.mjs';
import { PHONE, SHOTS, axeViolations, formatViolations, launch, smallTargets, newContext } from './lib.mjs';

const MAX_PAGE_BYTES = 30 * 1024;   // HTML + CSS of a lesson page, for bad Wi-Fi

let server, browser, phone, noJs;
// Filled by the first test: every page to check, and what the sample modules contain.
const pages = [];           // { name, url, status }
const modules = [];         // { id, url, levels: [{ name, url }] }
let mediaPage;              // a lesson page with a video or podcast, for the screenshot
const media = { transcripts: 0, videos: 0 };

before(async () => {
  assert.ok(existsSync(BIN), `no server binary at ${BIN}: run make build/asan/stepwise`);
  server = await startServer();
  browser = await launch();
  phone = await newContext(browser, { viewport: PHONE });
  noJs = await newContext(browser, { viewport: PHONE, javaScriptEnabled: false });
});

after(async () => {
  await browser?.close();
  await server?.stop();     // fails on a non-zero exit (a leak or memory error under ASan)
});

async function open(context, url) {
  const page = await context.newPage();
  const outside = [];
  page.on('request', (req) => {
    if (!req.url().startsWith(server.url) && !req.url().startsWith('data:')) outside.push(req.url());
  });
  const res = await page.goto(url, { waitUntil: 'load' });
  page.outside = outside;
  page.status = res.status();
  return page;
}

// Transcripts start closed and open on a click; every video has WebVTT captions that load.
async function checkMedia(page, url) {
  for (const details of await page.locator('details.transcript').all()) {
    media.transcripts++;
    mediaPage ??= url;
    const text = details.locator(':scope > :not(summary)').first();
    assert.equal(await text.isVisible(), false, `the transcript on ${url} starts open`);
    await details.locator('summary').click();
    assert.equal(await details.evaluate((d) => d.open), true);
    assert.ok(await text.isVisible(), `the transcript on ${url} does not show`);
  }
  for (const video of await page.locator('video').all()) {
    media.videos++;
    mediaPage ??= url;
    const src = await video.locator('track[kind="captions"]').getAttribute('src');
    assert.ok(src, `a video without captions on ${url}`);
    const res = await fetch(new URL(src, url));
    assert.equal(res.status, 200, `captions ${src}`);
    assert.match(await res.text(), /^(\uFEFF)?WEBVTT/, `captions ${src} are not WebVTT`);
  }
}

async function scrollWidthAt320(page) {
  await page.setViewportSize({ width: 320, height: PHONE.height });
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  await page.setViewportSize(PHONE);
  return width;
}

test('discover the sample modules and their levels from the catalogue', async () => {
  const page = await open(phone, server.url + '/');
  assert.equal(page.status, 200);
  const hrefs = await page.$$eval('main a[href^="/modules/"]', (as) => as.map((a) => a.getAttribute('href')));
  assert.ok(hrefs.length >= 3, `the catalogue links only ${hrefs.length} modules`);
  const count = await page.textContent('.count');
  assert.match(count, new RegExp(`^${hrefs.length} modules?$`));
  await page.close();
  for (const href of hrefs) {
    const mod = await open(phone, server.url + href);
    assert.equal(mod.status, 200, href);
    const links = await mod.$$eval('nav.levels a', (as) => as.map((a) => ({ name: a.textContent.trim(), href: a.href })));
    const levels = links.length ? links.map((l) => ({ name: l.name, url: l.href }))
      : [{ name: 'only', url: server.url + href }];
    modules.push({ id: decodeURIComponent(href.split('/')[2]), url: server.url + href, levels });
    await mod.close();
  }
  pages.push({ name: 'catalogue', url: server.url + '/', status: 200 });
  pages.push({ name: 'catalogue, filtered to nothing', url: server.url + '/?skill=no-such-skill', status: 200 });
  pages.push({ name: 'error page', url: server.url + '/modules/no-such-module', status: 404 });
  for (const m of modules) for (const l of m.levels) pages.push({ name: `${m.id} (${l.name})`, url: l.url, status: 200 });
});

test('every page: axe finds no violation, reflows at 320 px, has 44 px targets, loads nothing outside, media work', async (t) => {
  assert.ok(pages.length > 3, 'discovery found no pages');
  for (const { name, url, status } of pages) {
    await t.test(name, async () => {
      const page = await open(phone, url);
      try {
        assert.equal(page.status, status, url);
        const violations = await axeViolations(page);
        assert.equal(violations.length, 0, `axe violations on ${url}:\n${formatViolations(violations)}`);
        assert.ok(await scrollWidthAt320(page) <= 320, `${url} scrolls sideways at 320 px`);
        const small = await smallTargets(page);
        assert.ok(small.length === 0, `targets under 44x44 px on ${url}:\n${small.join('\n')}`);
        assert.ok(page.outside.length === 0, `requests outside the server from ${url}:\n${page.outside.join('\n')}`);
        const lang = await page.getAttribute('html', 'lang');
        assert.match(lang, /^[a-z]{2,3}(-[A-Za-z0-9]+)*$/);
        assert.equal(await page.locator('h1').count(), 1);
        await checkMedia(page, url);
      } finally {
        await page.close();
      }
    });
  }
});

test('the skip link is the first thing to focus and has a thick visible focus ring', async () => {
  const page = await open(phone, modules[0].url);
  await page.keyboard.press('Tab');
  const focus = await page.evaluate(() => {
    const el = document.activeElement, s = getComputedStyle(el), r = el.getBoundingClientRect();
    return { cls: el.className, href: el.getAttribute('href'), outline: parseFloat(s.outlineWidth),
      style: s.outlineStyle, top: r.top, height: r.height };
  });
  assert.equal(focus.cls, 'skip');
  assert.equal(focus.href, '#main');
  assert.ok(focus.outline >= 3 && focus.style !== 'none', `focus ring ${focus.outline}px ${focus.style}`);
  assert.ok(focus.top >= 0 && focus.height >= 44, 'the focused skip link is on screen');
  await page.keyboard.press('Enter');
  await page.waitForURL(/#main$/);
  await page.close();
});

test('lesson pages stay under 30 KB of HTML and CSS', async () => {
  const css = await (await fetch(server.url + '/static/style.css')).arrayBuffer();
  for (const m of modules) {
    for (const l of m.levels) {
      const html = await (await fetch(l.url)).arrayBuffer();
      assert.ok(html.byteLength + css.byteLength < MAX_PAGE_BYTES,
        `${l.url}: ${html.byteLength} B HTML + ${css.byteLength} B CSS`);
    }
  }
});

test('the level switch works without JavaScript', async () => {
  const mod = modules.find((m) => m.levels.some((l) => l.name === 'Basic') && m.levels.some((l) => l.name === 'Intermediate'));
  assert.ok(mod, 'no sample module offers both Basic and Intermediate');
  const page = await open(noJs, mod.url + '?level=1');
  const before = await page.innerText('.body');
  await page.locator('nav.levels').getByRole('link', { name: 'Intermediate' }).click();
  await page.waitForURL(/[?&]level=2(&|$)/);
  await page.waitForLoadState('load');
  const current = page.locator('nav.levels a[aria-current="page"]');
  assert.equal(await current.count(), 1);
  assert.equal((await current.textContent()).trim(), 'Intermediate');
  assert.match(await page.innerText('main'), /reading the Intermediate level/);
  assert.notEqual(await page.innerText('.body'), before, 'the body is the same at Basic and Intermediate');
  await page.close();
});

test('the filter form works without JavaScript', async () => {
  const page = await open(noJs, server.url + '/');
  const total = await page.locator('.card').count();
  const skills = await page.$$eval('#f-skill option', (os) => os.map((o) => o.value).filter(Boolean));
  assert.ok(skills.length > 0, 'the skill filter offers no skills');
  const skill = skills[0];
  await page.selectOption('#f-skill', skill);
  await page.getByRole('button', { name: 'Show modules' }).click();
  await page.waitForURL((u) => new URL(u).searchParams.get('skill') === skill);
  await page.waitForLoadState('load');
  const cards = await page.$$eval('.card', (cs) => cs.map((c) => c.innerText));
  assert.ok(cards.length > 0 && cards.length <= total);
  for (const card of cards) assert.ok(card.includes(skill), `a card without the skill "${skill}":\n${card}`);
  assert.equal((await page.textContent('.count')).trim(), `${cards.length} module${cards.length === 1 ? '' : 's'}`);
  assert.equal(await page.inputValue('#f-skill'), skill, 'the chosen skill stays selected');

  await page.selectOption('#f-skill', '');
  await page.selectOption('#f-level', '3');
  await page.getByRole('button', { name: 'Show modules' }).click();
  await page.waitForURL((u) => new URL(u).searchParams.get('level') === '3');
  await page.waitForLoadState('load');
  for (const card of await page.$$eval('.card', (cs) => cs.map((c) => c.innerText))) {
    assert.match(card, /Advanced/, `a card without the Advanced level:\n${card}`);
  }
  await page.goto(server.url + '/?skill=no-such-skill');
  assert.equal((await page.textContent('.count')).trim(), '0 modules');
  assert.ok(await page.getByText('No modules match these filters.').isVisible());
  await page.close();
});

test('the samples have a podcast transcript and a captioned video (checked on every page above)', () => {
  assert.ok(media.transcripts > 0, 'no sample module has a podcast with a transcript');
  assert.ok(media.videos > 0, 'no sample module has a video');
});

// A module whose media files are missing: the page still shows, with warnings that are marked by
// an icon and a word, not by colour alone.
const BROKEN_MODULE = `---
id: broken-media
title: A module with missing media
summary: The media files of this module are missing.
language: en
minutes: 5
levels: [1]
---

## Watch

![](gone.png)

\`\`\`video
src: gone.mp4
captions: gone.en.vtt
title: A video that is not there
\`\`\`

\`\`\`audio
src: gone.mp3
transcript: gone.md
title: A podcast that is not there
\`\`\`
`;

test('warnings about missing media are visible, and not by colour alone', async () => {
  const content = mkdtempSync(path.join(os.tmpdir(), 'stepwise-broken-'));
  mkdirSync(path.join(content, 'broken-media'));
  writeFileSync(path.join(content, 'broken-media', 'index.md'), BROKEN_MODULE);
  const broken = await startServer({ content });
  const context = await newContext(browser, { viewport: PHONE, baseURL: broken.url });
  try {
    const page = await context.newPage();
    await page.goto('/modules/broken-media', { waitUntil: 'load' });
    const warnings = await page.$$eval('.warning', (ws) => ws.map((w) => {
      const s = getComputedStyle(w), before = getComputedStyle(w, '::before');
      return { text: w.textContent, icon: before.content, border: parseFloat(s.borderLeftWidth),
        visible: w.getBoundingClientRect().height > 0 };
    }));
    assert.ok(warnings.length >= 3, `only ${warnings.length} warnings on the page`);
    for (const w of warnings) {
      assert.ok(w.visible, `a hidden warning: ${w.text}`);
      assert.match(w.icon, /Warning/, `no icon text before the warning "${w.text}"`);
      assert.ok(w.border >= 4, `a thin border on the warning "${w.text}"`);
    }
    const violations = await axeViolations(page);
    assert.equal(violations.length, 0, `axe violations on a page with warnings:\n${formatViolations(violations)}`);
    await page.screenshot({ path: path.join(SHOTS, 'module-warnings.png'), fullPage: true });
  } finally {
    await context.close();
    await broken.stop();
    rmSync(content, { recursive: true, force: true });
  }
});

test('screenshots of the catalogue and a lesson on a phone, light and dark', async () => {
  const lesson = mediaPage || modules[0].url;
  for (const [file, url, scheme] of [['catalogue.png', server.url + '/', 'light'],
    ['catalogue-dark.png', server.url + '/', 'dark'], ['module.png', lesson, 'light'],
    ['module-dark.png', lesson, 'dark']]) {
    const page = await open(phone, url);
    await page.emulateMedia({ colorScheme: scheme });
    if (scheme === 'dark') {    // the light scheme was checked above
      const violations = await axeViolations(page);
      assert.equal(violations.length, 0, `axe violations in dark mode on ${url}:\n${formatViolations(violations)}`);
    }
    await page.screenshot({ path: path.join(SHOTS, file), fullPage: true });
    await page.close();
    assert.ok(existsSync(path.join(SHOTS, file)));
  }
});

test('the Content-Security-Policy is enforced: inline script and framing are blocked', async () => {
  const page = await open(phone, server.url + '/modules/safe-lifting');
  await assert.rejects(page.addScriptTag({ content: 'window.__inlineRan = true;' }));
  assert.equal(await page.evaluate(() => window.__inlineRan), undefined);
  const blocked = await page.evaluate(() => window.__cspViolations);
  assert.ok(blocked.some((v) => v.startsWith('script-src')), blocked.join('\n'));
  // The page that frames another site's page: the framed Stepwise page must not render in it.
  const framer = await phone.newPage();
  await framer.setContent(`<iframe src="${server.url}/plan"></iframe>`);
  const frame = framer.frames().find((f) => f !== framer.mainFrame());
  await new Promise((r) => setTimeout(r, 500));
  assert.ok(!frame || !(await frame.content().catch(() => '')).includes('Stepwise'), 'a Stepwise page rendered in a frame');
  await framer.close();
  await page.close();
});
