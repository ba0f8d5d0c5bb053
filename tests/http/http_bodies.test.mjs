// http_bodies.test.mjs: a request body is judged from the head before any of it is read (404,
// 405, 413 at the route's own limit, 503 when the memory for bodies in flight is taken), and
// many large bodies at once keep the server's memory bounded, and it comes back (issue 10,
// findings 1 and 4). Memory is read from /proc for the release build, since AddressSanitizer
// keeps freed memory in quarantine.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RELEASE_BIN } from '../lib/server.mjs';
import { startLrs } from '../lib/xapi.mjs';
import { connect, exchange, memory, upload } from '../lib/raw.mjs';

const MiB = 1 << 20;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// A head announcing a body of len bytes.
const head = (method, path, len, extra = '') =>
  `${method} ${path} HTTP/1.1\r\nHost: x\r\nContent-Length: ${len}\r\n${extra}\r\n`;
// The same, for a client that sends the body only once asked (100 Continue).
const ask = (method, path, len, extra = '') => head(method, path, len, extra + 'Expect: 100-continue\r\n');

test('a body is refused from its head: 404, 405 with Allow, 401, 413 at the route\'s limit', async () => {
  const lrs = await startLrs();
  const port = lrs.srv.port;
  const auth = `Authorization: ${lrs.clients.all.auth}\r\nX-Experience-API-Version: 1.0.3\r\n`;
  try {
    const cases = [
      [ask('POST', '/no/such/page', 10), 404, /no page at this address/],
      [ask('POST', '/healthz', 16 * MiB), 405, /does not accept POST requests/],
      [ask('PUT', '/login', 10), 405, /Allow: GET, HEAD, POST/],
      [ask('GET', '/', 10), 413, /larger than this server accepts \(0 bytes\)/],
      [ask('POST', '/login', 64 * 1024 + 1), 413, /\(65536 bytes\)/],
      [ask('POST', '/plans/1/edit', 64 * 1024 + 1), 413, /\(65536 bytes\)/],
      [ask('POST', '/xapi/statements', 16 * MiB + 1, auth), 413,
        /"error":"the request body is larger than this LRS accepts \(16777216 bytes/],
      // The LRS in its own format: no credentials at all, an unknown resource, a method.
      [ask('POST', '/xapi/statements', 100, 'X-Experience-API-Version: 1.0.3\r\n'), 401,
        /WWW-Authenticate: Basic[^]*"error":"Authorization: missing credentials/],
      [ask('POST', '/xapi/nothing', 100, auth), 404, /"error":"no xAPI resource at \/xapi\/nothing"/],
      [ask('PUT', '/xapi/about', 100, auth), 405, /X-Experience-API-Version: 1\.0\.3[^]*"error":"PUT is not allowed here/],
      // Not asked for, larger than is worth reading just to drop it: answered at once too.
      [head('POST', '/healthz', 17 * MiB), 405, /does not accept POST requests/],
    ];
    for (const [req, status, pattern] of cases) {
      const res = await exchange(port, req, { timeout: 2000 });
      assert.equal(res.status, status, req);
      assert.match(res.text, pattern, req);
      assert.doesNotMatch(res.text, /100 Continue/, req);
      assert.ok(res.closed, `answered without waiting for the body: ${req}`);
    }
    // A body sent along is read and dropped, so that the client sees the answer.
    const sent = await exchange(port, head('POST', '/healthz', 5000) + 'x'.repeat(5000));
    assert.equal(sent.status, 405);
    // The editor's form takes a whole module text, escaped: more than a page form.
    const editor = await exchange(port, ask('POST', '/author/edit/safe-lifting', 200 * 1024), { timeout: 500 });
    assert.match(editor.text, /^HTTP\/1\.1 100 Continue/);
  } finally {
    await lrs.stop();
  }
});

test('--max-body-memory: a body that does not fit with those in flight is 503, until they end', async () => {
  const lrs = await startLrs({ all: ['all'] }, { args: ['--max-body', '4M', '--max-body-memory', '10M'] });
  const port = lrs.srv.port;
  const xapiHead = (len, asking) => (asking ? ask : head)('POST', '/xapi/statements', len,
    `Authorization: ${lrs.clients.all.auth}\r\nX-Experience-API-Version: 1.0.3\r\n` +
    'Content-Type: application/json\r\n');
  try {
    // Two clients announce 4 MiB each and send only a little: 8 of 10 MiB are taken.
    const held = [await connect(port), await connect(port)];
    for (const s of held) s.write(xapiHead(4 * MiB) + '[');
    await sleep(300);
    const busy = await exchange(port, xapiHead(3 * MiB, true), { timeout: 2000 });
    assert.equal(busy.status, 503);
    assert.match(busy.text, /Retry-After: 5/);
    assert.match(busy.text, /receiving too much data/);
    const small = await exchange(port, xapiHead(2 * MiB, true), { timeout: 300 });
    assert.match(small.text, /^HTTP\/1\.1 100 Continue/, 'a body that fits is asked for');
    for (const s of held) s.destroy();
    await sleep(300);
    const again = await exchange(port, xapiHead(3 * MiB, true), { timeout: 300 });
    assert.match(again.text, /^HTTP\/1\.1 100 Continue/, 'the budget came back when the clients left');
  } finally {
    await lrs.stop();
  }
});

test('large bodies in parallel: memory stays bounded and comes back after', async () => {
  const lrs = await startLrs({ all: ['all'] }, { bin: RELEASE_BIN });
  const { port, proc } = lrs.srv;
  const zeros = Buffer.alloc(MiB, 0);
  // A JSON array of 0s: two bytes each, tens of bytes each once parsed.
  const array = Buffer.from('[' + '0,'.repeat(MiB / 2 - 1) + '0');
  const jsonHead = (len) => head('POST', '/xapi/statements', len,
    `Authorization: ${lrs.clients.all.auth}\r\nX-Experience-API-Version: 1.0.3\r\n` +
    'Content-Type: application/json\r\nConnection: close\r\n');
  try {
    const before = memory(proc.pid);
    const health = await Promise.all(Array.from({ length: 30 }, () =>
      upload(port, head('POST', '/healthz', 16 * MiB), zeros, 16 * MiB)));
    const xapi = await Promise.all(Array.from({ length: 30 }, () =>
      upload(port, jsonHead(8 * MiB), array, 8 * MiB)));
    const repeated = [];
    for (let i = 0; i < 3; i++) repeated.push(await upload(port, jsonHead(16 * MiB), array, 16 * MiB));
    const grew = (memory(proc.pid).hwm - before.rss) / 1024;
    assert.ok(grew < 200, `peak memory grew by ${grew.toFixed(0)} MiB`);
    await sleep(500);
    const left = (memory(proc.pid).rss - before.rss) / 1024;
    assert.ok(left < 48, `${left.toFixed(0)} MiB more than before stayed in use`);
    assert.deepEqual([...new Set(health)], [405]);
    assert.ok(xapi.every((s) => s === 413 || s === 503), xapi.join(' '));
    assert.ok(xapi.includes(413), 'some were read and refused for their JSON values');
    assert.deepEqual(repeated, [413, 413, 413]);
  } finally {
    await lrs.stop();
  }
});
