// http_slow_clients.test.mjs: clients that send their request head slowly wait at the gate, not
// in the engine's connection slots: a client that sends its head at once is answered within a
// second while they keep trying, a head must arrive whole within --header-timeout (on a
// kept-alive connection, the next one within --timeout of the last reply), and one address
// holds at most --max-connections-per-address connections (issue 10, finding 2).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/server.mjs';
import { connect, exchange } from '../lib/raw.mjs';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const GET = 'GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n';

// A client that opens a connection, sends a request line and then one header line every
// `every` ms, never ending its head; when the server closes the connection it opens another.
function slowClient(port, every, opts = {}) {
  let stopped = false, sock = null;
  const run = (async () => {
    while (!stopped) {
      try { sock = await connect(port, opts); } catch { await sleep(50); continue; }
      sock.write('GET /healthz HTTP/1.1\r\nHost: x\r\n');
      while (!stopped && !sock.destroyed && !sock.readableEnded) {
        sock.write('X-Slow: yes\r\n');
        await Promise.race([sleep(every), sock.gone]);
      }
      sock.destroy();
    }
  })();
  return { sock: () => sock, async stop() { stopped = true; sock?.destroy(); await run; } };
}

// Sends a request line on sock, then a header line every 300 ms, never ending the head, until
// the server closes the connection (or 8 s pass). Resolves to the ms that took.
async function dribbleUntilClosed(sock) {
  const t0 = Date.now();
  sock.write('GET /healthz HTTP/1.1\r\n');
  const dribble = setInterval(() => { if (!sock.destroyed) sock.write('X-Slow: yes\r\n'); }, 300);
  await Promise.race([sock.gone, sleep(8000)]);
  clearInterval(dribble);
  return Date.now() - t0;
}

// Time in ms to a 200 for one request on a fresh connection; Infinity when none within 1 s.
async function answered(port, opts = {}) {
  const t0 = Date.now();
  const res = await exchange(port, GET, { timeout: 1000, ...opts });
  return res.status === 200 ? Date.now() - t0 : Infinity;
}

test('60 slow clients on 50 connections: a normal request is still answered within a second', async () => {
  const srv = await startServer({ args: ['--max-connections', '50'] });
  const slow = Array.from({ length: 60 }, () => slowClient(srv.port, 500));
  try {
    await sleep(500);
    const times = [];
    for (let i = 0; i < 12; i++) {
      times.push(await answered(srv.port));
      await sleep(250);
    }
    assert.ok(times.every((t) => t < 1000), `answer times in ms: ${times.join(' ')}`);
  } finally {
    await Promise.all(slow.map((s) => s.stop()));
    await srv.stop();
  }
});

test('a head that is not whole within --header-timeout gets 408 and the connection is closed', async () => {
  const srv = await startServer({ args: ['--header-timeout', '2'] });
  try {
    const sock = await connect(srv.port);
    const waited = await dribbleUntilClosed(sock);
    assert.match(sock.received(), /^HTTP\/1\.1 408 Request Timeout\r\n[^]*did not arrive within 2 seconds/);
    assert.ok(waited >= 1800 && waited < 4500, `closed after ${waited} ms`);
    sock.destroy();
  } finally {
    await srv.stop();
  }
});

test('a kept-alive connection must send its next whole head within --timeout of its last reply', async () => {
  const srv = await startServer({ args: ['--timeout', '2'] });
  try {
    const sock = await connect(srv.port);
    sock.write('GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n');
    while (!/ok \d+ modules/.test(sock.received())) await sleep(20);
    // The next head comes one line at a time, each within the idle time-out, never whole.
    const waited = await dribbleUntilClosed(sock);
    assert.ok(sock.destroyed || sock.readableEnded, 'the connection was closed');
    assert.ok(waited >= 1800 && waited < 4500, `closed after ${waited} ms`);
    assert.ok(await answered(srv.port) < 1000);
    sock.destroy();
  } finally {
    await srv.stop();
  }
});

// n kept-alive connections from localAddress, each after one answered request.
async function keptAlive(port, n, localAddress) {
  const kept = [];
  for (let i = 0; i < n; i++) {
    const s = await connect(port, { localAddress });
    s.write('GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n');
    while (!/ok \d+ modules/.test(s.received())) await sleep(20);
    kept.push(s);
  }
  return kept;
}

test('--max-connections-per-address: more from one address is 503, others are served', async () => {
  const srv = await startServer({ args: ['--max-connections-per-address', '4', '--trusted-proxy', '127.0.0.5'] });
  const kept = [];
  try {
    kept.push(...await keptAlive(srv.port, 4, '127.0.0.3'));
    const fifth = await exchange(srv.port, GET, { localAddress: '127.0.0.3' });
    assert.equal(fifth.status, 503);
    assert.match(fifth.text, /Too many connections from your address/);
    assert.ok(await answered(srv.port) < 1000, 'another address is served');
    kept.pop().destroy();
    await sleep(300);
    assert.ok(await answered(srv.port, { localAddress: '127.0.0.3' }) < 1000,
      'a connection that closed frees its place');
    // An address's own slow clients make way for its client that sends a whole head.
    const slow = Array.from({ length: 4 }, () => slowClient(srv.port, 500, { localAddress: '127.0.0.4' }));
    await sleep(300);
    assert.ok(await answered(srv.port, { localAddress: '127.0.0.4' }) < 1000);
    await Promise.all(slow.map((s) => s.stop()));
    // Many clients come through the trusted proxy: its address has no limit.
    kept.push(...await keptAlive(srv.port, 6, '127.0.0.5'));
    assert.ok(await answered(srv.port, { localAddress: '127.0.0.5' }) < 1000);
  } finally {
    for (const s of kept) s.destroy();
    await srv.stop();
  }
});
