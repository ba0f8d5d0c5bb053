// author_edit.test.mjs: the browser editor in a real browser at phone size (360x740): an author
// signs in, opens a lesson's file, edits it, previews it (nothing written), saves it (the file
// and the lesson change), and meets the conflict page when the file changed on disk meanwhile.
// axe-core finds no violation (light and dark) on the editor, the preview and the conflict page;
// they reflow at 320 px, have 44 px targets and one h1.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { ROOT, startServer } from '../lib/server.mjs';
import { addUser } from '../lib/session.mjs';
import { PHONE, SHOTS, checkPage, launch, newContext } from './lib.mjs';

let dir, content, server, browser, page;
const file = () => path.join(content, 'alpha/index.md');

before(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'stepwise-bedit-'));
  content = path.join(dir, 'content');
  cpSync(path.join(ROOT, 'tests/data/site'), content, { recursive: true });
  const db = path.join(dir, 'edit.db');
  await addUser(db, 'ada', 'Ada Author', 'ada-author-password', ['author']);
  server = await startServer({ content, db });
  browser = await launch();
  const context = await newContext(browser, { viewport: PHONE, baseURL: server.url });
  page = await context.newPage();
  await page.goto('/login');
  await page.getByLabel('Login name').fill('ada');
  await page.getByLabel('Password').fill('ada-author-password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForLoadState('load');
});

after(async () => {
  await browser?.close();
  await server?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test('an author edits, previews and saves a lesson', async () => {
  await page.goto('/author/edit/alpha');
  await checkPage(page, 'the editor');
  const area = page.getByLabel('The module file: front matter and Markdown');
  assert.equal(await area.inputValue(), readFileSync(file(), 'utf8'));
  const box = await area.boundingBox();
  assert.ok(box.width >= PHONE.width - 48 && box.height >= 300, `text area ${JSON.stringify(box)}`);
  assert.match(await area.evaluate((el) => getComputedStyle(el).fontFamily), /mono/i);

  const before = readFileSync(file(), 'utf8');
  await area.fill(before.replace('This text shows at every level.', 'Typed on a tablet.'));
  await page.getByLabel('Level to preview').selectOption('2');
  await page.getByRole('button', { name: 'Preview' }).click();
  await page.waitForLoadState('load');
  assert.equal(readFileSync(file(), 'utf8'), before);     // a preview writes nothing
  assert.match(await page.locator('.preview').innerText(), /Typed on a tablet\.[\s\S]*Deeper words for level two/);
  assert.match(await page.locator('#edit-findings').innerText(), /found no problems/);
  await checkPage(page, 'the preview');
  await page.screenshot({ path: path.join(SHOTS, 'author-edit-preview.png'), fullPage: true });

  await page.getByRole('button', { name: 'Save' }).click();
  await page.waitForURL(/\/author\/edit\/alpha\?saved=1$/);
  assert.match(await page.getByRole('status').innerText(), /Saved\./);
  assert.match(readFileSync(file(), 'utf8'), /Typed on a tablet\./);
  await checkPage(page, 'the editor after a save');
});

test('a save after the file changed on disk shows the conflict and keeps the text', async () => {
  await page.goto('/author/edit/alpha');
  const outside = readFileSync(file(), 'utf8').replace('Basic words for level one.', 'Changed by a colleague.');
  writeFileSync(file(), outside);
  const area = page.getByLabel('The module file: front matter and Markdown');
  const typed = (await area.inputValue()).replace('Typed on a tablet.', 'My own change.');
  await area.fill(typed);
  await page.getByRole('button', { name: 'Save' }).click();
  await page.waitForLoadState('load');
  assert.match(await page.getByRole('alert').innerText(), /changed on disk after you opened it[\s\S]*not saved/);
  assert.equal(await area.inputValue(), typed);
  assert.equal(await area.getAttribute('aria-invalid'), 'true');
  assert.equal(await page.getByLabel('The file as it is now (read only)').inputValue(), outside);
  assert.equal(readFileSync(file(), 'utf8'), outside);
  await checkPage(page, 'the conflict page');
  await page.screenshot({ path: path.join(SHOTS, 'author-edit-conflict.png'), fullPage: true });
});
