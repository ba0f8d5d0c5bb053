// http_framing.test.mjs: requests whose framing two HTTP parsers could read differently are
// refused with 400 (411 for a chunked body) in Stepwise's own words, over a raw socket, and the
// bytes after such a head never run as a second request (issue 10, findings 10 and 11).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/server.mjs';
import { exchange } from '../lib/raw.mjs';

let srv;
before(async () => { srv = await startServer(); });
after(async () => { await srv.stop(); });

const smuggled = 'GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n';

// libmicrohttpd's own pages are bare "<html><head><title>" documents; ours are not.
function assertOurs(res, pattern) {
  assert.doesNotMatch(res.text, /<html><head><title>/i);
  assert.match(res.text, pattern);
}

test('two different Content-Length headers: 400, and the bytes after the head are no request', async () => {
  const body = 'a=b&' + smuggled;
  const res = await exchange(srv.port, 'POST /login HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\n' +
    `Content-Length: ${body.length}\r\n\r\n${body}`);
  assert.equal(res.status, 400);
  assert.equal(res.replies, 1, res.text);
  assert.doesNotMatch(res.text, /ok \d+ modules/);
  assertOurs(res, /more than one Content-Length/);
});

test('Content-Length with Transfer-Encoding: chunked is 400', async () => {
  const res = await exchange(srv.port, 'POST /login HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n' +
    'Transfer-Encoding: chunked\r\n\r\n0\r\n\r\n' + smuggled);
  assert.equal(res.status, 400);
  assert.equal(res.replies, 1, res.text);
  assertOurs(res, /both Content-Length and Transfer-Encoding/);
});

test('an HTTP/1.1 request without Host is 400; HTTP/1.0 needs none', async () => {
  const res = await exchange(srv.port, 'GET /healthz HTTP/1.1\r\nConnection: close\r\n\r\n');
  assert.equal(res.status, 400);
  assertOurs(res, /HTTP\/1\.1 request needs a Host header/);
  const old = await exchange(srv.port, 'GET /healthz HTTP/1.0\r\n\r\n');
  assert.equal(old.status, 200);
});

test('bare LF line ends, a bare CR and folded header lines are 400 from the gate', async () => {
  const cases = [
    ['GET /healthz HTTP/1.1\nHost: x\n\n', /must end in CR LF/],
    ['GET /healthz HTTP/1.1\r\nHost: x\n\r\n', /must end in CR LF/],
    ['GET /healthz HTTP/1.1\r\nHost: x\rX-A: b\r\n\r\n', /must end in CR LF/],
    ['GET /healthz HTTP/1.1\r\nHost: x\r\nX-A: one\r\n two\r\n\r\n', /folded header/],
    ['GET /healthz HTTP/1.1\r\nHost : x\r\n\r\n', /no space before the colon/],
    ['GET /health z HTTP/1.1\r\nHost: x\r\n\r\n', /request line must be/],
  ];
  for (const [head, why] of cases) {
    const res = await exchange(srv.port, head + smuggled);
    assert.equal(res.status, 400, JSON.stringify(head));
    assert.equal(res.replies, 1, res.text);
    assertOurs(res, why);
    assert.ok(res.closed, 'the connection is closed');
  }
});

test('a chunked body, even with a 100 KB chunk extension, gets our 411, never the library page', async () => {
  const res = await exchange(srv.port, 'POST /xapi/statements HTTP/1.1\r\nHost: x\r\n' +
    `Transfer-Encoding: chunked\r\n\r\n5;${'e'.repeat(100 * 1024)}\r\nhello\r\n0\r\n\r\n`);
  assert.equal(res.status, 411);
  assertOurs(res, /Content-Length header/);
});

