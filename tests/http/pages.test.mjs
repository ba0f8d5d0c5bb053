// pages.test.mjs: the learner pages over real HTTP: catalogue, module levels, friendly 404s,
// static assets and media with ETag/304 and byte ranges, path traversal, body limits, HEAD,
// broken modules, cache invalidation on change, the access log and clean shutdown.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, rmSync, writeFileSync, utimesSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { ROOT, startServer } from '../lib/server.mjs';

const SITE = path.join(ROOT, 'tests/data/site');
let srv;
let content;

// Sends one raw HTTP/1.1 request (no URL normalisation by a client library) and returns the
// status code and the whole response text.
function rawGet(port, target) {
  return new Promise((resolve, reject) => {
    const sock = net.connect(port, '127.0.0.1', () => {
      sock.write(`GET ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`);
    });
    let data = '';
    sock.on('data', (d) => { data += d; });
    sock.on('end', () => resolve({ status: Number(data.split(' ')[1]), text: data }));
    sock.on('error', reject);
  });
}

before(async () => {
  content = mkdtempSync(path.join(os.tmpdir(), 'stepwise-site-'));
  cpSync(SITE, content, { recursive: true });
  writeFileSync(path.join(content, 'broken.md'), '---\nid: broken\ntitle: [unclosed\n---\nText\n');
  srv = await startServer({ content, args: ['--max-form-bytes', '2048'] });
});

after(async () => {
  await srv.stop();
  rmSync(content, { recursive: true, force: true });
});

test('the catalogue lists the good modules and skips the broken one', async () => {
  const res = await fetch(srv.url + '/');
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type'), /^text\/html; charset=utf-8/);
  const html = await res.text();
  assert.match(html, /href="\/modules\/alpha"/);
  assert.match(html, /href="\/modules\/beta"/);
  assert.doesNotMatch(html, /\/modules\/broken/);
  assert.match(srv.stderr(), /broken\.md:\d+(:\d+)?: error: /);
});

test('a module page renders the lowest level by default and each level on request', async () => {
  const first = await (await fetch(srv.url + '/modules/alpha')).text();
  assert.match(first, /Basic words for level one/);
  assert.doesNotMatch(first, /Deeper words/);
  assert.match(first, /This text shows at every level/);
  const second = await (await fetch(srv.url + '/modules/alpha?level=2')).text();
  assert.match(second, /Deeper words for level two/);
  assert.doesNotMatch(second, /Basic words/);
  assert.match(second, /<track[^>]+kind="captions"/);
  // A Dutch module on an English page: the page is in the interface language, the lesson's own
  // text says it is Dutch.
  const dutch = await (await fetch(srv.url + '/modules/beta?level=3')).text();
  assert.match(dutch, /<html lang="en">/);
  assert.match(dutch, /<h1 lang="nl">Beta lesson<\/h1>/);
  assert.match(dutch, /<div class="body" lang="nl" data-module="beta"/);
});

test('unknown modules, levels and pages get a friendly 404 page', async () => {
  for (const url of ['/modules/nope', '/modules/alpha?level=3', '/modules/alpha?level=x',
    '/modules/broken', '/no/such/page', '/modules/alpha/other']) {
    const res = await fetch(srv.url + url);
    assert.equal(res.status, 404, url);
    assert.match(res.headers.get('content-type'), /text\/html/);
    const html = await res.text();
    assert.match(html, /<h1[^>]*>/, url);
    assert.match(html, /href="\/"/, url);
  }
});

test('methods other than GET and HEAD are refused with 405 and Allow', async () => {
  const res = await fetch(srv.url + '/modules/alpha', { method: 'DELETE' });
  assert.equal(res.status, 405);
  assert.equal(res.headers.get('allow'), 'GET, HEAD');
});

test('HEAD answers like GET without a body', async () => {
  const get = await fetch(srv.url + '/modules/alpha');
  const body = await get.arrayBuffer();
  const head = await fetch(srv.url + '/modules/alpha', { method: 'HEAD' });
  assert.equal(head.status, 200);
  assert.equal(Number(head.headers.get('content-length')), body.byteLength);
  assert.equal((await head.arrayBuffer()).byteLength, 0);
});

test('module pages carry an ETag and answer 304 to If-None-Match', async () => {
  const res = await fetch(srv.url + '/modules/alpha?level=2');
  const etag = res.headers.get('etag');
  assert.match(etag, /^"[0-9a-f]+"$/);
  const again = await fetch(srv.url + '/modules/alpha?level=2', { headers: { 'If-None-Match': etag } });
  assert.equal(again.status, 304);
});

test('a changed module file is rendered again (cache keyed by modification time)', async () => {
  const file = path.join(content, 'beta.md');
  const before = await (await fetch(srv.url + '/modules/beta')).text();
  assert.doesNotMatch(before, /Nieuwe zin/);
  writeFileSync(file, (await import('node:fs')).readFileSync(file, 'utf8') + '\nNieuwe zin.\n');
  const future = new Date(Date.now() + 5000);
  utimesSync(file, future, future);
  const after = await (await fetch(srv.url + '/modules/beta')).text();
  assert.match(after, /Nieuwe zin/);
});

