// i18n_choice.test.mjs: the interface language of a request over real HTTP, in its order: the
// signed-in person's own setting (/account), else a language picked with the ?lang= link (kept
// in a cookie), else the browser's Accept-Language, else --language (default en). Also <html
// lang>, the lesson's own lang attribute, Vary, and the page cache and ETags per language.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startServer, runCli } from '../lib/server.mjs';
import { Client, addUser } from '../lib/session.mjs';

let dir, db, srv;

before(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'stepwise-i18n-'));
  db = path.join(dir, 'i18n.db');
  await addUser(db, 'mia', 'Mia Mentee', 'mia-secret-1');
  srv = await startServer({ db });
});

after(async () => {
  await srv?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const lang = (html) => /<html lang="([^"]+)">/.exec(html)?.[1];

async function page(url, headers = {}) {
  const res = await fetch(url, { headers });
  return { res, html: await res.text() };
}

test('without a choice: Accept-Language, else --language (en)', async () => {
  let { res, html } = await page(srv.url + '/', { 'accept-language': 'nl-NL,nl;q=0.9,en;q=0.8' });
  assert.equal(lang(html), 'nl');
  assert.match(html, /<a class="signin" href="\/login">Inloggen<\/a>/);
  assert.match(res.headers.get('vary'), /Accept-Language, Cookie/);
  ({ html } = await page(srv.url + '/', { 'accept-language': 'de, en;q=0.5' }));
  assert.equal(lang(html), 'en');
  assert.match(html, />Sign in<\/a>/);
  ({ html } = await page(srv.url + '/', { 'accept-language': 'de' }));
  assert.equal(lang(html), 'en');                      // none of ours: the server's default
  ({ html } = await page(srv.url + '/no/such/page', { 'accept-language': 'nl' }));
  assert.match(html, /<h1>Pagina niet gevonden<\/h1>/); // error pages too
  ({ res } = await page(srv.url + '/static/style.css', { 'accept-language': 'nl' }));
  assert.equal(res.headers.get('vary'), null);         // files carry no words
});

test('--language sets the default and only takes a built-in language', async () => {
  const nl = await startServer({ args: ['--language', 'nl'] });
  try {
    let { html } = await page(nl.url + '/', { 'accept-language': 'de' });
    assert.equal(lang(html), 'nl');
    ({ html } = await page(nl.url + '/', { 'accept-language': 'en' }));
    assert.equal(lang(html), 'en');                    // the browser's choice still comes first
  } finally {
    await nl.stop();
  }
  const bad = await runCli(['serve', '--language', 'de', '--db', path.join(dir, 'x.db')]);
  assert.equal(bad.code, 2, bad.stderr);
  assert.match(bad.stderr, /--language: "de" is not an interface language of this Stepwise \(en, nl\)/);
});

test('someone not signed in switches with a plain link; a cookie keeps it', async () => {
  const c = new Client(srv.url);
  let res = await c.req('/', { headers: { 'accept-language': 'en' } });
  assert.match(res.html, /<a class="lang" href="\?lang=nl" hreflang="nl" lang="nl">Nederlands<\/a>/);
  res = await c.req('/?lang=nl', { headers: { 'accept-language': 'en' } });
  assert.equal(lang(res.html), 'nl');
  const cookie = res.headers.getSetCookie().find((s) => s.startsWith('stepwise_lang='));
  assert.match(cookie, /^stepwise_lang=nl; Path=\/; HttpOnly; SameSite=Lax; Max-Age=31536000$/);
  res = await c.req('/modules/safe-lifting', { headers: { 'accept-language': 'en' } });
  assert.equal(lang(res.html), 'nl');                  // the cookie beats Accept-Language
  assert.match(res.html, /<a class="lang" href="\?lang=en" hreflang="en" lang="en">English<\/a>/);
  res = await c.req('/?lang=xx', { headers: { 'accept-language': 'en' } });
  assert.equal(lang(res.html), 'nl');                  // an unknown tag changes nothing
  assert.equal(res.headers.getSetCookie().length, 0);
});

test('a signed-in person sets their language on their own account page; it beats the rest', async () => {
  const c = new Client(srv.url);
  assert.equal((await c.signIn('mia', 'mia-secret-1')).status, 303);
  let res = await c.req('/account', { headers: { 'accept-language': 'en' } });
  assert.equal(res.status, 200);
  assert.equal(res.headers.get('cache-control'), 'private, no-store');
  assert.match(res.html, /id="language-any" name="language" value="" checked/);
  const csrf = /name="csrf" value="([^"]+)"/.exec(res.html)[1];
  res = await c.req('/account', { form: { csrf, language: 'de' } });
  assert.equal(res.status, 400);
  assert.match(res.html, /role="alert"><p>Choose a language from the list\./);
  res = await c.req('/account', { form: { csrf: 'wrong', language: 'nl' } });
  assert.equal(res.status, 403);
  res = await c.req('/account', { form: { csrf, language: 'nl' } });
  assert.equal(res.status, 303);
  assert.equal(res.headers.get('location'), '/account?saved=1');
  res = await c.req('/account?saved=1', { headers: { 'accept-language': 'en' } });
  assert.equal(lang(res.html), 'nl');
  assert.match(res.html, /role="status"><p>Je taal is opgeslagen\./);
  assert.match(res.html, /id="language-nl" name="language" value="nl" checked/);
  // The account beats a link's cookie and the browser.
  res = await c.req('/?lang=en', { headers: { 'accept-language': 'en' } });
  assert.equal(lang(res.html), 'nl');
  assert.match(res.html, /<a href="\/account">Mijn account en taal<\/a>/);

  // A shared tablet: someone else signs in on the same browser and gets their own (none).
  const tablet = new Client(srv.url);
  tablet.jar = new Map(c.jar);
  await addUser(db, 'bo', 'Bo Other', 'bo-secret-12');
  assert.equal((await tablet.signIn('bo', 'bo-secret-12')).status, 303);
  res = await tablet.req('/', { headers: { 'accept-language': 'en' } });
  assert.match(res.html, /<span class="who">Bo Other<\/span>/);
  assert.equal(lang(res.html), 'en');                  // the link's cookie (en), not Mia's nl

  // Back to "the browser's": Accept-Language decides again.
  res = await c.req('/account', { form: { csrf, language: '' } });
  assert.equal(res.status, 303);
  res = await c.req('/', { headers: { 'accept-language': 'nl' } });
  assert.equal(lang(res.html), 'en');                  // the ?lang=en cookie from above
  c.jar.delete('stepwise_lang');
  res = await c.req('/', { headers: { 'accept-language': 'nl' } });
  assert.equal(lang(res.html), 'nl');

  // Nobody signed in: /account asks to sign in.
  res = await new Client(srv.url).req('/account');
  assert.equal(res.status, 303);
  assert.match(res.headers.get('location'), /^\/login\?next=/);
});

