// proxy.test.mjs: behind a reverse proxy. X-Forwarded-For is believed only from --trusted-proxy
// (and only its last entry): the access log and the sign-in limit per address then see the
// client; otherwise the header changes nothing. HSTS and Secure cookies under an https URL.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runCli, startServer } from '../lib/server.mjs';
import { Client, addUser } from '../lib/session.mjs';

async function withServer(args, fn) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'stepwise-proxy-'));
  const db = path.join(dir, 'p.db');
  await addUser(db, 'pim', 'Pim', 'pim-password');
  const srv = await startServer({ db, args: ['--login-attempts', '1', ...args] });
  try {
    await fn(srv);
  } finally {
    await srv.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

// Waits until the server's log matches re: a request's log line is written once its reply is
// out, so it can come a moment after the reply.
async function logged(srv, re) {
  for (let i = 0; i < 100 && !re.test(srv.stderr()); i++) await new Promise((r) => setTimeout(r, 20));
  assert.match(srv.stderr(), re);
}

// The remote= of the second /healthz line (the first is the start-up probe), once written.
async function secondHealthzRemote(srv) {
  await logged(srv, /path="\/healthz"[^]*path="\/healthz"/);
  return [...srv.stderr().matchAll(/remote=(\S+) method=GET path="\/healthz"/g)][1][1];
}

// A client whose every request says it was forwarded for `forwarded`.
function forwardedClient(srv, forwarded) {
  const c = new Client(srv.url);
  const req = c.req.bind(c);
  c.req = (p, opts = {}) => req(p, { ...opts, headers: { ...(opts.headers || {}), 'X-Forwarded-For': forwarded } });
  return c;
}

test('without --trusted-proxy, X-Forwarded-For is ignored', async () => {
  await withServer([], async (srv) => {
    const a = forwardedClient(srv, '203.0.113.7');
    const b = forwardedClient(srv, '203.0.113.8');
    // With --login-attempts 1 an address may fail 4 times (once per name). Four failures from
    // "two addresses" are still one address: the limit holds.
    for (const [c, login] of [[a, 'x1'], [a, 'x2'], [b, 'y1'], [b, 'y2']]) {
      assert.equal((await c.signIn(login, 'wrong')).status, 401);
    }
    assert.equal((await b.signIn('y3', 'wrong')).status, 429);
    await logged(srv, /remote=127\.0\.0\.1 method=POST path="\/login" status=429/);
    assert.doesNotMatch(srv.stderr(), /remote=203\.0\.113/);
  });
});

test('from the trusted proxy, the last X-Forwarded-For address is the client', async () => {
  await withServer(['--trusted-proxy', '127.0.0.1'], async (srv) => {
    // The client wrote the first entry itself; the proxy appended the address it saw.
    const a = forwardedClient(srv, '198.51.100.1, 203.0.113.7');
    const b = forwardedClient(srv, '203.0.113.8');
    for (const [c, login] of [[a, 'x1'], [a, 'x2'], [a, 'x3'], [a, 'x4']]) {
      assert.equal((await c.signIn(login, 'wrong')).status, 401);
    }
    assert.equal((await a.signIn('x5', 'wrong')).status, 429);
    // Another client behind the same proxy is not held back by the first one's mistakes.
    assert.equal((await b.signIn('pim', 'pim-password')).status, 303);
    await logged(srv, /remote=203\.0\.113\.7 method=POST path="\/login" status=429/);
    await logged(srv, /remote=203\.0\.113\.8 method=POST path="\/login" status=303/);
    assert.doesNotMatch(srv.stderr(), /remote=198\.51\.100\.1/);
    // A last entry that is not an address leaves the proxy's own.
    await (await fetch(srv.url + '/healthz', { headers: { 'X-Forwarded-For': '203.0.113.9, nonsense' } })).text();
    assert.equal(await secondHealthzRemote(srv), '127.0.0.1');
  });
});

test('a proxy that is not the peer is not believed', async () => {
  await withServer(['--trusted-proxy', '192.0.2.1'], async (srv) => {
    await (await fetch(srv.url + '/healthz', { headers: { 'X-Forwarded-For': '203.0.113.7' } })).text();
    assert.equal(await secondHealthzRemote(srv), '127.0.0.1');
  });
});

test('an https public URL: HSTS on every reply and Secure cookies; none under http', async () => {
  await withServer(['--public-url', 'https://learn.example', '--trusted-proxy', '127.0.0.1'], async (srv) => {
    for (const p of ['/', '/login', '/healthz', '/no/such/page']) {
      const res = await fetch(srv.url + p);
      await res.text();
      assert.equal(res.headers.get('strict-transport-security'), 'max-age=31536000', p);
    }
    const signed = await new Client(srv.url).signIn('pim', 'pim-password');
    assert.match(signed.headers.getSetCookie()[0], /; Secure$/);
  });
  await withServer([], async (srv) => {
    const res = await fetch(srv.url + '/');
    await res.text();
    assert.equal(res.headers.get('strict-transport-security'), null);
    const signed = await new Client(srv.url).signIn('pim', 'pim-password');
    assert.doesNotMatch(signed.headers.getSetCookie()[0], /Secure/);
  });
});

test('--trusted-proxy takes an IP address', async () => {
  const res = await runCli(['serve', '--trusted-proxy', 'proxy.example']);
  assert.equal(res.code, 2);
  assert.match(res.stderr, /--trusted-proxy: "proxy\.example" is not an IP address/);
});
