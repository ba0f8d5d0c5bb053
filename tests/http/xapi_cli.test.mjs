// xapi_cli.test.mjs: the administrator's LRS commands: `stepwise xapi-client add|list|revoke`
// (a revoked key is refused at once by the running server) and `stepwise erase --learner|--before`
// (only the records meant go, the counts are printed and the erasure is logged).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runCli, startServer } from '../lib/server.mjs';

function tmpDb() {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'stepwise-xcli-'));
  return { dir, db: path.join(dir, 'lrs.db') };
}

async function addClient(db, name, scopes) {
  const args = ['xapi-client', 'add', name, '--db', db];
  for (const s of scopes) args.push('--scope', s);
  const res = await runCli(args);
  assert.equal(res.code, 0, res.stderr);
  const key = res.stdout.match(/^key: ([0-9a-f]+)$/m)?.[1];
  const secret = res.stdout.match(/^secret: (\S+)$/m)?.[1];
  assert.ok(key && secret, res.stdout);
  return { key, secret, stdout: res.stdout, auth: 'Basic ' + Buffer.from(`${key}:${secret}`).toString('base64') };
}

function api(srv, auth) {
  return async (method, resource, params = {}, body) => {
    const url = new URL(`${srv.url}/xapi/${resource}`);
    for (const [k, v] of Object.entries(params)) url.searchParams.set(k, typeof v === 'string' ? v : JSON.stringify(v));
    const headers = { Authorization: auth, 'X-Experience-API-Version': '1.0.3' };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    const res = await fetch(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await res.text();
    let json;
    try { json = JSON.parse(text); } catch { json = undefined; }
    return { status: res.status, json, text };
  };
}

const statement = (mbox, extra = {}) => ({
  actor: { objectType: 'Agent', mbox },
  verb: { id: 'http://adlnet.gov/expapi/verbs/completed', display: { en: 'completed' } },
  object: { objectType: 'Activity', id: 'http://example.com/activities/lifting' },
  ...extra,
});

test('xapi-client add: the example command uses the configured public URL', async () => {
  const { dir, db } = tmpDb();
  try {
    const args = ['xapi-client', 'add', 'Quiz app', '--scope', 'statements/write', '--db', db];
    let res = await runCli([...args, '--public-url', 'https://learn.example.com/']);
    assert.equal(res.code, 0, res.stderr);
    assert.match(res.stdout, /^ {7}https:\/\/learn\.example\.com\/xapi\/statements$/m);
    assert.doesNotMatch(res.stdout, /127\.0\.0\.1/);
    res = await runCli(args, { env: { STEPWISE_PUBLIC_URL: 'https://lrs.example.org' } });
    assert.match(res.stdout, /^ {7}https:\/\/lrs\.example\.org\/xapi\/statements$/m);
    res = await runCli(args, { env: { STEPWISE_PUBLIC_URL: '', STEPWISE_LISTEN: '10.0.0.5:9000' } });
    assert.match(res.stdout, /^ {7}http:\/\/10\.0\.0\.5:9000\/xapi\/statements$/m);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('xapi-client: help and bad usage', async () => {
  const help = await runCli(['xapi-client', '--help']);
  assert.equal(help.code, 0);
  for (const word of ['add NAME', 'list', 'revoke KEY', '--scope', 'statements/write', 'STEPWISE_DB']) {
    assert.ok(help.stdout.includes(word), word);
  }
  const main = await runCli(['--help']);
  assert.match(main.stdout, /xapi-client/);
  assert.match(main.stdout, /erase/);
  const { dir, db } = tmpDb();
  try {
    const cases = [
      [['xapi-client'], /Usage: stepwise xapi-client/],
      [['xapi-client', 'fly'], /unknown subcommand "fly"/],
      [['xapi-client', 'add', '--db', db], /give the client's NAME/],
      [['xapi-client', 'add', 'x', '--db', db], /--scope: no scope given/],
      [['xapi-client', 'add', 'x', '--scope', 'everything', '--db', db], /unknown scope "everything"/],
      [['xapi-client', 'add', 'x', '--scope'], /missing value for "--scope"/],
      [['xapi-client', 'list', '--scope', 'all', '--db', db], /unknown option "--scope"/],
      [['xapi-client', 'revoke', '--db', db], /give the KEY/],
    ];
    for (const [args, message] of cases) {
      const res = await runCli(args);
      assert.equal(res.code, 2, args.join(' '));
      assert.match(res.stderr, message);
      assert.equal(res.stdout, '');
    }
    assert.equal(existsSync(db), false, 'bad usage creates no database');
    const missing = await runCli(['xapi-client', 'list', '--db', db]);
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /no database at/);
    const deep = await runCli(['xapi-client', 'add', 'x', '--scope', 'all', '--db', path.join(dir, 'no', 'such', 'lrs.db')]);
    assert.equal(deep.code, 1, 'a mistyped path does not grow a tree of folders');
    assert.match(deep.stderr, /cannot create folder .*no\/such/);
    assert.equal(existsSync(path.join(dir, 'no')), false);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('xapi-client: add prints key and secret once, list shows clients, revoke locks the key out', async () => {
  const { dir, db } = tmpDb();
  const nested = path.join(dir, 'data', 'lrs.db');  // add creates the folder data/
  try {
    const a = await addClient(nested, 'Quiz app', ['statements/write', 'state,profile']);
    assert.match(a.stdout, /^key: [0-9a-f]{24}\nsecret: [A-Za-z0-9_-]{43}\n/);
    assert.match(a.stdout, /curl -u /);
    const b = await addClient(nested, 'Reports', ['all/read']);
    assert.notEqual(a.key, b.key);
    const list = await runCli(['xapi-client', 'list'], { env: { STEPWISE_DB: nested } });
    assert.equal(list.code, 0, list.stderr);
    const lines = list.stdout.trim().split('\n');
    assert.equal(lines.length, 3);
    assert.match(lines[0], /KEY\s+CREATED\s+STATUS\s+SCOPES\s+NAME/);
    const rowA = lines.find((l) => l.startsWith(a.key));
    assert.match(rowA, /active\s+statements\/write state profile\s+Quiz app$/);
    assert.ok(!list.stdout.includes(a.secret), 'the secret is never shown again');

    const srv = await startServer({ db: nested });
    try {
      const call = api(srv, a.auth);
      const params = { activityId: 'http://example.com/a', agent: { mbox: 'mailto:x@example.com' }, stateId: 's' };
      assert.equal((await call('PUT', 'activities/state', params, { a: 1 })).status, 204);
      const wrong = api(srv, 'Basic ' + Buffer.from(`${a.key}:${b.secret}`).toString('base64'));
      assert.equal((await wrong('GET', 'activities/state', params)).status, 401);
      const revoke = await runCli(['xapi-client', 'revoke', a.key, '--db', nested]);
      assert.equal(revoke.code, 0, revoke.stderr);
      assert.equal(revoke.stdout, `revoked: ${a.key}\n`);
      assert.equal((await call('GET', 'activities/state', params)).status, 401);
      const other = api(srv, b.auth);
      assert.equal((await other('GET', 'activities', { activityId: 'http://example.com/a' })).status, 200);
    } finally {
      await srv.stop();
    }
    const after = await runCli(['xapi-client', 'list', '--db', nested]);
    assert.match(after.stdout.split('\n').find((l) => l.startsWith(a.key)), /revoked/);
    const unknown = await runCli(['xapi-client', 'revoke', 'feedfeed', '--db', nested]);
    assert.equal(unknown.code, 1);
    assert.match(unknown.stderr, /no API client with key "feedfeed"/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('erase: help and bad usage', async () => {
  const help = await runCli(['erase', '--help']);
  assert.equal(help.code, 0);
  assert.match(help.stdout, /--learner AGENT_JSON/);
  assert.match(help.stdout, /--before DATE/);
  const { dir, db } = tmpDb();
  try {
    await addClient(db, 'x', ['all']);
    const cases = [
      [['erase', '--db', db], /either --learner AGENT_JSON or --before DATE/],
      [['erase', '--learner', '{"mbox":"mailto:a@example.com"}', '--before', '2020-01-01', '--db', db], /either/],
      [['erase', '--learner', 'ann', '--db', db], /--learner: not JSON/],
      [['erase', '--learner', '{"name":"Ann"}', '--db', db], /--learner: .*mbox/],
      [['erase', '--learner', '{"mbox":"ann@example.com"}', '--db', db], /--learner: learner\.mbox/],
      [['erase', '--before', 'last year', '--db', db], /--before: "last year" is not a date/],
      [['erase', '--before', '2020-01-01T00:00:00', '--db', db], /is not a date/],
      [['erase', '--what', '--db', db], /unknown option/],
    ];
    for (const [args, message] of cases) {
      const res = await runCli(args);
      assert.equal(res.code, 2, args.join(' ') + '\n' + res.stderr);
      assert.match(res.stderr, message);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('erase --learner removes that learner\'s statements and documents only', async () => {
  const { dir, db } = tmpDb();
  try {
    const { auth } = await addClient(db, 'lms', ['all']);
    const srv = await startServer({ db });
    try {
      const call = api(srv, auth);
      const ann = 'mailto:ann@example.com', bob = 'mailto:bob@example.com';
      const instructed = statement(bob, { context: { instructor: { mbox: ann } } });
      const posted = await call('POST', 'statements', {}, [statement(ann), statement(ann), statement(bob), instructed]);
      assert.equal(posted.status, 200, posted.text);
      const [, , bobId] = posted.json;
      const doc = (mbox) => ({ activityId: 'http://example.com/a', agent: { mbox }, stateId: 'progress' });
      assert.equal((await call('PUT', 'activities/state', doc(ann), { step: 1 })).status, 204);
      assert.equal((await call('PUT', 'activities/state', doc(bob), { step: 2 })).status, 204);
      assert.equal((await call('POST', 'agents/profile', { agent: { mbox: ann }, profileId: 'p' }, { a: 1 })).status, 204);

      const res = await runCli(['erase', '--learner', JSON.stringify({ objectType: 'Agent', mbox: 'mailto:ann@EXAMPLE.com' }), '--db', db]);
      assert.equal(res.code, 0, res.stderr);
      assert.equal(res.stdout, 'erased 3 statements, 2 documents and 0 attachments of the learner\n');
      assert.match(res.stderr, /erase=learner statements=3 documents=2 attachments=0 erasure_log=\d+/);
      assert.ok(!res.stderr.includes('ann@'), 'the log keeps no personal data');

      assert.deepEqual((await call('GET', 'statements', { agent: { mbox: ann } })).json.statements, []);
      const left = (await call('GET', 'statements', { agent: { mbox: bob } })).json.statements;
      assert.deepEqual(left.map((s) => s.id), [bobId], 'the statement where Ann was instructor is gone too');
      assert.equal((await call('GET', 'activities/state', doc(ann))).status, 404);
      assert.deepEqual((await call('GET', 'activities/state', doc(bob))).json, { step: 2 });
      assert.equal((await call('GET', 'agents/profile', { agent: { mbox: ann }, profileId: 'p' })).status, 404);

      const again = await runCli(['erase', '--learner', '{"mbox":"mailto:ann@example.com"}', '--db', db]);
      assert.equal(again.stdout, 'erased 0 statements, 0 documents and 0 attachments of the learner\n');
    } finally {
      await srv.stop();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('erase --before removes statements stored before the date', async () => {
  const { dir, db } = tmpDb();
  try {
    const { auth } = await addClient(db, 'lms', ['all']);
    const srv = await startServer({ db });
    try {
      const call = api(srv, auth);
      const ann = 'mailto:ann@example.com';
      const old = await call('POST', 'statements', {}, [statement(ann), statement(ann)]);
      assert.equal(old.status, 200, old.text);
      await new Promise((r) => setTimeout(r, 30));
      const cut = new Date().toISOString();
      await new Promise((r) => setTimeout(r, 30));
      const recent = await call('POST', 'statements', {}, [statement(ann)]);

      const none = await runCli(['erase', '--before', '2000-01-01', '--db', db]);
      assert.equal(none.code, 0, none.stderr);
      assert.equal(none.stdout, 'erased 0 statements, 0 documents and 0 attachments stored before 2000-01-01T00:00:00.000Z\n');

      const res = await runCli(['erase', '--before', cut, '--db', db]);
      assert.equal(res.code, 0, res.stderr);
      assert.match(res.stdout, /^erased 2 statements, 0 documents and 0 attachments stored before /);
      assert.match(res.stderr, /erase=before statements=2/);
      const left = (await call('GET', 'statements', { agent: { mbox: ann } })).json.statements;
      assert.deepEqual(left.map((s) => s.id), recent.json);
    } finally {
      await srv.stop();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
