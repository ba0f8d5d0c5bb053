// scorm_origin.test.mjs: SCORM packages' files from an origin of their own (--scorm-origin). The
// player page frames that origin (its policy allows it, the frame keeps the origin), the files
// are served only to requests for it, with their own origin (allow-same-origin) framed only by
// the site, and the bridge told the player's origin; that origin serves nothing else, not even
// with the learner's session cookie (same host name on another port sends it along); the site's
// own address no longer serves the files. No CORS header anywhere.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { rmSync } from 'node:fs';
import { runCli, startServer } from '../lib/server.mjs';
import { playData, scormSetup, signedIn } from '../lib/scorm.mjs';

const PUBLIC = 'https://learn.example.com';
const ORIGIN = 'https://lessons.example.net:8443';
const PW = 'scorm-origin-password';
let dir, content, srv, bram;

before(async () => {
  const site = await scormSetup('scorm-origin', { packages: { 'pallet-jack': 'play12' },
    users: [['bram', 'Bram Mentee']], password: PW });
  ({ dir, content } = site);
  srv = await startServer({ content, db: site.db, args: ['--public-url', PUBLIC, '--scorm-origin', `${ORIGIN}/`] });
  bram = await signedIn(srv.url, 'bram', PW);
});

after(async () => {
  await srv?.stop();
  rmSync(dir, { recursive: true, force: true });
});

// GET path from the server with the Host header host (what a browser sends for that origin),
// and more headers; resolves to { status, headers, body }.
function get(host, pathname, headers = {}) {
  const { port } = new URL(srv.url);
  return new Promise((resolve, reject) => {
    http.get({ host: '127.0.0.1', port, path: pathname, headers: { host, ...headers } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d) => { body += d; });
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body }));
    }).on('error', reject);
  });
}
const LESSONS = new URL(ORIGIN).host;

test('the player frames the package from its own origin, which its policy allows', async () => {
  const res = await bram.req('/play/pallet-jack');
  assert.equal(res.status, 200);
  const data = playData(res.html);
  assert.equal(data.files, `${ORIGIN}/scorm-files/pallet-jack/1/`);
  const csp = res.headers.get('content-security-policy');
  assert.match(csp, /; frame-src 'self' https:\/\/lessons\.example\.net:8443$/);
  assert.match(csp, /default-src 'self'/, 'the rest of the site policy stays');
  assert.match(res.html, /<iframe id="scorm-frame"[^>]* sandbox="allow-scripts allow-forms allow-popups allow-modals allow-downloads allow-same-origin"/);
  assert.equal(res.headers.get('access-control-allow-origin'), null);
});

test("a package's files come from the lessons' origin only, framed only by the site, told the player's origin", async () => {
  const res = await get(LESSONS, '/scorm-files/pallet-jack/1/index.html');
  assert.equal(res.status, 200);
  assert.equal(res.headers['content-security-policy'],
    `sandbox allow-scripts allow-forms allow-popups allow-modals allow-downloads allow-same-origin; frame-ancestors ${PUBLIC}`);
  assert.equal(res.headers['access-control-allow-origin'], undefined);
  assert.match(res.body, /<script src="\/static\/scorm-frame\.js" data-lms="https:\/\/learn\.example\.com"><\/script>/);
  for (const p of ['/static/scorm-frame.js', '/static/scorm-again/cross-frame-api.min.js']) {
    assert.equal((await get(LESSONS, p)).status, 200, `${p}: the bridge's script`);
  }

  const own = await fetch(`${srv.url}/scorm-files/pallet-jack/1/index.html`);
  assert.equal(own.status, 404, "the site's own address no longer serves a package's files");
  assert.match(await own.text(), /This file is not part of the lesson/);
});

test("the lessons' origin serves nothing else, not even with the learner's session cookie", async () => {
  const cookie = [...bram.jar].map(([k, v]) => `${k}=${v}`).join('; ');
  assert.ok(cookie.includes('='), 'the learner has a session cookie');
  for (const p of ['/', '/plan', '/play/pallet-jack', '/account', '/xapi/statements', '/static/style.css', '/modules/pallet-jack',
    '/scorm-files/pallet-jack/1/missing.html']) {
    const res = await get(LESSONS, p, { cookie });
    assert.equal(res.status, 404, `${p} on the lessons' origin`);
    assert.equal(res.headers['content-type'], 'text/plain; charset=utf-8', `${p}: words, not a page`);
    assert.doesNotMatch(res.body, /Bram|csrf/i, `${p}: nothing of the learner`);
  }
  const plan = await get(new URL(srv.url).host, '/plan', { cookie });
  assert.equal(plan.status, 200, 'the same cookie on the site is the learner');
});

test('--scorm-origin takes an origin, not a path or something else', async () => {
  for (const bad of ['lessons.example.net', 'https://lessons.example.net/scorm', 'ftp://lessons.example.net', 'https://']) {
    const r = await runCli(['serve', '--content', content, '--scorm-origin', bad, '--listen', '127.0.0.1:1']);
    assert.notEqual(r.code, 0, bad);
    assert.match(r.stderr, /--scorm-origin: .* is not an origin: give http:\/\/ or https:\/\/ and a host name/, bad);
  }
});
