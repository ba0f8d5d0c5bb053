// accounts.test.mjs: the account pages in a real browser at phone size (360x740): sign in with a
// password, see your name and the log-out button in the header, log out; an admin adds a user and
// prints a login card. axe-core finds no violation on the sign-in page, the users page, a user's
// page and the card page (light and dark); they reflow at 320 px and have 44 px targets.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { startServer } from '../lib/server.mjs';
import { addUser } from '../lib/session.mjs';
import { PHONE, SHOTS, checkPage, launch, newContext } from './lib.mjs';

let dir, server, browser, phone, page;

before(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'stepwise-baccounts-'));
  const db = path.join(dir, 'accounts.db');
  await addUser(db, 'ada', 'Ada Admin', 'ada-password-1', ['admin']);
  server = await startServer({ db });
  browser = await launch();
  phone = await newContext(browser, { viewport: PHONE, baseURL: server.url });
  page = await phone.newPage();
});

after(async () => {
  await browser?.close();
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

test('sign in with a password, see your name and the log-out button, log out', async () => {
  await page.goto('/login');
  await checkPage(page, 'the sign-in page');
  await page.screenshot({ path: path.join(SHOTS, 'login.png'), fullPage: true });
  await page.getByLabel('Login name').fill('Ada');
  await page.getByLabel('Password').fill('wrong password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForLoadState('load');
  assert.match(await page.getByRole('alert').innerText(), /The login name or the password is not right/);
  await checkPage(page, 'the sign-in page with an error');
  assert.equal(await page.getByLabel('Login name').inputValue(), 'ada');   // kept, so only the password is typed again

  await page.getByLabel('Password').fill('ada-password-1');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(server.url + '/admin');    // an admin lands on the admin home
  const header = page.locator('header.site');
  assert.match(await header.innerText(), /Ada Admin/);
  // the signed-in header is one row at 360 px: the brand and the menu with the name
  const closed = await header.boundingBox();
  assert.ok(closed.height <= 64, `header ${closed.height} px high`);
  const logout = header.getByRole('button', { name: 'Log out / switch user' });
  assert.equal(await logout.isVisible(), false);
  await header.locator('summary').click();
  assert.ok(await logout.isVisible());
  const box = await logout.boundingBox();
  assert.ok(box.height >= 44 && box.x + box.width <= PHONE.width, `log-out button ${JSON.stringify(box)}`);
  await checkPage(page, 'the admin home with the menu open');
  await page.screenshot({ path: path.join(SHOTS, 'signed-in.png') });

  await logout.click();
  await page.waitForURL(/\/login\?signed_out=1$/);
  assert.match(await page.getByRole('status').innerText(), /You are signed out/);
  assert.ok(await page.locator('header.site').getByRole('link', { name: 'Sign in' }).isVisible());
  assert.equal((await phone.cookies()).some((c) => c.name === 'stepwise_session'), false);
});

test('an admin adds a user and prints a login card', async () => {
  await page.goto('/admin/users');
  await page.waitForURL(/\/login\?next=/);       // signed out by the test above
  await page.getByLabel('Login name').fill('ada');
  await page.getByLabel('Password').fill('ada-password-1');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(server.url + '/admin/users');
  await checkPage(page, 'the users page');
  await page.screenshot({ path: path.join(SHOTS, 'admin-users.png'), fullPage: true });

  await page.getByLabel('Name', { exact: true }).fill('Mia Mentee');
  await page.getByLabel('Login name').fill('mia');
  await page.getByRole('button', { name: 'Add user' }).click();
  await page.waitForLoadState('load');
  assert.equal(await page.locator('h1').innerText(), 'Mia Mentee');
  assert.match(await page.locator('.password').innerText(), /^[a-z]{4}(-[a-z]{4}){3}$/);
  await checkPage(page, "a user's page");

  await page.getByRole('button', { name: 'Make a login card' }).click();
  await page.waitForLoadState('load');
  const card = page.locator('.login-card');
  assert.ok(await card.isVisible());
  assert.match(await card.innerText(), /Mia Mentee/);
  const qr = card.getByRole('img', { name: 'QR code to sign in' });
  const qrBox = await qr.boundingBox();
  assert.ok(qrBox.width >= 150 && Math.abs(qrBox.width - qrBox.height) < 1, `QR code ${JSON.stringify(qrBox)}`);
  await checkPage(page, 'the login card page');
  await page.screenshot({ path: path.join(SHOTS, 'login-card.png'), fullPage: true });

  // Printed: only the card, without the site header, buttons or footer.
  await page.emulateMedia({ media: 'print' });
  assert.ok(await card.isVisible());
  assert.ok(await qr.isVisible());
  for (const hidden of ['header.site', 'footer.site', 'h1', 'details', '.back']) {
    assert.equal(await page.locator(hidden).first().isVisible(), false, `${hidden} prints`);
  }
  await page.emulateMedia({ media: 'screen' });

  // The card's address asks "Sign in as Mia Mentee?" on another device (a shared tablet), with
  // the token gone from the address bar and history; one tap signs her in.
  await page.locator('main details summary').click();
  const url = await page.locator('.card-url').innerText();
  const tablet = await newContext(browser, { viewport: PHONE });
  try {
    const t = await tablet.newPage();
    await t.goto(url);
    assert.equal(t.url(), server.url + '/card');
    assert.equal(await t.locator('h1').innerText(), 'Sign in as Mia Mentee?');
    assert.equal((await tablet.cookies()).some((c) => c.name === 'stepwise_session'), false);
    await checkPage(t, 'the card confirmation page');
    await t.getByRole('button', { name: 'Sign in as Mia Mentee' }).click();
    await t.waitForURL(server.url + '/plan');     // no role: a mentee lands on My plan
    assert.match(await t.locator('header.site').innerText(), /Mia Mentee/);
    await t.goBack();
    assert.equal(t.url(), server.url + '/card');
    assert.match(await t.locator('h1').innerText(), /Scan your card again/);
  } finally {
    await tablet.close();
  }
});
