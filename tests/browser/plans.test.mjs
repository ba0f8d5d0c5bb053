// plans.test.mjs: the mentoring plan pages in a real browser at phone size (360x740), on the
// demo program of `stepwise seed-demo`: the mentee signs in, sees "My plan" with the big
// next-step button and starts the lesson; the mentor signs in, sees the dashboard, opens a plan
// with one tap and records an evaluation. Then a whole day of each: the mentor's (dashboard,
// sign-off and its undo, evaluation, adjusting the plan) and the mentee's (card, My plan,
// lesson, done). axe-core finds no violation (light and dark) on each page; they reflow at
// 320 px, have 44 px targets and one h1; the header is one row; the certificate prints.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { runCli, startServer } from '../lib/server.mjs';
import { PHONE, SHOTS, checkPage, launch, signIn } from './lib.mjs';

const PUBLIC = 'http://stepwise.test';
let dir, db, server, browser;

before(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'stepwise-bplans-'));
  db = path.join(dir, 'plans.db');
  // seeding twice adds nothing the second time (the dashboard below counts the plans)
  const seeded = await runCli(['seed-demo', '--db', db, '--public-url', PUBLIC]);
  assert.equal(seeded.code, 0, seeded.stderr);
  assert.match(seeded.stdout, /^DEMO DATA/);
  assert.match(seeded.stdout, /demo\.mentor +password demo-mentor-2026/);
  const again = await runCli(['seed-demo', '--db', db, '--public-url', PUBLIC]);
  assert.equal(again.code, 0, again.stderr);
  assert.equal(again.stdout, seeded.stdout);
  server = await startServer({ db, args: ['--public-url', PUBLIC, '--organisation', 'Demo Packaging Ltd'] });
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test('the mentee sees My plan with the next step as a big button and starts it', async () => {
  const page = await signIn(browser, server.url, 'demo.anna', 'demo-anna-2026');
  await page.goto('/plan');
  assert.equal(await page.locator('h1').innerText(), 'My plan');
  await checkPage(page, 'My plan');
  await page.screenshot({ path: path.join(SHOTS, 'my-plan.png'), fullPage: true });
  // the next step is the first thing after the goal, big and easy to hit with gloves
  const button = page.locator('section.next button.big');
  assert.equal(await button.count(), 1);
  assert.match(await button.innerText(), /lesson\s+A machine changeover, step by step/);
  const box = await button.boundingBox();
  assert.ok(box.height >= 64 && box.width >= 300, `the big button is ${box.width}x${box.height}`);
  assert.match(await page.locator('.progress label').innerText(), /1 of 4 steps done/);
  assert.match(await page.locator('.next-eval').innerText(), /Next talk with your mentor/);
  assert.match(await page.locator('.done-list').innerText(), /Lifting boxes the safe way/);

  await button.click();
  await page.waitForURL(/\/modules\/machine-changeover\?level=2$/);
  assert.match(await page.locator('h1').innerText(), /A machine changeover/);
  await page.goto('/plans/1');
  await checkPage(page, 'the mentee\'s plan page');
  assert.doesNotMatch(await page.locator('main').innerText(), /Change plan/);
  await page.context().close();
});

test('the mentor opens a plan from the dashboard and records an evaluation', async () => {
  const page = await signIn(browser, server.url, 'demo.mentor', 'demo-mentor-2026');
  await page.goto('/mentor');
  await checkPage(page, 'the mentor dashboard');
  await page.screenshot({ path: path.join(SHOTS, 'mentor-dashboard.png'), fullPage: true });
  const cards = page.locator('.plan-card');
  assert.equal(await cards.count(), 4);   // Anna's, Bram's two and Sanne's (in Dutch): seeded once
  const anna = cards.filter({ hasText: 'Anna (demo mentee)' });
  assert.match(await anna.innerText(), /1 of 4 steps done/);
  assert.match(await anna.innerText(), /1 step late/);
  assert.match(await anna.innerText(), /Evaluation in \d+ days|Evaluation today|Evaluation overdue/);

  await anna.getByRole('link', { name: 'Anna (demo mentee)' }).click();   // one tap into the plan
  await page.waitForURL(/\/plans\/1$/);
  await checkPage(page, 'a plan page for its mentor');
  await page.locator('.evals').getByRole('link').nth(1).click();   // the next, planned one
  await page.waitForURL(/\/plans\/1\/evaluations\/\d+$/);
  await checkPage(page, 'the evaluation form');
  await page.getByLabel('On track: keep the plan').check();
  await page.getByLabel('Notes from the mentor').fill('Anna did the changeover well.');
  await page.getByRole('button', { name: 'Save evaluation' }).click();
  await page.waitForURL(/\/plans\/1$/);
  const main = await page.locator('main').innerText();
  assert.match(main, /Held On track/);
  await page.locator('summary', { hasText: 'Plan history' }).click();
  assert.match(await page.locator('.history-list').innerText(), /Evaluation of \d+ [A-Z][a-z]+ \d{4} held on/);
  await page.context().close();
});

