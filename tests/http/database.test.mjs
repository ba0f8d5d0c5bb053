// database.test.mjs: what the server does when the database cannot be written: a read-only
// file stops the start with a message naming the file and the fix (every start error names the
// file); a database locked by another process gives 503 with Retry-After (LRS and pages); a
// write waiting for the lock does not hold up pages served by the same worker thread; a
// full database (--db-max-bytes, as a full disk) gives 507, /healthz says so, reads go on,
// nothing acknowledged is lost, and writes work again once space is freed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { BIN, ROOT, freePort, runCli, startServer } from '../lib/server.mjs';
import { Client, addUser } from '../lib/session.mjs';
import { addClient } from '../lib/xapi.mjs';

const tmp = () => mkdtempSync(path.join(os.tmpdir(), 'stepwise-db-'));

// Runs `stepwise serve` on db, which must stop at once: { code, stderr } (code null when it
// was still running after 20 s and had to be stopped).
async function serveMustFail(db) {
  const port = await freePort();
  const r = spawnSync(BIN, ['serve', '--db', db, '--content', path.join(ROOT, 'modules'), '--listen', `127.0.0.1:${port}`],
    { timeout: 20000, encoding: 'utf8', killSignal: 'SIGTERM' });
  return { code: r.status, stderr: r.stderr };
}

// Makes the sqlite3 shell `lock` take the database's write lock and resolves once it holds it.
async function holdWriteLock(lock) {
  let out = '';
  lock.stdout.on('data', (d) => { out += d; });
  lock.stdin.write("BEGIN IMMEDIATE;\nSELECT 'locked';\n");
  while (!out.includes('locked')) await new Promise((r) => setTimeout(r, 20));
}

function post(srv, auth, body) {
  return fetch(srv.url + '/xapi/statements', { method: 'POST', body: JSON.stringify(body),
    headers: { authorization: auth, 'x-experience-api-version': '1.0.3', 'content-type': 'application/json' } });
}

const stmt = (i) => ({ id: crypto.randomUUID(), actor: { mbox: `mailto:learner${i}@example.com` },
  verb: { id: 'http://adlnet.gov/expapi/verbs/experienced' },
  object: { id: `http://example.com/activities/${i}`, definition: { name: { en: 'A lesson '.repeat(40) } } } });

// Makes path read-only in a way that also holds for root (which ignores file modes): the
// immutable attribute. Returns a function that undoes it.
function readOnly(file) {
  if (process.getuid() !== 0) {
    chmodSync(file, 0o444);
    return () => chmodSync(file, 0o644);
  }
  const r = spawnSync('chattr', ['+i', file]);
  assert.equal(r.status, 0, `chattr +i ${file}: ${r.stderr}`);
  return () => spawnSync('chattr', ['-i', file]);
}

