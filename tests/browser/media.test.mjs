// media.test.mjs: videos and podcasts in a real browser at phone size (360x740): the xAPI Video
// Profile statements a signed-in learner's playing records as the LRS stores them (completed
// only when the played segments reach the threshold, never for a seek to the end; the audio
// activity type for a podcast), and resume on a fresh browser profile: the offer to continue at
// the section and the video's position, with the check's answers filled in again (axe finds no
// violation on the offer); offline, resume's copy waits on the device encrypted. Before playing,
// a video shows its length and size, and its captions (::cue) are at least the body text size
// with 4.5:1 contrast over any frame.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { startServer } from '../lib/server.mjs';
import { addUser } from '../lib/session.mjs';
import { addClient } from '../lib/xapi.mjs';
import { checkPage, launch, newContext, PHONE, signIn } from './lib.mjs';

const ADL = 'http://adlnet.gov/expapi/verbs/';
const V = 'https://w3id.org/xapi/video/';
const X = `${V}extensions/`;
const PW = { anna: 'anna-media-password', bram: 'bram-media-password', cleo: 'cleo-media-password',
  dora: 'dora-media-password' };
let dir, server, browser, basic;

before(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'stepwise-bmedia-'));
  const db = path.join(dir, 'media.db');
  for (const [login, pw] of Object.entries(PW)) await addUser(db, login, login, pw);
  basic = await addClient(db, 'reporting', ['all']);
  server = await startServer({ db });
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const agentOf = (home, login) => JSON.stringify({ account: { homePage: home, name: login } });

// Every statement the LRS holds about the activity for login, oldest first.
async function stored(home, login, activity) {
  const q = new URLSearchParams({ agent: agentOf(home, login), activity, ascending: 'true', limit: '500' });
  const res = await fetch(`${server.url}/xapi/statements?${q}`, {
    headers: { Authorization: basic.auth, 'X-Experience-API-Version': '1.0.3' },
  });
  assert.equal(res.status, 200);
  return (await res.json()).statements;
}

// Polls until the LRS holds a statement with the verb (a name after ADL's or the profile's
// prefix) about the activity; returns them all.
async function waitVerb(home, login, activity, verb) {
  for (let i = 0; i < 150; i++) {
    const got = await stored(home, login, activity);
    if (got.some((s) => s.verb.id.endsWith(`/${verb}`))) return got;
    await new Promise((r) => setTimeout(r, 100));
  }
  assert.fail(`no ${verb} about ${activity} for ${login}`);
}

// Opens the lesson as login in a fresh browser profile; console warnings (a statement the LRS
// refused) are collected in page.refused.
async function open(login, url) {
  const page = await signIn(browser, server.url, login, PW[login]);
  page.refused = [];
  page.on('console', (m) => { if (/refused/.test(m.text())) page.refused.push(m.text()); });
  await page.goto(url);
  const home = await page.locator('#player').getAttribute('data-home');
  return { page, home };
}

// Plays the page's first video or audio muted, rate times as fast, until it ends.
function playToEnd(page, tag, rate) {
  return page.evaluate(async ([tag, rate]) => {
    const v = document.querySelector(tag);
    v.muted = true;
    v.playbackRate = rate;
    const ended = new Promise((r) => v.addEventListener('ended', r, { once: true }));
    await v.play();
    await ended;
  }, [tag, rate]);
}

test('playing a video past its threshold records the Video Profile statements; leaving terminates', async () => {
  const { page, home } = await open('anna', '/modules/safe-lifting?level=2');
  const video = `${home}/modules/safe-lifting/media/lift.mp4`;
  await playToEnd(page, 'video', 4);
  await waitVerb(home, 'anna', video, 'completed');
  // Leaving the lesson: terminated goes out with keepalive; it was kept on the device ahead, so
  // the next lesson page sends it if the keepalive got lost.
  await page.goto('/');
  await page.goto('/modules/first-day-safety');
  const got = await waitVerb(home, 'anna', video, 'terminated');
  assert.deepEqual(page.refused, []);
  // completed as soon as the played part reaches 90 %, before the video ends (paused).
  assert.deepEqual(got.map((s) => s.verb.id), [`${ADL}initialized`, `${V}verbs/played`, `${ADL}completed`,
    `${V}verbs/paused`, `${ADL}terminated`]);
  const session = got[0].id;
  for (const s of got) {
    assert.deepEqual(s.actor, { objectType: 'Agent', account: { homePage: home, name: 'anna' } });
    assert.equal(s.object.id, video);
    assert.equal(s.object.definition.type, `${V}activity-type/video`);
    assert.equal(s.object.definition.name.en, 'Four steps to lift a box safely');
    assert.equal(s.context.contextActivities.parent[0].id, `${home}/modules/safe-lifting`);
    assert.equal(s.context.contextActivities.category[0].id, V);
    assert.equal(s.context.extensions[`${X}session-id`], session);
    assert.ok(Math.abs(s.context.extensions[`${X}length`] - 18.4) < 0.1, `length ${s.context.extensions[`${X}length`]}`);
    assert.equal(s.context.extensions[`${X}completion-threshold`], 0.9);
    assert.equal(s.context.extensions[`${home}/xapi/extensions/level`], 2);
    assert.equal(s.context.registration, got[0].context.registration);
  }
  assert.equal(got[0].context.extensions[`${X}cc-enabled`], true);
  assert.equal(got[0].context.extensions[`${X}cc-subtitle-lang`], 'en');
  assert.equal(got[1].result.extensions[`${X}time`], 0);
  const [, , completed, paused, terminated] = got;
  for (const s of [completed, paused, terminated]) {
    assert.ok(s.result.extensions[`${X}progress`] >= 0.9, `progress ${s.result.extensions[`${X}progress`]}`);
    assert.match(s.result.extensions[`${X}played-segments`], /^0\.000\[\.\]1[678]\.\d{3}$/);
    assert.ok(s.result.extensions[`${X}time`] > 16);
  }
  assert.ok(terminated.result.extensions[`${X}progress`] > 0.98);
  assert.equal(completed.result.completion, true);
  assert.match(completed.result.duration, /^PT\d+S$/);
  assert.equal(paused.result.completion, undefined);
  await page.context().close();
});

