// operations.test.mjs: running a server: `stepwise backup` while statements are being written
// (the copy opens and holds every statement acknowledged before the backup began), `stepwise
// restore`, `stepwise check-db`, /healthz with a missing database file, and their --help.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runCli, startServer } from '../lib/server.mjs';
import { startLrs, xapi, statement, uuid } from '../lib/xapi.mjs';

const tmp = () => mkdtempSync(path.join(os.tmpdir(), 'stepwise-ops-'));

// PUTs statements one after another until stop() is called; acked holds the ids answered 204.
function writeStatements(lrs) {
  const acked = [];
  let running = true;
  const done = (async () => {
    while (running) {
      const id = uuid();
      const res = await xapi(lrs, 'PUT', 'statements', { params: { statementId: id }, body: statement() });
      assert.equal(res.status, 204, res.text);
      acked.push(id);
    }
  })();
  return { acked, async stop() { running = false; await done; } };
}

async function statementStatus(srv, auth, id) {
  const url = `${srv.url}/xapi/statements?statementId=${id}`;
  const res = await fetch(url, { headers: { Authorization: auth, 'X-Experience-API-Version': '1.0.3' } });
  await res.arrayBuffer();
  return res.status;
}

test('backup while statements are written: the copy holds every one acknowledged before; restore puts it back', async () => {
  const lrs = await startLrs();
  const dir = tmp();
  const copy = path.join(dir, 'copy.db');
  const writer = writeStatements(lrs);
  try {
    while (writer.acked.length < 25) await new Promise((r) => setTimeout(r, 10));
    const before = [...writer.acked];
    const backup = await runCli(['backup', copy, '--db', lrs.db]);
    const during = writer.acked.length - before.length;
    await writer.stop();
    assert.equal(backup.code, 0, backup.stderr);
    assert.equal(backup.stdout, `backup of ${lrs.db} written to ${copy}\n`);
    assert.ok(during > 0, 'writes went on while the backup ran');

    const checked = await runCli(['check-db', '--db', copy]);
    assert.equal(checked.code, 0, checked.stdout);
    assert.equal(checked.stdout, `${copy}: the database is sound\n`);
    const auth = lrs.clients.all.auth;
    const fromCopy = await startServer({ db: copy });
    try {
      for (const id of before) assert.equal(await statementStatus(fromCopy, auth, id), 200, id);
    } finally {
      await fromCopy.stop();
    }

    // Restore: refused while the server runs, then with it stopped; what came after is gone.
    const busy = await runCli(['restore', copy, '--db', lrs.db]);
    assert.equal(busy.code, 1);
    assert.match(busy.stderr, /is in use: stop stepwise serve/);
    const last = writer.acked[writer.acked.length - 1];
    assert.equal(await statementStatus(lrs.srv, auth, last), 200);
    await lrs.srv.stop();
    const restored = await runCli(['restore', copy, '--db', lrs.db]);
    assert.equal(restored.code, 0, restored.stderr);
    assert.equal(restored.stdout, `${lrs.db} restored from ${copy}\n`);
    const again = await startServer({ db: lrs.db });
    try {
      for (const id of before) assert.equal(await statementStatus(again, auth, id), 200, id);
      assert.equal(await statementStatus(again, auth, last), 404);
    } finally {
      await again.stop();
    }
  } finally {
    await writer.stop();
    await lrs.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('check-db says in words what is wrong, with exit status 1', async () => {
  const dir = tmp();
  try {
    const junk = path.join(dir, 'notes.db');
    writeFileSync(junk, 'meeting notes, not a database\n'.repeat(200));
    const bad = await runCli(['check-db', '--db', junk]);
    assert.equal(bad.code, 1);
    assert.match(bad.stdout, /notes\.db: .*notes\.db is not a SQLite database, or its first pages are damaged/);
    assert.match(bad.stdout, /1 problem found: restore the latest backup/);
    const none = await runCli(['check-db', '--db', path.join(dir, 'typo.db')]);
    assert.equal(none.code, 1);
    assert.match(none.stderr, /there is no database at .*typo\.db/);
    const noBackup = await runCli(['backup', path.join(dir, 'b.db'), '--db', path.join(dir, 'typo.db')]);
    assert.equal(noBackup.code, 1);
    assert.match(noBackup.stderr, /stepwise backup: there is no database at .*typo\.db\n/);
    const usage = await runCli(['backup']);
    assert.equal(usage.code, 2);
    assert.match(usage.stderr, /stepwise backup: name one file/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('backup, restore and check-db have --help and are listed in stepwise --help', async () => {
  const main = await runCli(['--help']);
  for (const cmd of ['backup FILE', 'restore BACKUP', 'check-db']) assert.ok(main.stdout.includes(cmd), cmd);
  for (const [cmd, text] of [['backup', /consistent copy/], ['restore', /Stop\nstepwise serve first/],
    ['check-db', /integrity check/]]) {
    const res = await runCli([cmd, '--help']);
    assert.equal(res.code, 0);
    assert.match(res.stdout, text);
    assert.match(res.stdout, /STEPWISE_DB/);
  }
});

test('/healthz is 503 with the reason while the database file is missing, and names the version', async () => {
  const dir = tmp();
  const db = path.join(dir, 'h.db');
  const srv = await startServer({ db });
  try {
    let res = await fetch(srv.url + '/healthz');
    assert.equal(res.status, 200);
    assert.match(await res.text(), /^ok \d+ modules\nversion \d+\.\d+\.\d+\n$/);
    renameSync(db, db + '.moved');
    // A good answer is believed for a second; then the database is asked again.
    const deadline = Date.now() + 3000;
    do {
      await new Promise((r) => setTimeout(r, 100));
      res = await fetch(srv.url + '/healthz');
      if (res.status === 200) await res.text();
    } while (res.status === 200 && Date.now() < deadline);
    assert.equal(res.status, 503);
    assert.equal(res.headers.get('cache-control'), 'no-store');
    assert.match(await res.text(), /^error: the database file is missing \(deleted or moved while Stepwise runs\): stop Stepwise and restore the latest backup\nversion \d+\.\d+\.\d+\n$/);
    assert.match(srv.stderr(), /stepwise: healthz: the database file is missing/);
    renameSync(db + '.moved', db);
    res = await fetch(srv.url + '/healthz');
    assert.equal(res.status, 200);
    await res.text();
  } finally {
    await srv.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});
