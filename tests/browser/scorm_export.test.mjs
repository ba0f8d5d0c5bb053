// scorm_export.test.mjs: an exported module played in another LMS. `stepwise export` writes
// safe-lifting as SCORM 1.2 and 2004; a small test LMS (a page of this test's own web server)
// provides the runtime API from scorm-again (window.API, window.API_1484_11) and opens the
// package's index.html in a frame. The SCO is played to the end with its check passed, and with
// it failed, and what the host LMS recorded is asserted: cmi.core.lesson_status and score (1.2),
// cmi.completion_status, success_status and score.scaled (2004), an interaction per question,
// the level as the location, the session ended. The page on its own (no LMS) passes the accessibility checks.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createReadStream, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { ROOT, runCli } from '../lib/server.mjs';
import { answerCheck } from '../lib/scorm.mjs';
import { PHONE, SHOTS, checkPage, launch, newContext } from './lib.mjs';

const SCORM_AGAIN = path.join(ROOT, 'node_modules', 'scorm-again', 'dist');
const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css',
  '.mp4': 'video/mp4', '.vtt': 'text/vtt', '.jpg': 'image/jpeg', '.png': 'image/png' };
let dir, server, base, browser;

// The host LMS: scorm-again's API on this window, the SCO in a frame, the mastery of the manifest. Every commit and the end
// of the session are counted, and the values set are kept (cmi.exit and the session time are
// write-only in the data model), so the test sees what reached the LMS.
function lmsPage(version) {
  const v2004 = version === '2004';
  const api = v2004 ? 'API_1484_11' : 'API';
  // As an LMS does on import, the mastery comes from the manifest: 1.2's masteryscore decides
  // passed or failed from the raw score (mastery_override), 2004's minNormalizedMeasure is the
  // scaled passing score that decides success_status from the scaled score.
  const manifest = readFileSync(path.join(dir, `pkg${version}`, 'imsmanifest.xml'), 'utf8');
  const mastery = (v2004 ? /<imsss:minNormalizedMeasure>([^<]+)</ : /<adlcp:masteryscore>([^<]+)</).exec(manifest)[1];
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Test LMS</title>
<script src="/scorm-again/${v2004 ? 'scorm2004' : 'scorm12'}.min.js"></script>
<script>
  window.${api} = new ${v2004 ? 'Scorm2004API' : 'Scorm12API'}({ autocommit: false, logLevel: 5, mastery_override: true });
  window.${api}.cmi.${v2004 ? 'scaled_passing_score' : 'student_data.mastery_score'} = '${mastery}';
  window.commits = 0; window.finished = 0; window.sets = {};
  window.${api}.on('${v2004 ? 'SetValue' : 'LMSSetValue'}', function (element, value) { window.sets[element] = value; });
  window.${api}.on('${v2004 ? 'Commit' : 'LMSCommit'}', function () { window.commits++; });
  window.${api}.on('${v2004 ? 'Terminate' : 'LMSFinish'}', function () { window.finished++; });
</script></head>
<body><main><h1>Test LMS</h1><iframe title="Lesson" src="/pkg${version}/index.html" style="width:100%;height:700px"></iframe></main></body></html>`;
}

function serve(req, res) {
  const url = new URL(req.url, base);
  const m = /^\/lms(1\.2|2004)\.html$/.exec(url.pathname);
  if (m) {
    res.writeHead(200, { 'content-type': TYPES['.html'] });
    res.end(lmsPage(m[1]));
    return;
  }
  const rel = decodeURIComponent(url.pathname).replace(/^\/+/, '');
  const file = rel.startsWith('scorm-again/') ? path.join(SCORM_AGAIN, rel.slice(12)) : path.join(dir, rel);
  if (rel.includes('..') || !statSync(file, { throwIfNoEntry: false })?.isFile()) {
    res.writeHead(404);
    res.end();
    return;
  }
  res.writeHead(200, { 'content-type': TYPES[path.extname(file)] || 'application/octet-stream' });
  createReadStream(file).pipe(res);
}

before(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'stepwise-scorm-export-'));
  for (const v of ['1.2', '2004']) {
    const zip = path.join(dir, `${v}.zip`);
    const r = await runCli(['export', 'safe-lifting', '--scorm', v, '-o', zip, '--content', path.join(ROOT, 'modules')]);
    assert.equal(r.code, 0, r.stderr);
    execFileSync('unzip', ['-q', zip, '-d', path.join(dir, `pkg${v}`)]);
  }
  server = http.createServer(serve);
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${server.address().port}`;
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await new Promise((resolve) => (server ? server.close(resolve) : resolve()));
  rmSync(dir, { recursive: true, force: true });
});