test('static assets are served with a content type, ETag and 304', async () => {
  const css = await fetch(srv.url + '/static/style.css');
  assert.equal(css.status, 200);
  assert.match(css.headers.get('content-type'), /^text\/css/);
  assert.ok((await css.text()).length > 100);
  const etag = css.headers.get('etag');
  const again = await fetch(srv.url + '/static/style.css', { headers: { 'If-None-Match': etag } });
  assert.equal(again.status, 304);
  assert.equal((await fetch(srv.url + '/static/nothing.css')).status, 404);
});

test('media: content type, full body, byte ranges and 416', async () => {
  const url = srv.url + '/modules/alpha/media/clip.mp4';
  const full = await fetch(url);
  assert.equal(full.status, 200);
  assert.equal(full.headers.get('content-type'), 'video/mp4');
  assert.equal(full.headers.get('accept-ranges'), 'bytes');
  const bytes = new Uint8Array(await full.arrayBuffer());
  assert.equal(bytes.length, 5000);

  const part = await fetch(url, { headers: { Range: 'bytes=100-199' } });
  assert.equal(part.status, 206);
  assert.equal(part.headers.get('content-range'), 'bytes 100-199/5000');
  const partBytes = new Uint8Array(await part.arrayBuffer());
  assert.deepEqual(partBytes, bytes.slice(100, 200));

  const tail = await fetch(url, { headers: { Range: 'bytes=-10' } });
  assert.equal(tail.status, 206);
  assert.equal(tail.headers.get('content-range'), 'bytes 4990-4999/5000');
  assert.deepEqual(new Uint8Array(await tail.arrayBuffer()), bytes.slice(4990));

  const open = await fetch(url, { headers: { Range: 'bytes=4000-' } });
  assert.equal(open.status, 206);
  assert.equal((await open.arrayBuffer()).byteLength, 1000);

  const beyond = await fetch(url, { headers: { Range: 'bytes=6000-7000' } });
  assert.equal(beyond.status, 416);
  assert.equal(beyond.headers.get('content-range'), 'bytes */5000');

  const vtt = await fetch(srv.url + '/modules/alpha/media/clip.vtt');
  assert.match(vtt.headers.get('content-type'), /^text\/vtt/);
});

test('media: ETag and Last-Modified give 304; a stale If-Range gives the whole file', async () => {
  const url = srv.url + '/modules/alpha/media/clip.mp4';
  const res = await fetch(url);
  await res.arrayBuffer();
  const etag = res.headers.get('etag');
  const lastModified = res.headers.get('last-modified');
  assert.ok(etag && lastModified);
  assert.equal((await fetch(url, { headers: { 'If-None-Match': etag } })).status, 304);
  assert.equal((await fetch(url, { headers: { 'If-Modified-Since': lastModified } })).status, 304);
  const stale = await fetch(url, { headers: { Range: 'bytes=0-9', 'If-Range': '"old"' } });
  assert.equal(stale.status, 200);
  assert.equal((await stale.arrayBuffer()).byteLength, 5000);
});

test('path traversal and files that are not media are refused', async () => {
  for (const target of [
    '/modules/alpha/media/../index.md',
    '/modules/alpha/media/..%2findex.md',
    '/modules/alpha/media/%2e%2e/%2e%2e/beta.md',
    '/modules/alpha/media/../../../../etc/passwd',
    '/modules/alpha/media//etc/passwd',
    '/modules/alpha/media/index.md',
    '/modules/alpha/media/.hidden.mp4',
    '/modules/beta/media/beta.md',
    '/static/../server/main.c',
  ]) {
    const res = await rawGet(srv.port, target);
    assert.equal(res.status, 404, target);
    assert.doesNotMatch(res.text, /root:|secret|id: alpha/, target);
  }
});

test('a form body over --max-form-bytes is refused with 413', async () => {
  const res = await fetch(srv.url + '/login', { method: 'POST', body: 'x'.repeat(5000) });
  assert.equal(res.status, 413);
  assert.match(await res.text(), /larger than this server accepts \(2048 bytes\)/);
});

test('every request is written to the access log as one structured line', async () => {
  await fetch(srv.url + '/modules/alpha?level=2');
  assert.match(srv.stderr(),
    /time=\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ remote=127\.0\.0\.1 method=GET path="\/modules\/alpha" status=200 bytes=\d+ ms=\d+\.\d\d/);
});

test('the health check reports the modules loaded and the version', async () => {
  const res = await fetch(srv.url + '/healthz');
  assert.equal(res.status, 200);
  assert.match(await res.text(), /^ok 2 modules\nversion \d+\.\d+\.\d+\n$/);
});
