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
// progress are those of `stepwise seed-demo`; a plan's history is worded in the reader's
// language too. A second server's content folder is full of mistakes (tests/data/modules: broken
// front matter, level fences, questions, media, a module harder than B1), so the findings of
// `stepwise check` are on its author list, preview and editor, and the SCORM import's warnings
// and refusals on its import page: each finding in the language of the page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT, runCli, startServer } from '../lib/server.mjs';
import { Client, csrfOf } from '../lib/session.mjs';
import { fixtureZip, importPackage, SCORM_FIXTURES } from '../lib/scorm.mjs';
import { makeZip } from '../lib/zip.mjs';

// Words that are the same in English and Dutch, and names of this test's people and things.
const SAME = new Set(['Stepwise', 'Status', 'Mentor', 'English', 'Nederlands', 'Admin', 'QR',
  'Plan', 'Mentee', 'LIX', 'Flesch', 'Reading', 'Ease', 'SCORM', 'Markdown', 'xAPI', 'CSV',
  'Feedback', 'feedback', 'modules', 'Open',
  'Error', 'demo', 'anna', 'admin', 'Anna', 'Demo', 'Bram', 'Marco', 'Sanne', 'Dana', 'mentee',
  'mentor', 'author', 'bram', 'sanne', 'Video', 'Podcast', 'module', 'Douma',
  // the words of the module format that findings quote ("type: multiple", "correct: true")
  'true', 'false', 'type', 'single', 'multiple', 'fill', 'prompt', 'options', 'answer', 'answers',
  'right', 'wrong', 'text', 'correct', 'hint', 'title', 'summary', 'language', 'minutes', 'levels',
  'level', 'skills', 'mastery', 'version', 'src', 'captions', 'transcript', 'poster']);

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
  'The shift routine', 'A test package.', 'Before the shift', 'During the shift', 'After the shift',
  'shift-safety-4th', 'multi-12',
  // the examples of code in the findings (ids, keys, file names)
  'safe-lifting', 'lift-knees', '"::: level 1"', '::: level N',
  // the media-errors module's own texts (a Dutch module, its words left in English)
  'A photo from the web', 'A missing photo'];

let dir, db, srv, findings;
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
  // The content folder full of mistakes, for the findings.
  const bad = path.join(dir, 'bad');
  const data = path.join(ROOT, 'tests/data/modules');
  mkdirSync(bad);
  for (const sub of ['broken', 'quiz-errors', 'check']) {
    for (const f of readdirSync(path.join(data, sub))) cpSync(path.join(data, sub, f), path.join(bad, `${sub}-${f}`));
  }
  cpSync(path.join(data, 'media-errors'), path.join(bad, 'media-errors'), { recursive: true });
  const badDb = path.join(dir, 'bad.db');
  assert.equal((await runCli(['seed-demo', '--db', badDb])).code, 0);
  findings = await startServer({ db: badDb, content: bad });
});

after(async () => {
  await srv?.stop();
  await findings?.stop();
  rmSync(dir, { recursive: true, force: true });
});

