// i18n_pages.test.mjs: every page type is rendered in Dutch and in English, and no text of the
// other language is left in it. Two checks, so that a text fails whether it was marked but not
// looked up or never marked at all:
// - the catalogue: no English message id of po/nl.po (one the Dutch translation changes) is in a
//   Dutch page, and no Dutch translation is in an English page;
// - the same page in both languages: a text of the Dutch page that is the same in the English
//   page must be content (a module's own text carries its own lang attribute on one of the two
//   pages and is left out; a person's name, a number) or one of the few words both languages
//   write alike. Anything else
//   is interface text that was never marked for translation.
// Covered: the catalogue (with and without results), a lesson at each level (signed in and not,
// and as a step of a plan), the check's feedback, sign-in (with its notices and errors), the card
// pages, the own account page, the admin's user pages and login card, the error pages, My plan,
// a plan for its mentee and its mentor, the mentor's dashboard, the plan forms, an evaluation, a
// finished plan and its certificate, the group lesson, the calendar address, the admin home, the
// pairings, the author list and preview, the editor and the SCORM import. The people, plans and
// progress are those of `stepwise seed-demo`.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT, runCli, startServer } from '../lib/server.mjs';
import { Client } from '../lib/session.mjs';
import { fixtureZip, importPackage } from '../lib/scorm.mjs';

// Words that are the same in English and Dutch, and names of this test's people and things.
const SAME = new Set(['Stepwise', 'Status', 'Mentor', 'English', 'Nederlands', 'Admin', 'QR',
  'Plan', 'Mentee', 'LIX', 'Flesch', 'Reading', 'Ease', 'SCORM', 'Markdown', 'xAPI', 'CSV',
  'Feedback', 'feedback', 'modules', 'Open',
  'Error', 'demo', 'anna', 'admin', 'Anna', 'Demo', 'Bram', 'Marco', 'Sanne', 'Dana', 'mentee',
  'mentor', 'author', 'bram', 'sanne', 'Video', 'Podcast']);

// What people wrote into the demo program (plan goals, steps, notes) and the modules' titles:
// content in whatever language it was written in, on pages of either language.
const WRITTEN = ['Run the packing line on my own', 'Know the safety rules of the warehouse',
  'Lead the morning safety talk', 'Zelf veilig werken in het magazijn', 'Good first talk.',
  'Anna wants to work on the line on her own.', 'Do the changeover while your mentor watches',
  'Walk the safety round with your mentor', 'Anna lifts safely now. Next: the changeover with me.',
  'The video helped. I want to practise the changeover.', 'Lifting boxes the safe way',
  'A machine changeover, step by step', 'Safe on your first day', 'Giving feedback to your mentee',
  'First steps on the break-room tablet', 'Veilig tillen', 'Feedback geven aan je leerling',
  'Ask questions early. Walking the round together helped me most.',
  'Plan the safety round in the first week next time.', 'Demo Packaging Ltd', 'stepwise check',
  'The shift routine', 'A test package.', 'Before the shift', 'During the shift', 'After the shift'];

let dir, db, srv;
// The people of `stepwise seed-demo` (its plans, pairings and progress give every page content).
const people = { admin: 'demo-admin-2026', anna: 'demo-anna-2026', mentor: 'demo-mentor-2026',
  author: 'demo-author-2026', bram: 'demo-bram-2026' };