// Opens the test LMS for version; resolves to its page and the SCO's frame, once the SCO has
// started its session.
async function openLms(version) {
  const context = await newContext(browser, { viewport: PHONE });
  const page = await context.newPage();
  await page.goto(`${base}/lms${version}.html`);
  const frame = page.frame({ url: /index\.html$/ });
  await frame.waitForSelector('#sco-level .body');
  return { page, frame };
}

// What the host LMS holds, read from scorm-again's data model.
function recorded(page, version) {
  return page.evaluate((v2004) => {
    const cmi = v2004 ? window.API_1484_11.cmi : window.API.cmi;
    return v2004
      ? { completion: cmi.completion_status, success: cmi.success_status, scaled: String(cmi.score.scaled),
        raw: String(cmi.score.raw), max: String(cmi.score.max), location: cmi.location,
        exit: window.sets['cmi.exit'], time: window.sets['cmi.session_time'], commits: window.commits, finished: window.finished }
      : { status: cmi.core.lesson_status, raw: String(cmi.core.score.raw), max: String(cmi.core.score.max),
        location: cmi.core.lesson_location, exit: window.sets['cmi.core.exit'], time: window.sets['cmi.core.session_time'],
        commits: window.commits, finished: window.finished };
  }, version === '2004');
}

// The interactions the LMS holds (their fields are write-only to the SCO; the LMS's own record
// of what it commits has them all).
function interactions(page, version) {
  return page.evaluate((v2004) => {
    const all = (v2004 ? window.API_1484_11 : window.API).renderCMIToJSONObject().cmi.interactions;
    return Object.values(all).map((i) => (v2004
      ? { id: i.id, result: i.result, response: i.learner_response, pattern: i.correct_responses[0].pattern }
      : { id: i.id, result: i.result }));
  }, version === '2004');
}

// Ends the SCO's page as an LMS does when the learner leaves: the frame goes away.
async function leave(page) {
  await page.evaluate(() => document.querySelector('iframe').remove());
  await page.waitForFunction(() => window.finished > 0);
}

test('SCORM 1.2: the check passed reaches the LMS as passed with the score', async () => {
  const { page, frame } = await openLms('1.2');
  assert.equal((await recorded(page, '1.2')).status, 'incomplete');
  assert.equal(await page.evaluate(() => window.API.cmi.student_data.mastery_score), '80');
  const level = await answerCheck(frame, true);
  await frame.getByText('You passed the check.').waitFor();
  await frame.getByText('Your result is saved in your learning system.').waitFor();
  let r = await recorded(page, '1.2');
  assert.equal(r.status, 'passed');
  assert.equal(r.raw, '100');
  assert.equal(r.max, '100');
  assert.equal(r.location, '1');
  assert.ok(r.commits >= 1);
  assert.deepEqual(await interactions(page, '1.2'), level.questions.map((q) => ({ id: q.id, result: 'correct' })));
  await page.screenshot({ path: path.join(SHOTS, 'scorm-export-12-passed.png') });
  // A later try that fails does not take the pass away.
  await frame.getByRole('button', { name: 'Try again' }).click();
  await answerCheck(frame, false);
  await frame.getByText('Not passed yet.').waitFor();
  await leave(page);
  r = await recorded(page, '1.2');
  assert.equal(r.status, 'passed');
  assert.equal(r.raw, '100');
  assert.equal(r.exit, '');
  assert.match(r.time, /^\d{4}:\d{2}:\d{2}$/);
  assert.equal(r.finished, 1);
  await page.context().close();
});

