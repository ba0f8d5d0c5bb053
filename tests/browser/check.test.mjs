// check.test.mjs: the knowledge check in a real browser at phone size (360x740): a signed-in
// learner answers the questions of a lesson with taps and typing (no script of the page's own
// is needed), sees the feedback of a failed check, tries again and passes. axe-core finds no
// violation (light and dark) on the question state, the failed and the passed feedback state;
// every target is at least 44 px, the pages reflow at 320 px and have one h1.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { ROOT, startServer } from '../lib/server.mjs';
import { addUser } from '../lib/session.mjs';
import { SHOTS, checkPage, launch, signIn } from './lib.mjs';

const PASSWORD = 'browser-check-password';
let dir, server, browser;

before(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'stepwise-bcheck-'));
  const db = path.join(dir, 'check.db');
  await addUser(db, 'sam', 'Sam Learner', PASSWORD);
  server = await startServer({ db, content: path.join(ROOT, 'tests/data/modules/quiz') });
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function answer(page, { bend, heavy, check, count }) {
  await page.getByRole('group', { name: /What do you bend/ }).getByLabel(bend).check();
  await page.getByRole('group', { name: /30 kg alone/ }).getByLabel(heavy).check();
  for (const label of check) await page.getByRole('group', { name: /check before you lift/ }).getByLabel(label).check();
  await page.getByRole('group', { name: /How many people/ }).getByLabel('Your answer').fill(count);
  await page.getByRole('button', { name: 'Check my answers' }).click();
  await page.waitForLoadState('load');
}

test('questions, a failed check, a retry and a pass, each without axe violations', async () => {
  const page = await signIn(browser, server.url, 'sam', PASSWORD);
  await page.goto('/modules/lifting-check');
  assert.equal(await page.locator('fieldset.question').count(), 4);
  await page.getByText('Show a hint').click();
  assert.ok(await page.getByText('Think of how you sit down on a low chair.').isVisible());
  await checkPage(page, 'the questions');
  await page.screenshot({ path: path.join(SHOTS, 'check-questions.png'), fullPage: true });

  await answer(page, { bend: 'Your back', heavy: 'True', check: ['The weight of the box'], count: 'three' });
  assert.match(page.url(), /\/modules\/lifting-check\/check\?level=1$/);
  const status = page.getByRole('status');
  assert.match(await status.innerText(), /Not passed yet\.\s+You got 0 of the 4 questions right\. To pass, you need 3\./);
  assert.match(await page.locator('main').innerText(), /No\. A round back gets hurt\./);
  await checkPage(page, 'the feedback of a failed check');
  await page.screenshot({ path: path.join(SHOTS, 'check-failed.png'), fullPage: true });

  await page.getByRole('link', { name: 'Try again' }).click();
  await page.waitForURL(/\/modules\/lifting-check\?level=1#check$/);
  await answer(page, { bend: 'Your knees', heavy: 'False', check: ['The weight of the box', 'The way to walk'], count: 'Two' });
  assert.match(await page.getByRole('status').innerText(), /You passed the check\.\s+You got 4 of the 4 questions right\./);
  await checkPage(page, 'the feedback of a passed check');
  await page.screenshot({ path: path.join(SHOTS, 'check-passed.png'), fullPage: true });
  await page.context().close();
});

test('a visitor who is not signed in sees the questions and is asked to sign in', async () => {
  const context = await browser.newContext({ viewport: { width: 360, height: 740 }, baseURL: server.url });
  const page = await context.newPage();
  await page.goto('/modules/lifting-check?level=2');
  assert.match(await page.locator('form#check').innerText(), /Sign in first, so that your answers and your score are kept\./);
  await checkPage(page, 'the questions for a visitor');
  await context.close();
});