// The message ids and translations of po/nl.po whose translation differs from the id.
function catalogue() {
  const po = execFileSync('msgcat', ['--no-wrap', path.join(ROOT, 'po/nl.po')], { encoding: 'utf8' });
  const pairs = [];
  for (const block of po.split('\n\n')) {
    const un = (s) => JSON.parse(`"${s}"`);
    const id = /^msgid "((?:[^"\\]|\\.)*)"$/m.exec(block), str = /^msgstr(?:\[0\])? "((?:[^"\\]|\\.)*)"$/m.exec(block);
    if (!id || !str || !id[1]) continue;
    const en = un(id[1]), nl = un(str[1]);
    if (en !== nl) pairs.push([en, nl]);
  }
  return pairs;
}

// Printed text of a message: tags out, a placeholder ends a piece (pieces of 12+ characters are
// what a page must not show).
function pieces(msg) {
  return msg.replace(/<[^>]+>/g, '').split(/%(?:\d+\$)?[0-9]*(?:l{0,2}|z)?[sdu]/)
    .map((s) => s.trim()).filter((s) => s.length >= 12);
}

// The texts a person reads or hears on a page: text nodes and the attributes that are read
// out, each with the language it is in (its nearest lang attribute).
const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr']);
function texts(html) {
  const out = [];
  const stack = [];
  const decode = (s) => s.replace(/&#39;/g, "'").replace(/&quot;/g, '"').replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>').replace(/&amp;/g, '&');
  const lang = () => { for (let i = stack.length - 1; i >= 0; i--) if (stack[i].lang) return stack[i].lang; return ''; };
  const re = /<!--[^]*?-->|<![^>]*>|<(\/?)([a-zA-Z][a-zA-Z0-9]*)([^>]*)>|([^<]+)/g;
  let skip = 0;
  for (const m of html.matchAll(re)) {
    if (m[4] !== undefined) {
      const t = decode(m[4]).replace(/\s+/g, ' ').trim();
      if (t && !skip) out.push({ text: t, lang: lang() });
      continue;
    }
    if (!m[2]) continue;
    const name = m[2].toLowerCase();
    if (m[1]) {
      while (stack.length && stack.pop().name !== name);
      if (name === 'script' || name === 'style' || name === 'svg' || name === 'textarea') skip--;
      continue;
    }
    const attrs = m[3];
    const l = /\slang="([^"]*)"/.exec(attrs)?.[1];
    const el = { name, lang: l };
    for (const a of ['aria-label', 'alt', 'placeholder', 'title', 'label']) {
      const v = new RegExp(`\\s${a}="([^"]*)"`).exec(attrs)?.[1];
      if (v) out.push({ text: decode(v), lang: l || lang() });
    }
    if (name === 'meta' && /name="description"/.test(attrs)) {
      out.push({ text: decode(/content="([^"]*)"/.exec(attrs)[1]), lang: lang() });
    }
    if (VOID.has(name) || attrs.endsWith('/')) continue;
    stack.push(el);
    if (name === 'script' || name === 'style' || name === 'svg' || name === 'textarea') skip++;   // a textarea holds what was typed
  }
  return out;
}

before(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'stepwise-i18n-pages-'));
  db = path.join(dir, 'pages.db');
  const seeded = await runCli(['seed-demo', '--db', db]);
  assert.equal(seeded.code, 0, seeded.stderr);
  // The sample modules and a SCORM package with two SCOs (its player page, its lesson page).
  const content = path.join(dir, 'content');
  cpSync(path.join(ROOT, 'modules'), content, { recursive: true });
  await importPackage(content, fixtureZip('play2004-multi', dir), 'shift-routine');
  srv = await startServer({ db, content });
});

after(async () => {
  await srv?.stop();
  rmSync(dir, { recursive: true, force: true });
});

// A client for one language: Accept-Language decides (nobody here chose one on their account).
async function client(language, login) {
  const c = new Client(srv.url);
  c.lang = language;
  const req = c.req.bind(c);
  c.req = (p, opts = {}) => req(p, { ...opts, headers: { 'accept-language': language, ...(opts.headers || {}) } });
  if (login) assert.equal((await c.signIn(`demo.${login}`, people[login])).status, 303);
  return c;
}

