// i18n.test.mjs: the interface in Dutch on a 360x740 phone, in headless Chromium (whose browser
// language is English). The demo mentee Anna switches herself to Dutch on her own account page
// and walks "Mijn plan" to her next lesson; Sanne, who chose Dutch, gets the Dutch path and a
// Dutch lesson from the start; someone not signed in switches with the link in the header. Every
// Dutch page has zero axe-core violations (light and dark), 44 px targets and no sideways scroll.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runCli, startServer } from '../lib/server.mjs';
import { PHONE, SHOTS, checkPage, launch, newContext, signIn } from './lib.mjs';

const PUBLIC = 'http://stepwise.test';
let dir, db, server, browser;

before(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'stepwise-bi18n-'));
  db = path.join(dir, 'i18n.db');
  const seeded = await runCli(['seed-demo', '--db', db, '--public-url', PUBLIC]);
  assert.equal(seeded.code, 0, seeded.stderr);
  assert.match(seeded.stdout, /demo\.sanne +password demo-sanne-2026/);
  server = await startServer({ db, args: ['--public-url', PUBLIC] });
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function openMenu(page) {
  await page.locator('header.site summary').click();
}

test('a signed-in mentee switches to Dutch on the phone and walks Mijn plan to a lesson', async () => {
  const page = await signIn(browser, server.url, 'demo.anna', 'demo-anna-2026');
  assert.equal(await page.locator('html').getAttribute('lang'), 'en');
  await openMenu(page);
  await page.getByRole('link', { name: 'My account and language' }).click();
  await page.waitForURL(/\/account$/);
  await checkPage(page, 'my account (English)');
  await page.getByLabel('Nederlands').check();
  await page.getByRole('button', { name: 'Save my language' }).click();
  await page.waitForURL(/\/account\?saved=1$/);
  assert.equal(await page.locator('html').getAttribute('lang'), 'nl');
  assert.equal(await page.locator('h1').innerText(), 'Mijn account');
  assert.match(await page.getByRole('status').innerText(), /Je taal is opgeslagen\./);
  assert.ok(await page.getByLabel('Nederlands').isChecked());
  await checkPage(page, 'mijn account');
  await page.screenshot({ path: path.join(SHOTS, 'mijn-account.png'), fullPage: true });

  await openMenu(page);
  await page.getByRole('link', { name: 'Mijn plan' }).click();
  await page.waitForURL(/\/plan$/);
  assert.equal(await page.locator('html').getAttribute('lang'), 'nl');
  await checkPage(page, 'mijn plan');
  await page.screenshot({ path: path.join(SHOTS, 'mijn-plan.png'), fullPage: true });
  await page.locator('section.next button.big').click();      // the next step: a lesson
  await page.waitForURL(/\/modules\/machine-changeover\?level=2$/);
  assert.equal(await page.locator('html').getAttribute('lang'), 'nl');
  // An English lesson on a Dutch page: the lesson says it is English, the interface is Dutch.
  assert.equal(await page.locator('h1').getAttribute('lang'), 'en');
  assert.equal(await page.locator('.body').getAttribute('lang'), 'en');
  assert.equal(await page.getByRole('link', { name: 'Terug naar alle lessen' }).count(), 1);
  assert.match(await page.locator('.facts').innerText(), /Tijd[\s\S]*minuten/);
  await checkPage(page, 'an English lesson on a Dutch page');
  await page.screenshot({ path: path.join(SHOTS, 'les-engels.png'), fullPage: true });

  // Log out on the shared tablet: the next person gets their own language, not Anna's.
  await openMenu(page);
  await page.getByRole('button', { name: 'Uitloggen / andere gebruiker' }).click();
  await page.waitForURL(/\/login\?signed_out=1$/);
  assert.equal(await page.locator('html').getAttribute('lang'), 'en');
  await page.context().close();
});

test('Sanne chose Dutch: her plan and a Dutch lesson, with Dutch captions', async () => {
  const page = await signIn(browser, server.url, 'demo.sanne', 'demo-sanne-2026');
  await page.waitForURL(/\/plan$/);
  assert.equal(await page.locator('html').getAttribute('lang'), 'nl');
  assert.match(await page.locator('main').innerText(), /Zelf veilig werken in het magazijn/);
  await checkPage(page, 'Sanne\'s plan');
  await page.locator('section.next button.big').click();
  await page.waitForURL(/\/modules\/veilig-tillen\?level=1$/);
  assert.equal(await page.locator('h1').innerText(), 'Veilig tillen');
  assert.equal(await page.locator('h1').getAttribute('lang'), null);   // Dutch on a Dutch page
  assert.equal(await page.locator('track').getAttribute('srclang'), 'nl');
  assert.equal(await page.getByRole('button', { name: 'Controleer mijn antwoorden' }).count(), 1);
  await checkPage(page, 'a Dutch lesson');
  await page.screenshot({ path: path.join(SHOTS, 'les-nederlands.png'), fullPage: true });
  await page.context().close();
});

test('someone not signed in switches to Dutch with the link in the header', async () => {
  const context = await newContext(browser, { viewport: PHONE, baseURL: server.url });
  const page = await context.newPage();
  await page.goto('/');
  assert.equal(await page.locator('html').getAttribute('lang'), 'en');
  await page.getByRole('link', { name: 'Nederlands' }).click();
  await page.waitForURL(/\?lang=nl$/);
  assert.equal(await page.locator('html').getAttribute('lang'), 'nl');
  assert.equal(await page.locator('h1').innerText(), 'Lessen');
  await checkPage(page, 'de lessen');
  await page.getByRole('link', { name: 'Inloggen' }).click();
  await page.waitForURL(/\/login$/);
  assert.equal(await page.locator('html').getAttribute('lang'), 'nl');   // the cookie keeps it
  assert.equal(await page.locator('h1').innerText(), 'Inloggen');
  await checkPage(page, 'inloggen');
  await page.getByRole('link', { name: 'English' }).click();
  assert.equal(await page.locator('h1').innerText(), 'Sign in');
  await context.close();
});
