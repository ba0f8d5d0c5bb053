// lib.mjs: what the browser suites share: Debian's Chromium driven by playwright-core at phone
// size, axe-core runs (WCAG 2.2 A/AA and best practice) with readable reports, and the check
// for touch targets under 44x44 CSS px.
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

import { ROOT } from '../lib/server.mjs';

const require = createRequire(import.meta.url);
const { chromium } = require('playwright-core');
const AXE = require.resolve('axe-core/axe.min.js');

export const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
// Playwright gives every launch a fresh temporary --user-data-dir of its own (and refuses one in
// args), so no profile is shared between runs.
export const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];
export const PHONE = { width: 360, height: 740 };
export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];
export const SHOTS = path.join(ROOT, 'build', 'screenshots');

// Starts Chromium; the screenshot folder exists afterwards.
export async function launch() {
  mkdirSync(SHOTS, { recursive: true });
  return chromium.launch({ executablePath: CHROMIUM, args: ARGS });
}

export function formatViolations(violations) {
  return violations.map((v) => [
    `${v.id} (${v.impact}): ${v.help}`, `  ${v.helpUrl}`,
    ...v.nodes.map((n) => `  - ${n.target.join(' ')}\n    ${n.html}\n    ${n.failureSummary.replace(/\n/g, '\n    ')}`),
  ].join('\n')).join('\n');
}

// axe is evaluated through the browser's debugging protocol: the pages' Content-Security-Policy
// (script-src 'self', no inline script) rightly blocks a <script> tag that holds it.
const AXE_SOURCE = readFileSync(AXE, 'utf8');

// axe's violations, and (for pages of a context made with newContext, with scripts on) every
// Content-Security-Policy violation as one more: the policy must break nothing on any page.
export async function axeViolations(page) {
  if (!await page.evaluate(() => !!window.axe)) await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate((tags) => window.axe.run(document, { runOnly: { type: 'tag', values: tags } })
    .then((r) => r.violations.map((v) => ({
      id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
      nodes: v.nodes.map((n) => ({ target: n.target, html: n.html, failureSummary: n.failureSummary || '' })),
    }))), AXE_TAGS);
  const csp = await page.evaluate(() => window.__cspViolations || []);
  if (csp.length) {
    violations.push({ id: 'content-security-policy', impact: 'critical', help: 'the page needs something its CSP blocks',
      helpUrl: 'server/http.c (HTTP_CSP)', nodes: csp.map((c) => ({ target: [c], html: '', failureSummary: '' })) });
  }
  return violations;
}

// Interactive elements smaller than 44x44 CSS px. Links inside a sentence are exempt (WCAG 2.5.8
// "inline" exception); elements that are not rendered (video fallback content) are skipped.
export function smallTargets(page) {
  return page.evaluate(() => {
    const inSentence = (el) => {
      if (getComputedStyle(el).display !== 'inline') return false;
      let block = el.parentElement;
      while (block && getComputedStyle(block).display.startsWith('inline')) block = block.parentElement;
      return !!block && block.textContent.trim().length > el.textContent.trim().length;
    };
    const sel = 'a[href], button, select, summary, input:not([type=hidden]), textarea, [role=button], [tabindex]:not([tabindex="-1"])';
    return [...document.querySelectorAll(sel)].flatMap((el) => {
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0 || inSentence(el)) return [];
      if (r.width >= 44 && r.height >= 44) return [];
      return [`<${el.tagName.toLowerCase()}> "${el.textContent.trim().slice(0, 40)}" ${Math.round(r.width)}x${Math.round(r.height)}`];
    });
  });
}

// The page checks every suite runs on each page it shows: axe (light and dark), no target under
// 44x44 px, no sideways scrolling at 320 px, and one h1.
export async function checkPage(page, name) {
  for (const scheme of ['light', 'dark']) {
    await page.emulateMedia({ colorScheme: scheme });
    const violations = await axeViolations(page);
    assert.equal(violations.length, 0, `axe violations on ${name} (${scheme}):\n${formatViolations(violations)}`);
  }
  await page.emulateMedia({ colorScheme: 'light' });
  const small = await smallTargets(page);
  assert.equal(small.length, 0, `targets under 44x44 px on ${name}:\n${small.join('\n')}`);
  await page.setViewportSize({ width: 320, height: PHONE.height });
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  await page.setViewportSize(PHONE);
  assert.ok(width <= 320, `${name} scrolls sideways at 320 px (${width})`);
  assert.equal(await page.locator('h1').count(), 1, `${name} has one h1`);
}

// A browser context (options as for browser.newContext) whose pages record every
// Content-Security-Policy violation, which checkPage then reports: the policy must break
// nothing on any page.
export async function newContext(browser, options) {
  const context = await browser.newContext(options);
  await context.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__cspViolations.push(`${e.violatedDirective} blocked ${e.blockedURI || 'inline'} (${e.sourceFile}:${e.lineNumber})`);
    });
  });
  return context;
}

// A new phone-sized browser context signed in as login through the sign-in form; returns its page.
export async function signIn(browser, baseURL, login, password) {
  const context = await newContext(browser, { viewport: PHONE, baseURL });
  const page = await context.newPage();
  await page.goto('/login');
  await page.getByLabel('Login name').fill(login);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForLoadState('load');
  return page;
}