// Every page type: [name, async (client) => html].
const PAGES = [
  ['catalogue', async (c) => (await c.req('/')).html],
  ['catalogue without results', async (c) => (await c.req('/?level=3&minutes=5&skill=xy')).html],
  ['bad filter (400)', async (c) => (await c.req('/?level=9')).html],
  ['lesson, level 1', async (c) => (await c.req('/modules/safe-lifting?level=1')).html],
  ['lesson, level 2 (video)', async (c) => (await c.req('/modules/safe-lifting?level=2')).html],
  ['lesson with a podcast', async (c) => (await c.req('/modules/giving-feedback')).html],
  ['a Dutch lesson', async (c) => (await c.req('/modules/veilig-tillen?level=2')).html],
  ['lesson, signed in', async (c) => (await c.req('/modules/safe-lifting?level=3')).html, 'author'],
  ['a lesson as a step of my plan', async (c) => (await c.req('/modules/machine-changeover')).html, 'anna'],
  ['catalogue, signed in (marks)', async (c) => (await c.req('/')).html, 'anna'],
  ['a SCORM package\'s lesson page', async (c) => (await c.req('/modules/shift-routine')).html, 'anna'],
  ['the SCORM player', async (c) => (await c.req('/play/shift-routine')).html, 'anna'],
  ['the check\'s feedback', async (c) => {
    const page = (await c.req('/modules/safe-lifting?level=1')).html;
    const csrf = /name="csrf" value="([^"]+)"/.exec(page)[1];
    return (await c.req('/modules/safe-lifting/check?level=1', { form: { csrf, 'q-bend': '2', 'q-turn': '1' } })).html;
  }, 'anna'],
  ['sign-in', async (c) => (await c.req('/login')).html],
  ['sign-in, signed out', async (c) => (await c.req('/login?signed_out=1')).html],
  ['sign-in, timed out', async (c) => (await c.req('/login?expired=1')).html],
  ['sign-in, not saved', async (c) => (await c.req('/login?unsaved=1')).html],
  ['sign-in, wrong password', async (c) => {
    await c.req('/login');
    return (await c.req('/login', { form: { csrf: c.jar.get('stepwise_login'), login: 'demo.anna', password: 'wrong-one' } })).html;
  }],
  ['card that does not work', async (c) => (await c.req('/card/not-a-card-token')).html],
  ['card page without a scan', async (c) => (await c.req('/card')).html],
  ['my account', async (c) => (await c.req('/account')).html, 'anna'],
  ['users', async (c) => (await c.req('/admin/users')).html, 'admin'],
  ['a user', async (c) => (await c.req('/admin/users/3')).html, 'admin'],
  ['a login card', async (c) => {
    const page = (await c.req('/admin/users/3')).html;
    const csrf = /name="csrf" value="([^"]+)"/.exec(page)[1];
    return (await c.req('/admin/users/3/card', { form: { csrf } })).html;
  }, 'admin'],
  ['not allowed (403)', async (c) => (await c.req('/admin/users')).html, 'anna'],
  ['page not found (404)', async (c) => (await c.req('/no/such/page')).html],
  ['lesson not found (404)', async (c) => (await c.req('/modules/nope')).html],
  ['level not found (404)', async (c) => (await c.req('/modules/safe-lifting?level=7')).html],
  ['method not allowed (405)', async (c) => (await c.req('/modules/safe-lifting', { method: 'DELETE' })).html],
  ['form too old (403)', async (c) => (await c.req('/account', { form: { csrf: 'old', language: 'nl' } })).html, 'anna'],
  ['my plan', async (c) => (await c.req('/plan')).html, 'anna'],
  ['a plan, for its mentee', async (c) => (await c.req('/plans/1')).html, 'anna'],
  ['a plan, for its mentor', async (c) => (await c.req('/plans/1')).html, 'mentor'],
  ['the mentor\'s dashboard', async (c) => (await c.req('/mentor')).html, 'mentor'],
  ['a new plan', async (c) => (await c.req('/plans/new')).html, 'mentor'],
  ['changing a plan', async (c) => (await c.req('/plans/1/edit')).html, 'mentor'],
  ['an evaluation', async (c) => (await c.req('/plans/1/evaluations/2')).html, 'mentor'],
  ['a finished plan', async (c) => (await c.req('/plans/2')).html, 'bram'],
  ['the certificate', async (c) => (await c.req('/plans/2/certificate')).html, 'bram'],
  ['a lesson for a group', async (c) => (await c.req('/groups/assign')).html, 'mentor'],
  ['the calendar address', async (c) => (await c.req('/calendar')).html, 'anna'],
  ['the admin home', async (c) => (await c.req('/admin')).html, 'admin'],
  ['pairings', async (c) => (await c.req('/admin/pairings')).html, 'admin'],
  ['the author list', async (c) => (await c.req('/author')).html, 'author'],
  ['the author preview', async (c) => (await c.req('/author/modules/safe-lifting?level=2')).html, 'author'],
  ['the editor', async (c) => (await c.req('/author/edit/safe-lifting')).html, 'author'],
  ['the SCORM import', async (c) => (await c.req('/author/import')).html, 'author'],
];