test('seeking to the end of a video does not complete it', async () => {
  const { page, home } = await open('bram', '/modules/safe-lifting?level=2');
  const video = `${home}/modules/safe-lifting/media/lift.mp4`;
  await page.evaluate(async () => {
    const v = document.querySelector('video');
    v.muted = true;
    await v.play();
    await new Promise((r) => setTimeout(r, 600));
    const ended = new Promise((r) => v.addEventListener('ended', r, { once: true }));
    v.currentTime = v.duration - 1;
    await ended;
  });
  await page.goto('/');
  const got = await waitVerb(home, 'bram', video, 'terminated');
  assert.deepEqual(page.refused, []);
  const verbs = got.map((s) => s.verb.id.slice(s.verb.id.lastIndexOf('/') + 1));
  assert.deepEqual(verbs, ['initialized', 'played', 'seeked', 'paused', 'terminated']);
  const seeked = got[2].result.extensions;
  assert.ok(seeked[`${X}time-from`] > 0 && seeked[`${X}time-from`] < 3, `time-from ${seeked[`${X}time-from`]}`);
  assert.ok(Math.abs(seeked[`${X}time-to`] - 17.4) < 0.1, `time-to ${seeked[`${X}time-to`]}`);
  const end = got.at(-1).result.extensions;
  assert.ok(end[`${X}progress`] < 0.3, `progress ${end[`${X}progress`]}`);
  assert.match(end[`${X}played-segments`], /^0\.000\[\.\]\d\.\d{3}\[,\]17\.\d{3}\[\.\]18\.\d{3}$/);
  await page.context().close();
});

test('a podcast records the same statements with the audio activity type', async () => {
  const { page, home } = await open('bram', '/modules/giving-feedback?level=1');
  const audio = `${home}/modules/giving-feedback/media/feedback-talk.mp3`;
  await page.evaluate(async () => {
    const a = document.querySelector('audio');
    a.muted = true;
    a.playbackRate = 4;
    await a.play();
    await new Promise((r) => setTimeout(r, 1500));
    a.pause();
  });
  const got = await waitVerb(home, 'bram', audio, 'paused');
  assert.deepEqual(page.refused, []);
  assert.deepEqual(got.map((s) => s.verb.id), [`${ADL}initialized`, `${V}verbs/played`, `${V}verbs/paused`]);
  for (const s of got) assert.equal(s.object.definition.type, `${V}activity-type/audio`);
  const p = got[2].result.extensions[`${X}progress`];
  assert.ok(p > 0.05 && p < 0.5, `progress ${p}`);
  await page.context().close();
});

