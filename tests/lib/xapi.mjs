// xapi.mjs: helpers for the xAPI HTTP tests: API clients made with `stepwise xapi-client add`
// (the real command), one server per suite on its own database, and a request helper.
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runCli, startServer } from './server.mjs';

// Creates an API client with the given scopes (with the binary bin, default the tests' one);
// returns { key, secret, auth } (auth: the Authorization header value).
export async function addClient(db, name, scopes, bin) {
  const args = ['xapi-client', 'add', name, '--db', db];
  for (const s of scopes) args.push('--scope', s);
  const res = await runCli(args, { bin });
  assert.equal(res.code, 0, res.stderr);
  const key = res.stdout.match(/^key: (\S+)$/m)[1];
  const secret = res.stdout.match(/^secret: (\S+)$/m)[1];
  return { key, secret, auth: 'Basic ' + Buffer.from(`${key}:${secret}`).toString('base64') };
}

// Starts a server on a fresh database after creating the clients named in `clients`
// ({ name: [scopes] }); opts.args: more `serve` options, opts.bin: the binary. Returns { srv,
// db, clients: { name: client }, stop() }.
export async function startLrs(clients = { all: ['all'] }, opts = {}) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'stepwise-xapi-'));
  const db = path.join(dir, 'lrs.db');
  const made = {};
  for (const [name, scopes] of Object.entries(clients)) made[name] = await addClient(db, name, scopes);
  const srv = await startServer({ db, args: opts.args, bin: opts.bin });
  return {
    srv, db, clients: made,
    async stop() {
      await srv.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

// One request to /xapi/<resource>. opts: params (objects are JSON-encoded), body (objects as
// JSON; strings and Buffers as they are), headers, auth (header value; null: none), version
// (null: no version header), method. Returns { status, headers, text, json, buf }.
export async function xapi(lrs, method, resource, opts = {}) {
  const url = new URL(`${lrs.srv.url}/xapi/${resource}`);
  for (const [k, v] of Object.entries(opts.params || {})) {
    if (v !== undefined) url.searchParams.set(k, typeof v === 'string' ? v : JSON.stringify(v));
  }
  const h = {};
  const auth = opts.auth === undefined ? lrs.clients.all?.auth : opts.auth;
  if (auth) h.Authorization = auth;
  const version = opts.version === undefined ? '1.0.3' : opts.version;
  if (version) h['X-Experience-API-Version'] = version;
  let body = opts.body;
  if (body !== undefined && typeof body !== 'string' && !Buffer.isBuffer(body)) {
    body = JSON.stringify(body);
    h['Content-Type'] = 'application/json';
  }
  Object.assign(h, opts.headers || {});
  const res = await fetch(url, { method, headers: h, body });
  const buf = Buffer.from(await res.arrayBuffer());
  const text = buf.toString('utf8');
  let json;
  try { json = JSON.parse(text); } catch { json = undefined; }
  return { status: res.status, headers: res.headers, text, json, buf };
}

// A valid statement; overrides replace top-level properties.
export function statement(overrides = {}) {
  return {
    actor: { objectType: 'Agent', name: 'Ann', mbox: 'mailto:ann@example.com' },
    verb: { id: 'http://adlnet.gov/expapi/verbs/experienced', display: { 'en-US': 'experienced' } },
    object: { objectType: 'Activity', id: 'http://example.com/activities/lifting' },
    ...overrides,
  };
}

export const uuid = () => crypto.randomUUID();
export const sha256 = (data) => crypto.createHash('sha256').update(data).digest('hex');

// Builds a multipart/mixed body: the statements as the first part, then one part per
// attachment { data, contentType, hash (default: SHA-256 of data), headers (replace the
// defaults) }. Returns { body (Buffer), contentType }.
export function multipart(statements, parts, boundary = 'xapi-' + crypto.randomUUID()) {
  const chunks = [Buffer.from(`--${boundary}\r\nContent-Type: application/json\r\n\r\n`),
    Buffer.from(JSON.stringify(statements)), Buffer.from('\r\n')];
  for (const p of parts) {
    const headers = p.headers || {
      'Content-Type': p.contentType || 'text/plain',
      'Content-Transfer-Encoding': 'binary',
      'X-Experience-API-Hash': p.hash || sha256(p.data),
    };
    let head = `--${boundary}\r\n`;
    for (const [k, v] of Object.entries(headers)) head += `${k}: ${v}\r\n`;
    chunks.push(Buffer.from(head + '\r\n'), Buffer.from(p.data), Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(chunks), contentType: `multipart/mixed; boundary=${boundary}` };
}

// Splits a multipart/mixed reply into [{ headers: {lowercase name: value}, body: Buffer }].
export function parseMultipart(contentType, buf) {
  const boundary = contentType.match(/boundary="?([^";]+)"?/)[1];
  const delim = Buffer.from(`\r\n--${boundary}`);
  const parts = [];
  let pos = buf.indexOf(`--${boundary}`) + boundary.length + 2;
  while (buf.slice(pos, pos + 2).toString() !== '--') {
    const start = buf.indexOf('\r\n', pos) + 2;
    const end = buf.indexOf(delim, start);
    const headEnd = buf.indexOf('\r\n\r\n', start);
    const headers = {};
    for (const line of buf.slice(start, headEnd).toString().split('\r\n')) {
      const i = line.indexOf(':');
      headers[line.slice(0, i).trim().toLowerCase()] = line.slice(i + 1).trim();
    }
    parts.push({ headers, body: buf.slice(headEnd + 4, end) });
    pos = end + delim.length;
  }
  return parts;
}
