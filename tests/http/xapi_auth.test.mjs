// xapi_auth.test.mjs: authentication and scopes of the xAPI LRS: HTTP Basic with the clients
// `stepwise xapi-client add` creates, 401 for missing, wrong or revoked credentials, 403 for a
// missing scope, and statements/read/mine limiting reads to the client's own statements.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { runCli } from '../lib/server.mjs';
import { startLrs, xapi, statement, uuid } from '../lib/xapi.mjs';

let lrs;
before(async () => {
  lrs = await startLrs({
    all: ['all'],
    writer: ['statements/write'],
    reader: ['statements/read'],
    mine: ['statements/write', 'statements/read/mine'],
    allRead: ['all/read'],
    state: ['state'],
    revoked: ['all'],
  });
});
after(async () => { await lrs.stop(); });

const as = (name) => ({ auth: lrs.clients[name].auth });
const basic = (user, pass) => 'Basic ' + Buffer.from(`${user}:${pass}`).toString('base64');

test('no, malformed or wrong credentials get 401 with a Basic challenge', async () => {
  const { key, secret } = lrs.clients.all;
  for (const auth of [null, 'Bearer abc', 'Basic !!!', basic(key, secret + 'x'), basic('nobody', secret),
    basic(key, ''), 'Basic ' + Buffer.from(key).toString('base64')]) {
    const res = await xapi(lrs, 'GET', 'statements', { auth });
    assert.equal(res.status, 401, String(auth));
    assert.equal(res.headers.get('www-authenticate'), 'Basic realm="Stepwise xAPI"');
    assert.equal(res.headers.get('x-experience-api-version'), '1.0.3');
    assert.match(res.json.error, /^Authorization/);
  }
  assert.equal((await xapi(lrs, 'GET', 'statements', { auth: basic(key, secret) })).status, 200);
});

test('a revoked client is refused like an unknown one', async () => {
  assert.equal((await xapi(lrs, 'GET', 'statements', as('revoked'))).status, 200);
  const res = await runCli(['xapi-client', 'revoke', lrs.clients.revoked.key, '--db', lrs.db]);
  assert.equal(res.code, 0, res.stderr);
  const after = await xapi(lrs, 'GET', 'statements', as('revoked'));
  assert.equal(after.status, 401);
  assert.equal((await xapi(lrs, 'POST', 'statements', { ...as('revoked'), body: statement() })).status, 401);
});

test('the version header is checked before the credentials', async () => {
  const res = await xapi(lrs, 'GET', 'statements', { auth: null, version: null });
  assert.equal(res.status, 400);
});

test('scopes: writing needs statements/write, reading statements/read', async () => {
  const written = await xapi(lrs, 'POST', 'statements', { ...as('writer'), body: statement() });
  assert.equal(written.status, 200);
  const id = written.json[0];
  const denied = await xapi(lrs, 'GET', 'statements', { ...as('writer'), params: { statementId: id } });
  assert.equal(denied.status, 403);
  assert.match(denied.json.error, /statements\/read\/mine/);
  const readerWrite = await xapi(lrs, 'PUT', 'statements', { ...as('reader'), params: { statementId: uuid() }, body: statement() });
  assert.equal(readerWrite.status, 403);
  assert.match(readerWrite.json.error, /statements\/write/);
  assert.equal((await xapi(lrs, 'GET', 'statements', { ...as('reader'), params: { statementId: id } })).status, 200);
  const stateOnly = await xapi(lrs, 'GET', 'statements', as('state'));
  assert.equal(stateOnly.status, 403);
});

test('all/read reads everything and writes nothing', async () => {
  assert.equal((await xapi(lrs, 'GET', 'statements', as('allRead'))).status, 200);
  assert.equal((await xapi(lrs, 'HEAD', 'statements', as('allRead'))).status, 200);
  const res = await xapi(lrs, 'POST', 'statements', { ...as('allRead'), body: statement() });
  assert.equal(res.status, 403);
});

test('statements/read/mine sees only the statements its own client stored', async () => {
  const verb = { id: `http://example.com/verbs/${uuid()}`, display: { en: 'tried' } };
  const own = (await xapi(lrs, 'POST', 'statements', { ...as('mine'), body: statement({ verb }) })).json[0];
  const other = (await xapi(lrs, 'POST', 'statements', { ...as('all'), body: statement({ verb }) })).json[0];
  const mine = await xapi(lrs, 'GET', 'statements', { ...as('mine'), params: { verb: verb.id } });
  assert.equal(mine.status, 200);
  assert.deepEqual(mine.json.statements.map((s) => s.id), [own]);
  assert.equal(mine.json.statements[0].authority.account.name, lrs.clients.mine.key);
  const everyone = await xapi(lrs, 'GET', 'statements', { ...as('reader'), params: { verb: verb.id } });
  assert.deepEqual(everyone.json.statements.map((s) => s.id).sort(), [own, other].sort());
  assert.equal((await xapi(lrs, 'GET', 'statements', { ...as('mine'), params: { statementId: own } })).status, 200);
  assert.equal((await xapi(lrs, 'GET', 'statements', { ...as('mine'), params: { statementId: other } })).status, 404);
});

test('the authority is always the authenticated client, whatever the statement claims', async () => {
  const claimed = { objectType: 'Agent', mbox: 'mailto:boss@example.com' };
  const id = (await xapi(lrs, 'POST', 'statements', { ...as('writer'), body: statement({ authority: claimed }) })).json[0];
  const got = await xapi(lrs, 'GET', 'statements', { ...as('reader'), params: { statementId: id } });
  assert.equal(got.json.authority.account.name, lrs.clients.writer.key);
  assert.equal(got.json.authority.mbox, undefined);
});

test('a body over --max-body gets an xAPI 413: JSON, with the version header', async () => {
  const small = await startLrs({ all: ['all'] }, { args: ['--max-body', '4096'] });
  try {
    const batch = Array.from({ length: 40 }, () => statement());
    const res = await xapi(small, 'POST', 'statements', { body: batch });
    assert.equal(res.status, 413);
    assert.equal(res.headers.get('x-experience-api-version'), '1.0.3');
    assert.match(res.headers.get('content-type'), /^application\/json/);
    assert.match(res.json.error, /larger than this LRS accepts \(4096 bytes/);
    const stored = await xapi(small, 'GET', 'statements');
    assert.equal(stored.json.statements.length, 0);
    assert.equal((await xapi(small, 'POST', 'statements', { body: statement() })).status, 200);
  } finally {
    await small.stop();
  }
});
