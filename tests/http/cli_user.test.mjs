// cli_user.test.mjs: `stepwise user add|list|card`: users added on the command line sign in to
// the running server with the printed or typed password, the printed card address signs in, a
// new card stops the old one, and mistakes get a clear message and exit status.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runCli, startServer } from '../lib/server.mjs';
import { Client } from '../lib/session.mjs';

let dir, db, srv;

before(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'stepwise-ucli-'));
  db = path.join(dir, 'sub', 'users.db');     // add creates the folder
});

after(async () => {
  await srv?.stop();
  rmSync(dir, { recursive: true, force: true });
});

test('user add makes a password and prints it once; user list shows the users', async () => {
  let r = await runCli(['user', 'add', 'Anna', '--name', 'Anna de Vries', '--admin', '--db', db]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^Added user anna \(id 1\)\.$/m);
  const pw = /^Password: ([a-z-]{19})$/m.exec(r.stdout)?.[1];
  assert.ok(pw, r.stdout);
  r = await runCli(['user', 'add', 'bob', '--name', 'Bob', '--author', '--language', 'nl',
    '--password-stdin', '--db', db], { input: 'bobs-password\n' });
  assert.equal(r.code, 0, r.stderr);
  assert.doesNotMatch(r.stdout, /Password:/);
  r = await runCli(['user', 'list', '--db', db]);
  assert.equal(r.code, 0);
  assert.equal(r.stdout, 'ID\tLOGIN\tROLES\tSTATUS\tNAME\n1\tanna\tadmin\tactive\tAnna de Vries\n'
    + '2\tbob\tauthor\tactive\tBob\n');

  srv = await startServer({ db });
  assert.equal((await new Client(srv.url).signIn('anna', pw)).status, 303);
  assert.equal((await new Client(srv.url).signIn('bob', 'bobs-password')).status, 303);
  const admin = new Client(srv.url);
  await admin.signIn('anna', pw);
  assert.equal((await admin.req('/admin/users')).status, 200);
});

test('user card prints the card address; a new card stops the old one', async () => {
  const env = { STEPWISE_PUBLIC_URL: 'https://learn.example' };
  let r = await runCli(['user', 'card', 'bob', '--db', db], { env });
  assert.equal(r.code, 0, r.stderr);
  const first = /^https:\/\/learn\.example\/card\/([A-Za-z0-9_-]{43})$/m.exec(r.stdout)?.[1];
  assert.ok(first, r.stdout);
  assert.match(r.stderr, /anyone with this address can sign in as them/);
  r = await runCli(['user', 'card', 'BOB', '--db', db, '--public-url', 'http://10.0.0.5:8080/']);
  assert.equal(r.code, 0, r.stderr);
  const second = /^http:\/\/10\.0\.0\.5:8080\/card\/([A-Za-z0-9_-]{43})$/m.exec(r.stdout)?.[1];
  assert.ok(second, r.stdout);
  const c = new Client(srv.url);
  assert.equal((await c.cardSignIn('/card/' + second)).status, 303);
  // Bob was added with --language nl: his pages are in Dutch.
  assert.match((await c.req('/')).html, /ingelogd als <\/span><span class="who">Bob</);
  assert.equal((await new Client(srv.url).cardSignIn('/card/' + first)).status, 403);
});

test('mistakes get a message and exit status 1 or 2, and change nothing', async () => {
  const cases = [
    [['user', 'add', 'anna', '--name', 'Again', '--db', db], 1, /the login name anna is taken/],
    [['user', 'add', 'bad name', '--name', 'X', '--db', db], 2, /login name can only have/],
    [['user', 'add', 'carl', '--db', db], 2, /give the LOGIN and --name/],
    [['user', 'add', 'carl', '--name', 'C', '--password-stdin', '--db', db], 2, /at least 8 characters/, 'short\n'],
    [['user', 'card', 'nobody', '--db', db], 1, /there is no user nobody/],
    [['user', 'list', '--db', path.join(dir, 'none.db')], 1, /no database at/],
    [['user', 'list', '--bogus'], 2, /unknown option/],
    [['user', 'frob'], 2, /unknown command "frob"/],
  ];
  for (const [args, code, message, input] of cases) {
    const r = await runCli(args, { input });
    assert.equal(r.code, code, args.join(' '));
    assert.match(r.stderr, message, args.join(' '));
  }
  assert.equal(existsSync(path.join(dir, 'none.db')), false);
  const r = await runCli(['user', 'list', '--db', db]);
  assert.equal(r.stdout.trim().split('\n').length, 3);    // header, anna, bob
  const help = await runCli(['user', '--help']);
  assert.equal(help.code, 0);
  assert.match(help.stdout, /stepwise user add LOGIN --name/);
  assert.match((await runCli(['--help'])).stdout, /user +add or list users/);
});