// A write (any POST) is answered by a thread of the write pool (--write-threads), not the thread
// that read the request: the reply must still be in the account's language.
test('a POST reply is in the Dutch account\'s language: a form error and the check\'s feedback', async () => {
  await addUser(db, 'noor', 'Noor Nieuw', 'noor-secret-1');
  const c = new Client(srv.url);
  assert.equal((await c.signIn('noor', 'noor-secret-1')).status, 303);
  const en = { 'accept-language': 'en' };
  let res = await c.req('/account', { headers: en });
  const csrf = /name="csrf" value="([^"]+)"/.exec(res.html)[1];
  assert.equal((await c.req('/account', { form: { csrf, language: 'nl' }, headers: en })).status, 303);
  res = await c.req('/account', { form: { csrf, language: 'de' }, headers: en });
  assert.equal(res.status, 400);
  assert.equal(lang(res.html), 'nl');
  assert.match(res.html, /role="alert"><p>Kies een taal uit de lijst\./);
  res = await c.req('/modules/safe-lifting/check?level=1', { form: { csrf, 'q-bend': '1', 'q-turn': '1' }, headers: en });
  assert.equal(res.status, 200);
  assert.equal(lang(res.html), 'nl');
  assert.match(res.html, /Je hebt \d van de \d vragen goed\./);
  assert.doesNotMatch(res.html, /questions right/);
});

test('the web app manifest is in the reader\'s language and varies with it', async () => {
  const nl = await fetch(`${srv.url}/manifest.webmanifest`, { headers: { 'accept-language': 'nl' } });
  const en = await fetch(`${srv.url}/manifest.webmanifest`, { headers: { 'accept-language': 'en' } });
  for (const res of [nl, en]) assert.match(res.headers.get('vary') || '', /Accept-Language/);
  const [m, e] = [await nl.json(), await en.json()];
  assert.equal(m.lang, 'nl');
  assert.equal(e.description, 'Short lessons to learn on the job, with your mentor.');
  assert.notEqual(m.description, e.description);
  assert.notEqual(nl.headers.get('etag'), en.headers.get('etag'));
});

test('a lesson page is cached per language: the English page never reaches a Dutch reader', async () => {
  const en = await page(srv.url + '/modules/safe-lifting', { 'accept-language': 'en' });
  const nl = await page(srv.url + '/modules/safe-lifting', { 'accept-language': 'nl' });
  const again = await page(srv.url + '/modules/safe-lifting', { 'accept-language': 'en' });
  assert.equal(lang(en.html), 'en');
  assert.equal(lang(nl.html), 'nl');
  assert.match(en.html, /Back to all modules/);
  assert.match(nl.html, /Terug naar alle lessen/);
  assert.doesNotMatch(nl.html, /Back to all modules/);
  assert.equal(again.html, en.html);
  // The English module keeps its language inside the Dutch page.
  assert.match(nl.html, /<div class="body" lang="en" data-module="safe-lifting"/);
  assert.match(nl.html, /<h1 lang="en">/);
  assert.doesNotMatch(en.html, /<div class="body" lang=/);
  const etagEn = en.res.headers.get('etag'), etagNl = nl.res.headers.get('etag');
  assert.ok(etagEn && etagNl);
  assert.notEqual(etagEn, etagNl);
  assert.match(nl.res.headers.get('vary'), /Accept-Language/);
  const cond = await fetch(srv.url + '/modules/safe-lifting', {
    headers: { 'accept-language': 'nl', 'if-none-match': etagEn },
  });
  assert.equal(cond.status, 200);                      // the English ETag is not the Dutch page
  const same = await fetch(srv.url + '/modules/safe-lifting', {
    headers: { 'accept-language': 'nl', 'if-none-match': etagNl },
  });
  assert.equal(same.status, 304);
  assert.match(same.headers.get('vary'), /Accept-Language, Cookie/);   // as the page it stands for
  const media = await fetch(srv.url + '/modules/safe-lifting/media/lift.en.vtt', { headers: { 'accept-language': 'nl' } });
  assert.equal(media.headers.get('vary'), null);
});