// A client for one language: Accept-Language decides (nobody here chose one on their account).
async function client(language, login, server = srv) {
  const c = new Client(server.url);
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
  ['/metrics without a token (404)', async (c) => (await c.req('/metrics')).html],
  ['lesson not found (404)', async (c) => (await c.req('/modules/nope')).html],
  ['level not found (404)', async (c) => (await c.req('/modules/safe-lifting?level=7')).html],
  ['method not allowed (405)', async (c) => (await c.req('/modules/safe-lifting', { method: 'DELETE' })).html],
  ['form too old (403)', async (c) => (await c.req('/account', { form: { csrf: 'old', language: 'nl' } })).html, 'anna'],
  ['my plan', async (c) => (await c.req('/plan')).html, 'anna'],
  // The history's lines in the reader's language, with the dates as the reader writes them.
  ['a plan, for its mentee', async (c) => (await c.req('/plans/1')).html, 'anna', undefined,
    [/<li><span class="when">[^<]*<\/span> Plan gemaakt met doel &quot;Run the packing line on my own&quot;\. Stappen: 4, evaluaties: 5<\/li>/,
      /<li><span class="when">[^<]*<\/span> Plan created with goal &quot;Run the packing line on my own&quot;; steps: 4, evaluation moments: 5<\/li>/]],
  ['a plan, for its mentor', async (c) => (await c.req('/plans/1')).html, 'mentor', undefined,
    [/Evaluatie van \d+ [a-z]+ 2026 gehouden op \d+ [a-z]+ 2026: op schema/,
      /Evaluation of \d+ [A-Z][a-z]+ 2026 held on \d+ [A-Z][a-z]+ 2026: on track/]],
  ['the mentor\'s dashboard', async (c) => (await c.req('/mentor')).html, 'mentor'],
  ['a new plan', async (c) => (await c.req('/plans/new')).html, 'mentor'],
  ['a new plan with mistakes (400)', async (c) => {
    const csrf = csrfOf((await c.req('/plans/new')).html);
    return (await c.req('/plans/new', { form: { csrf, mentee: '3', goal: '', start: 'soon', target: '', interval: '0', click: '1', clear: '1', notes: '', mentor2: '0' } })).html;
  }, 'mentor', undefined, [/Schrijf een doel/, /Write a goal/]],
  ['a plan step with a level the lesson lacks (400)', async (c) => {
    const csrf = csrfOf((await c.req('/plans/1/edit')).html);
    return (await c.req('/plans/1/edit', { form: { csrf, do: 'add-module', module: 'giving-feedback', level: '3' } })).html;
  }, 'mentor', undefined, [/Deze les heeft dat niveau niet/, /This lesson does not have that level/]],
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

// Uploads tests/data/scorm/NAME (zipped, with extra entries) on the import page; the page after.
async function upload(c, name, extra = [], minutes = '10') {
  const zip = makeZip(path.join(SCORM_FIXTURES, name), path.join(dir, `${name}-${c.lang}.zip`), extra);
  const form = new FormData();
  form.set('csrf', csrfOf((await c.req('/author/import')).html));
  form.set('minutes', minutes);
  form.set('summary', 'A test package.');
  form.set('package', new Blob([readFileSync(zip)], { type: 'application/zip' }), path.basename(zip));
  return (await c.req('/author/import', { method: 'POST', body: form })).html;
}

// The editor's form for module id sent back with action (preview or save) and its text changed.
async function edit(c, id, action, change) {
  const page = (await c.req(`/author/edit/${id}`)).html;
  const base = /name="base" value="([0-9a-f]*)"/.exec(page)[1];
  const text = /<textarea[^>]*>\n?([^]*?)<\/textarea>/.exec(page)[1].replace(/&lt;/g, '<').replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
  return (await c.req(`/author/edit/${id}`, { form: { csrf: csrfOf(page), base, action, level: '1', source: change(text) } })).html;
}

// The pages with findings, on the server with the content folder full of mistakes, each with a
// finding it must show: [page, how to get it, [English finding, Dutch finding]].
const FINDINGS = [
  ['the author list with modules that do not load', async (c) => (await c.req('/author')).html,
    [/onbekende sleutel &quot;auther&quot;/, /unknown key &quot;auther&quot;/]],
  ['the preview of a module harder than B1', async (c) => (await c.req('/author/modules/hard?level=1')).html,
    [/niveau 1 is moeilijker dan B1: een zin van 29 woorden/, /level 1 is harder than B1: a sentence of 29 words/]],
  ['the preview of a module with media mistakes', async (c) => (await c.req('/author/modules/media-errors?level=1')).html,
    [/heeft geen ondertitels/, /has no captions/]],
  ['the editor\'s preview with the check\'s findings', async (c) => edit(c, 'hard', 'preview', (t) => `${t}\n![](missing.jpg)\n`),
    [/afbeelding &quot;missing.jpg&quot; heeft geen alt-tekst/, /image &quot;missing.jpg&quot; has no alt text/]],
  ['the editor refusing a changed id', async (c) => edit(c, 'hard', 'save', (t) => t.replace('id: hard', 'id: other')),
    [/de id moet &quot;hard&quot; blijven/, /the id must stay &quot;hard&quot;/]],
  ['an import with warnings (SCORM 2004 4th)', async (c) => upload(c, 'scorm2004-4th'),
    [/vraagt om een willekeurige volgorde/, /asks for randomization/]],
  ['an import with warnings (SCORM 1.2)', async (c) => upload(c, 'scorm12-multi'),
    [/let niet op voorwaarden van SCORM 1.2/, /does not enforce SCORM 1.2 prerequisites/]],
  ['an import refused: an entry outside the package', async (c) => upload(c, 'scorm12-single', [{ name: '../evil.html', data: 'x' }]),
    [/gaat buiten het pakket/, /goes outside the package/]],
  ['an import refused: a manifest with a DOCTYPE', async (c) => upload(c, 'hostile-xxe'),
    [/het manifest heeft een DOCTYPE/, /the manifest has a DOCTYPE/]],
  ['an import refused: a launch file that is missing', async (c) => upload(c, 'hostile-missing-launch'),
    [/niet in het pakket/, /which is not in the package/]],
  ['an import with a wrong number of minutes (400)', async (c) => upload(c, 'scorm12-single', [], 'lots'),
    [/de minuten moeten een getal van 1 tot 600 zijn/, /the minutes must be a number from 1 to 600/]],
].map(([name, get, shows]) => [name, get, 'author', () => findings, shows]);

const pairs = catalogue();

for (const [name, get, login, server = () => srv, shows] of [...PAGES, ...FINDINGS]) {
  // (shows: what the page must show, in Dutch and in English, so that the page tested has it.)
  test(`${name}: all Dutch in Dutch, all English in English`, async () => {
    const en = await get(await client('en', login, server()));
    const nl = await get(await client('nl', login, server()));
    if (shows) assert.match(nl, shows[0], name), assert.match(en, shows[1], name);
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
      let rest = text.replace(/\S+\.(md|mp4|mp3|vtt|jpg|png|zip|json)\b/g, ' ');   // file names
      for (const c of content) rest = rest.split(c).join(' ');
      const unquoted = text.replace(/^"|"$/g, '');    // a quote in a history line
      if (content.some((c) => c.includes(unquoted))) continue;   // a sentence of content
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