test('a read-only database file stops the start with a message naming the file and the fix', async () => {
  const dir = tmp(), db = path.join(dir, 'ro.db');
  try {
    await addUser(db, 'ria', 'Ria', 'ria-password');
    const undo = readOnly(db);
    try {
      const r = await serveMustFail(db);
      assert.equal(r.code, 1, r.stderr);
      assert.ok(r.stderr.includes(`the database file ${db} is read-only for this user: make it writable`), r.stderr);
      assert.doesNotMatch(r.stderr, /every commit is flushed/);
    } finally {
      undo();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('every database error at start names the file', async () => {
  const dir = tmp();
  try {
    const garbage = path.join(dir, 'garbage.db');
    writeFileSync(garbage, 'this is not a database, just text that is long enough to look like a header'.repeat(20));
    let r = await serveMustFail(garbage);
    assert.equal(r.code, 1);
    assert.ok(r.stderr.includes(garbage), r.stderr);
    const folder = path.join(dir, 'a-folder.db');
    spawnSync('mkdir', [folder]);
    r = await serveMustFail(folder);
    assert.equal(r.code, 1);
    assert.ok(r.stderr.includes(folder), r.stderr);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a database locked by another process: writes get 503 with Retry-After, pages and LRS', async () => {
  const dir = tmp(), db = path.join(dir, 'locked.db');
  await addUser(db, 'ria', 'Ria', 'ria-password');
  const lrs = await addClient(db, 'tool', ['all']);
  const srv = await startServer({ db });
  const lock = spawn('sqlite3', [db], { stdio: ['pipe', 'pipe', 'inherit'] });
  try {
    await holdWriteLock(lock);
    const c = new Client(srv.url);
    await c.req('/login');
    const [x, page] = await Promise.all([post(srv, lrs.auth, stmt(1)),
      c.req('/login', { form: { csrf: c.jar.get('stepwise_login'), login: 'ria', password: 'ria-password' } })]);
    assert.equal(x.status, 503);
    assert.equal(x.headers.get('retry-after'), '5');
    assert.match((await x.json()).error, /The database is busy: another program holds it locked, so nothing was saved/);
    assert.equal(page.status, 503, page.html);
    assert.equal(page.headers.get('retry-after'), '5');
    assert.match(page.html, /The database is busy/);
    assert.ok(srv.stderr().includes(`database ${db}: locked by another process`));
    assert.equal((await fetch(srv.url + '/')).status, 200);      // reads go on
    lock.stdin.end('ROLLBACK;\n.quit\n');
    await new Promise((r) => lock.on('exit', r));
    assert.equal((await post(srv, lrs.auth, stmt(2))).status, 200);
  } finally {
    lock.kill();
    await srv.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a write that waits for the database does not hold up pages on the same worker thread', async () => {
  const dir = tmp(), db = path.join(dir, 'waiting.db');
  const lrs = await addClient(db, 'tool', ['all']);
  // One worker thread: without the write threads, the waiting POST would hold it for 5 s.
  const srv = await startServer({ db, args: ['--threads', '1'] });
  const lock = spawn('sqlite3', [db], { stdio: ['pipe', 'pipe', 'inherit'] });
  try {
    await holdWriteLock(lock);
    let answered = 0;
    const waiting = post(srv, lrs.auth, stmt(1)).then((r) => { answered = Date.now(); return r; });
    await new Promise((r) => setTimeout(r, 200));
    const page = await fetch(srv.url + '/healthz');
    const pageAt = Date.now();
    assert.equal(page.status, 200);
    const x = await waiting;
    assert.equal(x.status, 503);        // the lock outlasted the busy time-out
    assert.ok(pageAt < answered - 2000, `the page came ${answered - pageAt} ms before the write's answer`);
    lock.stdin.end('ROLLBACK;\n.quit\n');
    await new Promise((r) => lock.on('exit', r));
  } finally {
    lock.kill();
    await srv.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a full database: 507 that says what to do, /healthz reports it, reads go on, nothing acknowledged is lost', async () => {
  const dir = tmp(), db = path.join(dir, 'full.db');
  const lrs = await addClient(db, 'tool', ['all']);
  const srv = await startServer({ db, args: ['--db-max-bytes', '400k'] });
  try {
    const stored = [];
    let res;
    for (let i = 0; i < 2000; i++) {
      const s = stmt(i);
      res = await post(srv, lrs.auth, s);
      if (res.status !== 200) break;
      stored.push(s.id);
    }
    assert.equal(res.status, 507);
    assert.match((await res.json()).error, /The server's disk is full, so nothing was saved .* free space on the disk/);
    assert.ok(stored.length > 10, `only ${stored.length} statements fit`);
    const health = await fetch(srv.url + '/healthz');
    assert.equal(health.status, 507);
    assert.ok((await health.text()).includes(`database full: ${db}`));
    // Reads go on: pages and statements.
    assert.equal((await fetch(srv.url + '/modules/safe-lifting')).status, 200);
    for (const id of [stored[0], stored.at(-1)]) {
      const r = await fetch(`${srv.url}/xapi/statements?statementId=${id}`, {
        headers: { authorization: lrs.auth, 'x-experience-api-version': '1.0.3' } });
      assert.equal(r.status, 200, `acknowledged statement ${id} lost`);
    }
    assert.ok(srv.stderr().includes(`database ${db}: disk full`));
    // Space comes back (a retention erase frees pages): writes work and /healthz is ok again.
    const erase = await runCli(['erase', '--before', '2100-01-01', '--db', db]);
    assert.equal(erase.code, 0, erase.stderr);
    assert.equal((await post(srv, lrs.auth, stmt(9999))).status, 200);
    assert.match(await (await fetch(srv.url + '/healthz')).text(), /^ok /);
  } finally {
    await srv.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});