test('a head larger than 8 KiB is 431, an unknown HTTP version 505, both in our words', async () => {
  const big = await exchange(srv.port, `GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: ${'b'.repeat(9000)}\r\n\r\n`);
  assert.equal(big.status, 431);
  assertOurs(big, /request head is too large/);
  const v2 = await exchange(srv.port, 'GET /healthz HTTP/2.0\r\nHost: x\r\n\r\n');
  assert.equal(v2.status, 505);
  assertOurs(v2, /HTTP\/1\.0 and HTTP\/1\.1 only/);
});

// A request head of exactly size bytes.
const head = (size) => {
  const start = 'GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: ';
  return start + 'b'.repeat(size - start.length - 4) + '\r\n\r\n';
};

test('a later request on a kept-alive connection is held to the 8 KiB head too: 431 in our words', async () => {
  // The gate checks the first head; a later one comes straight to the engine.
  assert.equal(head(8192).length, 8192);
  const atLimit = await exchange(srv.port, smuggled + head(8192), { timeout: 1000 });
  assert.equal(atLimit.replies, 2, atLimit.text);
  assert.doesNotMatch(atLimit.text, /HTTP\/1\.1 431/);
  for (const size of [8193, 15000]) {
    const over = await exchange(srv.port, smuggled + head(size));
    assert.equal(over.replies, 2, over.text);
    assert.match(over.text, /HTTP\/1\.1 431 [^]*request head is too large/);
    assertOurs(over, /HTTP\/1\.1 200 /);
    assert.ok(over.closed, `${size}: the connection is closed`);
  }
});

test('--max-head sets the largest head, first and later on a kept-alive connection', async () => {
  const small = await startServer({ args: ['--max-head', '2k'] });
  try {
    const first = await exchange(small.port, head(2048));
    assert.equal(first.status, 200, first.text);
    const over = await exchange(small.port, head(2049));
    assert.equal(over.status, 431);
    assertOurs(over, /request head is too large\. This server takes at most 2048 bytes of request line and headers \(--max-head\)/);
    const later = await exchange(small.port, smuggled + head(2049));
    assert.equal(later.replies, 2, later.text);
    assert.match(later.text, /HTTP\/1\.1 431 [^]*request head is too large\. This server takes at most 2048 bytes/);
    assert.ok(later.closed, 'the connection is closed');
    // The default's 8 KiB head is refused by this server, first or later.
    assert.equal((await exchange(small.port, head(8192))).status, 431);
  } finally {
    await small.stop();
  }
});

test('a later request on a kept-alive connection is checked too', async () => {
  const res = await exchange(srv.port, smuggled + 'POST /login HTTP/1.1\r\nHost: x\r\n' +
    'Content-Length: 1\r\nContent-Length: 2\r\n\r\nab');
  assert.match(res.text, /^HTTP\/1\.1 200 /);
  assert.equal(res.replies, 2, res.text);
  assert.match(res.text, /HTTP\/1\.1 400 [^]*more than one Content-Length/);
});

test('Expect: 100-continue with a Content-Length over the limit gets 413 at once, no 100', async () => {
  for (const [path, limit] of [['/login', /65536 bytes/], ['/xapi/statements', /16777216 bytes/]]) {
    const res = await exchange(srv.port, `POST ${path} HTTP/1.1\r\nHost: x\r\n` +
      'X-Experience-API-Version: 1.0.3\r\nContent-Type: application/json\r\n' +
      'Authorization: Basic eDp5\r\n' +
      'Content-Length: 999999999\r\nExpect: 100-continue\r\n\r\n', { timeout: 2000 });
    assert.equal(res.status, 413, `${path}: ${res.text.slice(0, 200)}`);
    assert.doesNotMatch(res.text, /100 Continue/);
    assert.match(res.text, limit);
  }
  // Within the limit the client is asked to go on.
  const ok = await exchange(srv.port, 'POST /login HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n' +
    'Expect: 100-continue\r\n\r\n', { timeout: 500 });
  assert.match(ok.text, /^HTTP\/1\.1 100 Continue/);
});