// WCAG's relative luminance of an sRGB colour [r, g, b] (0-255).
const luminance = (rgb) => {
  const [r, g, b] = rgb.map((c) => { const v = c / 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
};

test('before playing, a video says its length and size; its captions are at least the body size with good contrast', async () => {
  const context = await newContext(browser, { viewport: PHONE, baseURL: server.url });
  const page = await context.newPage();
  await page.goto('/modules/safe-lifting?level=2');
  const facts = page.locator('.media-facts').first();
  assert.ok(await facts.isVisible());
  assert.match(await facts.innerText(), /^Length 0:18 min · Size 182 KB$/);
  const got = await page.evaluate(() => {
    const v = document.querySelector('video');
    const cue = [...document.styleSheets].flatMap((s) => [...s.cssRules]).find((r) => r.selectorText === '::cue');
    if (!v || !cue) return null;
    // The cue's font size as the browser resolves it beside the video.
    const probe = document.createElement('span');
    probe.style.fontSize = cue.style.fontSize;
    v.parentElement.append(probe);
    const size = parseFloat(getComputedStyle(probe).fontSize);
    probe.remove();
    return { playing: !v.paused, tracks: v.querySelectorAll('track').length, size,
      body: parseFloat(getComputedStyle(document.querySelector('main') || document.body).fontSize),
      color: cue.style.color, background: cue.style.background || cue.style.backgroundColor };
  });
  assert.ok(got, 'a video with a ::cue rule in the stylesheet');
  assert.equal(got.playing, false);
  assert.equal(got.tracks, 1);
  assert.ok(got.size >= got.body, `captions ${got.size} px, body text ${got.body} px`);
  const rgba = (css) => { const m = css.match(/rgba?\(([^)]+)\)/); assert.ok(m, css); return m[1].split(',').map(Number); };
  const text = rgba(got.color), [br, bg, bb, ba = 1] = rgba(got.background);
  // The caption box over the lightest frame (white) and the darkest (black): AA needs 4.5:1.
  for (const under of [255, 0]) {
    const box = [br, bg, bb].map((c) => c * ba + under * (1 - ba));
    const [hi, lo] = [luminance(text.slice(0, 3)), luminance(box)].sort((a, b) => b - a);
    const ratio = (hi + 0.05) / (lo + 0.05);
    assert.ok(ratio >= 4.5, `caption contrast ${ratio.toFixed(2)}:1 over ${under ? 'white' : 'black'}`);
  }
  await context.close();
});

test('resume on a fresh browser profile: the section, the video position and the answers', async () => {
  const first = await open('cleo', '/modules/safe-lifting?level=2');
  const { home } = first;
  await first.page.evaluate(async () => {
    const v = document.querySelector('video');
    v.muted = true;
    await v.play();
    v.pause();
    v.currentTime = 11;
    await new Promise((r) => v.addEventListener('seeked', r, { once: true }));
  });
  await first.page.getByLabel('On a middle shelf').check();
  await first.page.getByRole('heading', { name: 'Why the steps work' }).evaluate((h) => {
    window.scrollTo({ top: h.getBoundingClientRect().top + window.scrollY - 10, behavior: 'instant' });
  });
  // The state reaches the LRS in the background (within a few seconds).
  const q = new URLSearchParams({ stateId: 'resume', activityId: `${home}/modules/safe-lifting`, agent: agentOf(home, 'cleo') });
  let state;
  for (let i = 0; i < 100 && !(state?.['2']?.a?.['q-shelf'] && state['2'].s === 4 && state['2'].m); i++) {
    await new Promise((r) => setTimeout(r, 100));
    const res = await fetch(`${server.url}/xapi/activities/state?${q}`, {
      headers: { Authorization: basic.auth, 'X-Experience-API-Version': '1.0.3' } });
    state = res.status === 200 ? await res.json() : undefined;
  }
  assert.equal(state?.['2']?.s, 4, JSON.stringify(state));
  assert.equal(state['2'].m['/modules/safe-lifting/media/lift.mp4'], 11);
  assert.equal(state['2'].a['q-shelf'], '1');
  await first.page.context().close();

  const { page } = await open('cleo', '/modules/safe-lifting?level=2');   // another profile
  const offer = page.getByRole('region', { name: 'Continue where you stopped?' });
  await offer.waitFor();
  assert.match(await offer.innerText(), /You stopped at: Why the steps work\.\s+The video or podcast was at 0:11\./);
  assert.equal(await page.getByLabel('On a middle shelf').isChecked(), true);
  assert.match(await page.locator('#check').innerText(), /Your answers so far are filled in again\./);
  await checkPage(page, 'the lesson with the resume offer');
  await offer.getByRole('button', { name: 'Continue there' }).click();
  assert.equal(await offer.count(), 0);
  assert.equal(await page.evaluate(() => document.activeElement.textContent), 'Why the steps work');
  assert.equal(await page.evaluate(() => Math.round(document.querySelector('video').currentTime)), 11);
  await page.context().close();
});

test('offline, resume\'s copy waits on the device encrypted, and reaches the LRS once online', async () => {
  const { page, home } = await open('dora', '/modules/safe-lifting?level=2');
  await page.evaluate(() => window.stepwise.ready);
  await page.context().setOffline(true);
  await page.getByLabel('On a middle shelf').check();
  const name = `stepwise-resume:${home}|dora|${home}/modules/safe-lifting|2`;
  const onDevice = await page.waitForFunction((k) => localStorage.getItem(k), name, { timeout: 10000 });
  const box = JSON.parse(await onDevice.jsonValue());
  assert.ok(box.iv && box.data, 'an encrypted box');
  assert.doesNotMatch(box.data, /q-shelf|safe-lifting/);
  await page.context().setOffline(false);
  const q = new URLSearchParams({ stateId: 'resume', activityId: `${home}/modules/safe-lifting`, agent: agentOf(home, 'dora') });
  let state;
  for (let i = 0; i < 100 && !state?.['2']?.a?.['q-shelf']; i++) {
    await new Promise((r) => setTimeout(r, 100));
    const res = await fetch(`${server.url}/xapi/activities/state?${q}`, {
      headers: { Authorization: basic.auth, 'X-Experience-API-Version': '1.0.3' } });
    state = res.status === 200 ? await res.json() : undefined;
  }
  assert.equal(state?.['2']?.a?.['q-shelf'], '1', JSON.stringify(state));
  await page.waitForFunction((k) => localStorage.getItem(k) === null, name, { timeout: 10000 });
  await page.context().close();
});
