// check_cli.test.mjs: `stepwise check` as a content repository's CI runs it: every sample module
// passes with "B1 ok" (also with --strict and --json) and has a knowledge check of three to five
// questions at each of its levels, warnings fail only with --strict, and bad usage exits with 2.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runCli, startServer } from '../lib/server.mjs';

test('every sample module passes, every level "B1 ok"', async () => {
  const res = await runCli(['check', 'modules']);
  assert.equal(res.code, 0, res.stdout);
  const levels = res.stdout.match(/^ {4}level \d: .*$/gm) || [];
  assert.ok(levels.length > 0, res.stdout);
  for (const line of levels) assert.match(line, /: B1 ok: /);
  assert.match(res.stdout, /(\d+) modules checked: 0 errors, 0 warnings; (\d+) of \2 levels B1 ok\n$/);
});

test('every level of every sample module has a check of three to five questions', async () => {
  const report = JSON.parse((await runCli(['check', '--json', 'modules'])).stdout);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'stepwise-samples-'));
  const srv = await startServer({ db: path.join(dir, 'samples.db') });
  try {
    assert.ok(report.readability.length >= 7, 'the sample modules');
    for (const m of report.readability) {
      for (const { level } of m.levels) {
        const html = await (await fetch(`${srv.url}/modules/${m.id}?level=${level}`)).text();
        const n = (html.match(/<fieldset[^>]* class="question"/g) || []).length;
        assert.ok(n >= 3 && n <= 5, `${m.id} level ${level}: ${n} questions`);
      }
    }
  } finally {
    await srv.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('--json --strict on the samples: one JSON document, no findings, all "B1 ok"', async () => {
  const res = await runCli(['check', '--json', '--strict', 'modules']);
  assert.equal(res.code, 0, res.stdout);
  const report = JSON.parse(res.stdout);
  assert.equal(report.errors, 0);
  assert.equal(report.warnings, 0);
  assert.deepEqual(report.diagnostics, []);
  assert.ok(report.readability.length >= 1);
  for (const m of report.readability) {
    for (const level of m.levels) {
      assert.equal(level.verdict, 'B1 ok', `${m.file} level ${level.level}`);
      assert.ok(level.flesch >= 60 && level.lix <= 40 && level.average_sentence_length <= 15);
    }
  }
});

test('warnings fail only with --strict; errors always', async () => {
  const hard = 'tests/data/modules/check/hard.md';
  const plain = await runCli(['check', hard]);
  assert.equal(plain.code, 0);
  assert.match(plain.stdout, /hard\.md:16:1: warning: level 1 is harder than B1/);
  assert.equal((await runCli(['check', '--strict', hard])).code, 1);
  assert.equal((await runCli(['check', 'tests/data/modules/check/repeat.md'])).code, 1);
});

test('bad usage exits with 2 and shows the options', async () => {
  const none = await runCli(['check']);
  assert.equal(none.code, 2);
  assert.match(none.stderr, /Usage: stepwise check \[--json\] \[--strict\] PATH/);
  assert.equal((await runCli(['check', '--nope', 'modules'])).code, 2);
  const help = await runCli(['check', '--help']);
  assert.equal(help.code, 0);
  assert.match(help.stdout, /--strict/);
});