test('the mentor\'s other screens: editor, new plan, group lesson, certificate', async () => {
  const page = await signIn(browser, server.url, 'demo.mentor', 'demo-mentor-2026');
  for (const [url, name] of [['/plans/1/edit', 'the plan editor'], ['/plans/new', 'the new plan form'],
    ['/groups/assign', 'the group lesson form'],
    ['/groups/assign?module=safe-lifting', 'the group lesson mentees'], ['/plans/2', 'a finished plan'],
    ['/plans/2/certificate', 'the certificate']]) {
    const res = await page.goto(url);
    assert.equal(res.status(), 200, url);
    await checkPage(page, name);
  }
  assert.ok(await page.getByRole('button', { name: 'Print the certificate' }).isVisible());
  assert.match(await page.locator('.certificate').innerText(), /Demo Packaging Ltd[^]*Signature of the mentor[^]*Date of issue: \d+ [A-Z][a-z]+ \d{4}/);
  // printed, the certificate is the certificate only: no site frame, no forms or links
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.locator('header.site').isVisible(), false);
  assert.equal(await page.locator('.no-print').first().isVisible(), false);
  assert.ok(await page.locator('.certificate').isVisible());
  const pdf = await page.pdf({ path: path.join(SHOTS, 'certificate.pdf'), preferCSSPageSize: true });
  assert.ok(pdf.length > 1000);
  // one page: the PDF has a single /Type /Page object
  assert.equal(pdf.toString('latin1').match(/\/Type\s*\/Page\b/g).length, 1);
  await page.emulateMedia({ media: 'screen' });
  await page.screenshot({ path: path.join(SHOTS, 'certificate.png'), fullPage: true });
  await page.context().close();
});

// The header is one row at 360 px, and the first screen shows the page's own heading.
async function oneRowHeader(page, name) {
  const header = await page.locator('header.site').boundingBox();
  assert.ok(header.height <= 64, `the header of ${name} is ${header.height} px high`);
  const h1 = await page.locator('h1').boundingBox();
  assert.ok(h1.y + h1.height <= PHONE.height / 3, `the heading of ${name} starts at ${h1.y} px`);
}

test('closing a plan with steps not done: with JavaScript the browser asks first, and no keeps it open', async () => {
  const page = await signIn(browser, server.url, 'demo.mentor', 'demo-mentor-2026');
  await page.goto(`${server.url}/plans/1`);
  const close = page.getByRole('button', { name: 'Goal reached: close the plan' });
  let asked = '';
  page.once('dialog', (d) => { asked = d.message(); d.dismiss(); });
  await close.click();
  assert.match(asked, /^\d+ of \d+ steps? (is|are) not done yet\. Close the plan anyway\?/);
  assert.match(page.url(), /\/plans\/1$/);
  assert.ok(await close.isVisible(), 'no is no: the plan stays open');
  // yes closes it at once, without the confirmation page
  page.once('dialog', (d) => d.accept());
  await close.click();
  await page.waitForURL(/\/plans\/1$/);
  const reopen = page.getByRole('button', { name: 'Open the plan again' });
  await reopen.waitFor();
  assert.equal(await page.getByRole('heading', { name: /Close the plan of/ }).count(), 0);
  await reopen.click();               // as it was, for the tests after this one
  await close.waitFor();
  await page.context().close();
});

