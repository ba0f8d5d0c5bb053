// catalogs.test.mjs: every interface text of the code is translated in every po/LANG.po. The
// template comes from the code itself (make build/po/stepwise.pot runs xgettext), so a text added
// without its translation, or a translation left fuzzy or empty, fails here.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from '../lib/server.mjs';

const languages = readdirSync(path.join(ROOT, 'po')).filter((f) => f.endsWith('.po'));
const pot = path.join(ROOT, 'build/po/stepwise.pot');

test('the template is made from the code and holds the texts the code marks', () => {
  execFileSync('make', ['--no-print-directory', '-s', '-B', 'build/po/stepwise.pot'], { cwd: ROOT });
  const text = readFileSync(pot, 'utf8');
  assert.match(text, /msgctxt "month"\nmsgid "December"/);
  assert.match(text, /msgctxt "language name"\nmsgid "English"/);
  assert.ok(languages.includes('nl.po'), 'po/nl.po');
});

for (const file of languages) {
  test(`po/${file}: every text translated, none fuzzy, none left over`, () => {
    const po = path.join(ROOT, 'po', file);
    const cmp = spawnSync('msgcmp', [po, pot], { encoding: 'utf8' });
    assert.equal(cmp.status, 0, `texts of the code that po/${file} does not translate (run make po-update):\n${cmp.stderr}`);
    const stats = spawnSync('msgfmt', ['--check', '--statistics', '-o', '/dev/null', po], { encoding: 'utf8' });
    assert.equal(stats.status, 0, stats.stderr);
    assert.match(stats.stderr, /^\d+ translated messages?\.\n$/, stats.stderr);
    const body = readFileSync(po, 'utf8');
    assert.doesNotMatch(body, /^#~/m, 'texts the code no longer has (run make po-update)');
    assert.match(body, /^"Language: [a-z]{2,3}(_[A-Z]{2})?\\n"$/m);
    assert.match(body, /^"Plural-Forms: nplurals=\d+; plural=.*;\\n"$/m);
  });
}