test('SCORM 1.2: the check failed reaches the LMS as failed, and the feedback says why', async () => {
  const { page, frame } = await openLms('1.2');
  const level = await answerCheck(frame, false);
  await frame.getByText('Not passed yet.').waitFor();
  await frame.getByText(`You got 0 of the ${level.questions.length} questions right. To pass, you need ${level.needed}.`).waitFor();
  assert.equal(await frame.locator('.question-result.wrong').count(), level.questions.length);
  const r = await recorded(page, '1.2');
  assert.equal(r.status, 'failed');
  assert.equal(r.raw, '0');
  assert.deepEqual(await interactions(page, '1.2'), level.questions.map((q) => ({ id: q.id, result: 'wrong' })));
  await page.context().close();
});

test('SCORM 2004: another level, its check passed: completed, passed, scaled score 1', async () => {
  const { page, frame } = await openLms('2004');
  let r = await recorded(page, '2004');
  assert.equal(r.completion, 'incomplete');
  assert.equal(await page.evaluate(() => String(window.API_1484_11.cmi.scaled_passing_score)), '0.8');
  await frame.getByRole('link', { name: 'Intermediate' }).click();
  await frame.getByText('You are reading the Intermediate level.').waitFor();
  const level = await answerCheck(frame, true);
  await frame.getByText('You passed the check.').waitFor();
  r = await recorded(page, '2004');
  assert.equal(r.completion, 'completed');
  assert.equal(r.success, 'passed');
  assert.equal(r.scaled, '1');
  assert.equal(r.raw, String(level.questions.length));
  assert.equal(r.max, String(level.questions.length));
  assert.equal(r.location, '2');
  const got = await interactions(page, '2004');
  assert.deepEqual(got.map((i) => [i.id, i.result]), level.questions.map((q) => [q.id, 'correct']));
  for (const i of got) assert.equal(i.response, i.pattern, `${i.id}: the response is the right one`);
  await leave(page);
  r = await recorded(page, '2004');
  assert.equal(r.exit, 'normal');
  assert.match(r.time, /^PT\d+H\d+M\d+S$/);
  await page.context().close();
});

test('SCORM 2004: the check failed: completed, failed, scaled score 0', async () => {
  const { page, frame } = await openLms('2004');
  await frame.getByRole('link', { name: 'Advanced' }).click();
  const level = await answerCheck(frame, false);
  await frame.getByText('Not passed yet.').waitFor();
  const r = await recorded(page, '2004');
  assert.equal(r.completion, 'completed');
  assert.equal(r.success, 'failed');
  assert.equal(r.scaled, '0');
  assert.equal(r.location, '3');
  const got = await interactions(page, '2004');
  assert.deepEqual(got.map((i) => [i.id, i.result]), level.questions.map((q) => [q.id, 'incorrect']));
  const fill = level.questions.findIndex((q) => q.type === 'fill-in');
  assert.equal(got[fill].response, 'something else');
  await page.context().close();
});

test('SCORM 1.2: multiple answers and a fill-in typed in other case, passed', async () => {
  const { page, frame } = await openLms('1.2');
  await frame.getByRole('link', { name: 'Advanced' }).click();
  const level = await answerCheck(frame, true);
  assert.ok(level.questions.some((q) => q.type === 'fill-in') && level.questions.some((q) => q.type === 'multiple'));
  await frame.getByText('You passed the check.').waitFor();
  const r = await recorded(page, '1.2');
  assert.equal(r.status, 'passed');
  assert.equal(r.raw, '100');
  assert.equal(r.location, '3');
  assert.deepEqual(await interactions(page, '1.2'), level.questions.map((q) => ({ id: q.id, result: 'correct' })));
  await page.context().close();
});

test('the package page on its own: says no LMS was found, and passes the page checks', async () => {
  const context = await newContext(browser, { viewport: PHONE });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${base}/pkg1.2/index.html`);
  await page.getByText('No learning system found').waitFor();
  await checkPage(page, 'the exported lesson');
  await answerCheck(page.mainFrame(), false);
  await checkPage(page, 'the exported lesson with its feedback');
  await page.screenshot({ path: path.join(SHOTS, 'scorm-export-feedback.png'), fullPage: true });
  assert.deepEqual(errors, []);
  await context.close();
});