test('the mentor\'s day: dashboard, sign-off (and undo), evaluation, adjust the plan', async () => {
  const page = await signIn(browser, server.url, 'demo.mentor', 'demo-mentor-2026');
  await page.waitForURL(/\/mentor$/);            // a mentor lands on the dashboard
  await oneRowHeader(page, 'the dashboard');
  assert.match(await page.locator('.needs-you').innerText(), /sign-off waits for you/);
  await checkPage(page, 'the dashboard, first thing in the morning');
  const first = page.locator('.plan-card').first();
  assert.match(await first.innerText(), /Anna \(demo mentee\)[^]*A task waits for your sign-off/);
  await first.getByRole('link').click();
  await page.waitForURL(/\/plans\/1$/);
  await page.getByRole('button', { name: /Sign off as done/ }).first().click();
  await page.waitForURL(/\/plans\/1\?signed=\d+$/);
  assert.match(await page.getByRole('status').first().innerText(), /You signed off/);
  await checkPage(page, 'a plan right after a sign-off');
  // at 200 % text the plan still fits the phone: states are words that wrap, not wide boxes
  await page.evaluate(() => { document.documentElement.style.fontSize = '225%'; });
  const wide = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(wide <= PHONE.width, `the plan is ${wide} px wide at 200 % text`);
  assert.equal(await page.locator('.steps .state').first().evaluate((el) => getComputedStyle(el).borderStyle), 'none');
  await page.evaluate(() => { document.documentElement.style.fontSize = ''; });
  await page.getByRole('button', { name: 'Undo the sign-off' }).click();
  await page.waitForURL(/\/plans\/1$/);
  assert.ok(await page.getByRole('button', { name: /Sign off as done/ }).first().isVisible());
  await page.getByRole('button', { name: /Sign off as done/ }).first().click();
  await page.waitForURL(/signed=/);

  await page.locator('.evals').getByRole('link').last().click();
  await page.waitForURL(/\/evaluations\/\d+$/);
  await page.getByLabel('Adjust the plan (steps, pace or dates)').check();
  await page.getByLabel('Notes from the mentor').fill('More time for the changeover.');
  await page.getByRole('button', { name: 'Save evaluation' }).click();
  await page.waitForURL(/\/plans\/1\/edit$/);     // "adjust" opens the editor
  await checkPage(page, 'the editor after an evaluation');
  const due = page.locator('input[name^="due-"]').first();
  await due.fill('2099-01-31');
  await page.getByRole('button', { name: 'Save all changes' }).first().click();
  await page.waitForURL(/\/plans\/1\/edit\?saved=/);
  // the page opens at the step edited (its #anchor), where "Saved." is
  await page.waitForFunction(() => {
    const el = document.querySelector('.saved');
    return el && el.getBoundingClientRect().top >= 0 && el.getBoundingClientRect().bottom <= innerHeight;
  }, null, { timeout: 5000 });
  const saved = page.getByRole('status').filter({ hasText: 'Saved.' });
  assert.ok(await saved.isVisible());
  const at = await saved.boundingBox();
  assert.ok(at.y >= 0 && at.y < PHONE.height, `"Saved." is off screen at ${at.y} px (${page.url()}, scrolled ${await page.evaluate(() => window.scrollY)})`);
  assert.equal(await page.locator('input[name^="due-"]').first().inputValue(), '2099-01-31');
  await checkPage(page, 'the editor after saving');
  await page.context().close();
});

test('the mentee\'s day: sign in with the card, My plan, the lesson, done', async () => {
  const card = await runCli(['user', 'card', 'demo.bram', '--public-url', PUBLIC, '--db', db]);
  assert.equal(card.code, 0, card.stderr);
  const context = await browser.newContext({ viewport: PHONE, baseURL: server.url });
  const page = await context.newPage();
  await page.goto(card.stdout.trim().replace(PUBLIC, server.url));
  const confirm = page.getByRole('button', { name: /sign in/i });   // when the card asks first
  if (await confirm.count()) await confirm.first().click();
  await page.waitForURL(/\/plan$/);               // a mentee lands on My plan
  await oneRowHeader(page, 'My plan');
  await checkPage(page, 'My plan after the card');
  const start = page.locator('section.next button.big').first();
  const lesson = (await start.locator('.what').innerText()).trim();
  await start.click();
  await page.waitForURL(/\/modules\//);
  await oneRowHeader(page, 'the lesson');
  assert.equal((await page.locator('h1').innerText()).trim(), lesson);
  await checkPage(page, 'a lesson from the plan');
  // The plan box is on the first screen, and again at the end of the lesson.
  const top = page.getByRole('region', { name: 'Your plan' }).getByRole('button', { name: 'I finished this lesson' });
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: path.join(SHOTS, 'lesson-plan-box.png') });
  const y = await top.evaluate((el) => el.getBoundingClientRect().bottom);
  assert.ok(y < PHONE.height, `the plan box is on the first screen (its button ends at ${y} px)`);
  await page.getByRole('region', { name: 'End of the lesson' }).getByRole('button', { name: 'I finished this lesson' }).click();
  await page.waitForURL(/\/plan\?done=\d+$/);
  assert.match(await page.getByRole('status').first().innerText(), /Well done! You finished/);
  await checkPage(page, 'My plan after a lesson');
  // The catalogue marks the lessons of the plan and the one just done, in words.
  await page.goto('/');
  const done = page.locator('li.card', { hasText: lesson });
  assert.match(await done.locator('.marks').innerText(), /In your plan[\s\S]*Done/);
  await checkPage(page, 'the catalogue with the mentee\'s marks');
  await context.close();
});