const pairs = catalogue();

for (const [name, get, login] of PAGES) {
  test(`${name}: all Dutch in Dutch, all English in English`, async () => {
    // A plan's history is what happened, written down in the language of that moment: content.
    const history = (html) => html.replace(/<ol class="history-list">[^]*?<\/ol>/g, '');
    const en = history(await get(await client('en', login)));
    const nl = history(await get(await client('nl', login)));
    assert.match(en, /<html lang="en">/, name);
    assert.match(nl, /<html lang="nl">/, name);
    const nlRead = texts(nl), enRead = texts(en);
    const nlText = nlRead.filter((t) => !t.lang || t.lang === 'nl').map((t) => t.text).join('\n');
    const enText = enRead.filter((t) => !t.lang || t.lang === 'en').map((t) => t.text).join('\n');
    for (const [msgid, msgstr] of pairs) {
      for (const p of pieces(msgid)) assert.ok(!nlText.includes(p), `${name}: English "${p}" on the Dutch page`);
      for (const p of pieces(msgstr)) assert.ok(!enText.includes(p), `${name}: Dutch "${p}" on the English page`);
    }
    // What the Dutch page shows the same as the English one is content, or marked nowhere.
    // Content: what either page marks as being in a language other than its own.
    const content = [...nlRead.filter((t) => t.lang && t.lang !== 'nl'),
      ...enRead.filter((t) => t.lang && t.lang !== 'en')].map((t) => t.text)
      .concat(WRITTEN)
      .sort((a, b) => b.length - a.length);     // whole paragraphs before the words in them
    // Compared sentence by sentence, so that an unmarked sentence beside a translated one counts.
    const sentences = (t) => t.text.split(/(?<=[.!?:;])\s+/).map((text) => ({ text, lang: t.lang }));
    const english = new Set(enRead.flatMap(sentences).map((t) => t.text));
    for (const { text, lang } of nlRead.flatMap(sentences)) {
      if ((lang && lang !== 'nl') || !english.has(text)) continue;
      let rest = text;
      for (const c of content) rest = rest.split(c).join(' ');
      rest = rest.replace(/\S+\.(md|mp4|mp3|vtt|jpg|png|zip|json)\b/g, ' ');   // file names
      if (content.some((c) => c.includes(text))) continue;   // a sentence of a module's text
      const words = (rest.match(/[A-Za-z]{3,}/g) || []).filter((w) => !SAME.has(w));
      assert.deepEqual(words, [], `${name}: "${text}" is the same in both languages (not marked for translation?)`);
    }
  });
}

test('the check above finds an unmarked text', () => {
  // A page part written in English only, as a page would be with a text nobody marked.
  const en = '<html lang="en"><body><p>Start the lesson</p><p lang="en">Lifting boxes</p></body></html>';
  const nl = '<html lang="nl"><body><p>Start the lesson</p><p lang="en">Lifting boxes</p></body></html>';
  const english = new Set(texts(en).map((t) => t.text));
  const same = texts(nl).filter((t) => (!t.lang || t.lang === 'nl') && english.has(t.text));
  assert.deepEqual(same.map((t) => t.text), ['Start the lesson']);
  assert.ok(pieces('Back to all modules').length === 1);
});
