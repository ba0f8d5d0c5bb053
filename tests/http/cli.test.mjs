// cli.test.mjs: the stepwise command line: help, version, options, environment and errors.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { ROOT, runCli, startServer } from '../lib/server.mjs';

test('--help and --version', async () => {
  const help = await runCli(['--help']);
  assert.equal(help.code, 0);
  assert.match(help.stdout, /Usage: stepwise COMMAND/);
  assert.match(help.stdout, /serve/);
  assert.match(help.stdout, /check/);
  const version = await runCli(['--version']);
  assert.equal(version.code, 0);
  assert.match(version.stdout, /^stepwise \d+\.\d+\.\d+\n$/);
  const serveHelp = await runCli(['serve', '--help']);
  assert.equal(serveHelp.code, 0);
  for (const opt of ['--content', '--db', '--listen', '--max-body', 'STEPWISE_LISTEN']) {
    assert.ok(serveHelp.stdout.includes(opt), opt);
  }
});

test('unknown commands and bad options fail with a clear message and status 2', async () => {
  const unknown = await runCli(['fly']);
  assert.equal(unknown.code, 2);
  assert.match(unknown.stderr, /unknown command "fly"/);
  const badListen = await runCli(['serve', '--listen', 'nowhere']);
  assert.equal(badListen.code, 2);
  assert.match(badListen.stderr, /--listen: "nowhere" is not HOST:PORT/);
  const badBody = await runCli(['serve', '--max-body', 'lots']);
  assert.equal(badBody.code, 2);
  assert.match(badBody.stderr, /--max-body: "lots" is not a number/);
  const badSync = await runCli(['serve', '--sync', 'sometimes']);
  assert.equal(badSync.code, 2);
  assert.match(badSync.stderr, /--sync: "sometimes" is not full or normal/);
  const badEnv = await runCli(['serve'], { env: { STEPWISE_TIMEOUT: '0' } });
  assert.equal(badEnv.code, 2);
  assert.match(badEnv.stderr, /STEPWISE_TIMEOUT: --timeout: "0" is not a number from 1/);
});

test('a content folder that does not exist stops the server with status 1', async () => {
  const res = await runCli(['serve', '--content', '/nonexistent/stepwise', '--listen', '127.0.0.1:1']);
  assert.equal(res.code, 1);
  assert.match(res.stderr, /\/nonexistent\/stepwise/);
});

test('settings come from the environment when no option is given', async () => {
  const srv = await startServer({
    content: path.join(ROOT, 'tests/data/site'),
    env: { STEPWISE_MAX_FORM_BYTES: '1k' },
  });
  try {
    const res = await fetch(srv.url + '/login', { method: 'POST', body: 'y'.repeat(1500) });
    assert.equal(res.status, 413);
    assert.match(await res.text(), /1024 bytes/);
  } finally {
    await srv.stop();
  }
});

test('the log says how the database flushes commits: full by default, normal when asked', async () => {
  const full = await startServer({ content: path.join(ROOT, 'tests/data/site') });
  const normal = await startServer({ content: path.join(ROOT, 'tests/data/site'), env: { STEPWISE_SYNC: 'normal' } });
  try {
    assert.match(full.stderr(), /every commit is flushed to disk before the reply \(--sync full\)/);
    assert.match(normal.stderr(), /a power cut may lose the last ones \(--sync normal\)/);
  } finally {
    await full.stop();
    await normal.stop();
  }
});
