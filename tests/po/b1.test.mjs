// b1.test.mjs: the Dutch texts of the interface are B1 themselves. Every msgstr of po/nl.po goes
// through the project's own plain-language check (`stepwise check`, content/readability.c, the
// rules of README "When a level is B1 ok"): each text becomes a paragraph of one Dutch module
// (so each ends its own sentence), with markup taken out and placeholders filled with a word or
// a number as the page fills them. Interface texts are short, so a formula over one text of two
// words says little; what the checker can judge there is sentence length: no sentence of any
// text may be over 20 words (the checker's "rewrite" limit, stricter than the 25 that fails a
// lesson). The word and syllable formulas (average sentence, LIX, Flesch-Douma) are applied to
// all the texts together, as one text, the way a person meets them across the pages.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT, runCli } from '../lib/server.mjs';

// Every translation in po/nl.po (plural forms each on their own), unescaped.
function translations(file) {
  const po = execFileSync('msgcat', ['--no-wrap', file], { encoding: 'utf8' });
  const out = [];
  for (const m of po.matchAll(/^msgstr(?:\[\d+\])? "((?:[^"\\]|\\.)*)"$/gm)) {
    const text = JSON.parse(`"${m[1]}"`);
    if (text && !text.startsWith('Project-Id-Version:')) out.push(text);
  }
  return out;
}

// A text as a reader sees it: no tags or Markdown links, placeholders filled ("%s" a name, "%d" a
// number).
function asRead(text) {
  return text.replace(/<[^>]+>/g, '')
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')   // a finding's example of Markdown: its words
    .replace(/%(\d+\$)?s/g, 'Anna')
    .replace(/%(\d+\$)?[0-9]*(?:l{0,2}|z)[du]/g, '3')
    .replace(/\s+/g, ' ').trim();
}

test('every Dutch text of the interface is B1 (the project\'s own check)', async () => {
  const texts = translations(path.join(ROOT, 'po/nl.po'));
  assert.ok(texts.length > 200, `${texts.length} translations`);
  const paragraphs = texts.map(asRead).filter((t) => /\p{L}/u.test(t));
  const dir = mkdtempSync(path.join(os.tmpdir(), 'stepwise-b1-'));
  try {
    const file = path.join(dir, 'interface-nl.md');
    writeFileSync(file, '---\nid: interface-nl\ntitle: De teksten van Stepwise\n'
      + 'summary: Alle Nederlandse teksten van de schermen.\nlanguage: nl\nminutes: 5\nlevels: [1]\n---\n\n'
      + paragraphs.map((p) => p.replace(/^([#>*+-]|\d+[.)])/, '\\$1')).join('\n\n') + '\n');
    const r = await runCli(['check', '--json', file]);
    assert.equal(r.code, 0, r.stderr + r.stdout);
    const level = JSON.parse(r.stdout).readability[0].levels[0];
    assert.equal(level.sentences >= paragraphs.length, true, JSON.stringify(level));
    const long = level.long_sentences.map((s) => `${s.words} words: ${s.text}`);
    assert.deepEqual(long, [], 'texts with a sentence over 20 words');
    assert.equal(level.verdict, 'B1 ok', JSON.stringify({ ...level, rewrite_first: undefined }));
    assert.ok(level.average_sentence_length <= 15, JSON.stringify(level));
    console.log(`${paragraphs.length} texts: ${level.sentences} sentences, ${level.words} words, LIX ${level.lix}, Flesch-Douma ${level.flesch}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the check sees a text that is too hard: a long Dutch sentence fails it', async () => {
  // The same path as above with one text of the kind the catalogue must not hold.
  const hard = 'Wanneer u de door de beheerder verstrekte inloggegevens niet meer kunt terugvinden, '
    + 'dient u zich onverwijld tot de verantwoordelijke functionaris van de afdeling te wenden, '
    + 'die vervolgens een nieuwe toegangscode zal genereren.';
  const dir = mkdtempSync(path.join(os.tmpdir(), 'stepwise-b1-'));
  try {
    const file = path.join(dir, 'hard.md');
    writeFileSync(file, '---\nid: hard\ntitle: Moeilijk\nsummary: Een te moeilijke tekst.\n'
      + `language: nl\nminutes: 5\nlevels: [1]\n---\n\n${asRead(hard)}\n`);
    const r = await runCli(['check', '--json', file]);
    const level = JSON.parse(r.stdout).readability[0].levels[0];
    assert.equal(level.long_sentences.length, 1);
    assert.equal(level.verdict, 'harder than B1');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
