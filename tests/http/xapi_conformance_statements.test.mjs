// xapi_conformance_statements.test.mjs: requirements of the ADL LRS conformance test suite
// (github.com/adlnet/lrs-conformance-test-suite) on the Statement resource that
// xapi_conformance.test.mjs leaves out: the Attachment object (E.Data2.4.11, XAPI-00025,
// XAPI-00102..00107), multipart/mixed requests and replies (Communication 1.5, XAPI-00127..00135,
// XAPI-00161, XAPI-00167), signed statements (E.Data2.6, v2.0 4.2.7) and the v2.0
// 4.1.6.1-Statement-Resource checks. Multipart bodies are built byte for byte the way the suite
// builds them (LF or CRLF lines, "Header:value" without a space, no CRLF after the close).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from '../lib/server.mjs';
import { startLrs, xapi, statement, uuid, sha256, parseMultipart } from '../lib/xapi.mjs';

const VERSIONS = ['1.0.3', '2.0.0'];
const BOUNDARY = '-------314159265358979323846';
const MIXED = { 'Content-Type': `multipart/mixed; boundary=${BOUNDARY}` };
const SIGNATURE = 'http://adlnet.gov/expapi/attachments/signature';
const TEXT1 = 'here is a simple attachment';
const TEXT2 = 'here is another simple attachment';
const fixture = (name) => readFileSync(path.join(ROOT, 'tests/data/xapi', name), 'utf8');

let lrs;
before(async () => { lrs = await startLrs(); });
after(async () => { await lrs.stop(); });

const post = (body, opts = {}) => xapi(lrs, 'POST', 'statements', { body, ...opts });
const get = (params, opts = {}) => xapi(lrs, 'GET', 'statements', { params, ...opts });
const escapeRe = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

// The suite's test attachment; extra replaces or adds properties.
const att = (extra = {}) => ({
  usageType: 'http://example.com/attachment-usage/test',
  display: { 'en-US': 'A test attachment' },
  description: { 'en-US': 'A test attachment (description)' },
  contentType: 'text/plain; charset=ascii',
  length: 27,
  sha2: sha256(TEXT1),
  fileUrl: 'http://over.there.com/file.txt',
  ...extra,
});
const without = (o, key) => { const c = { ...o }; delete c[key]; return c; };
const textPart = (data, headers = ['Content-Type:text/plain', 'Content-Transfer-Encoding:binary',
  `X-Experience-API-Hash:${sha256(data)}`]) => ({ headers, data });

// A multipart body with LF lines, as the suite's .part files: each part { headers: [lines],
// data }; the first part is usually the statements as JSON.
function lfBody(parts) {
  let body = '';
  for (const p of parts) body += `--${BOUNDARY}\n${p.headers.join('\n')}\n\n${p.data}\n`;
  return Buffer.from(`${body}--${BOUNDARY}--\n`);
}
const jsonPart = (s) => ({ headers: ['Content-Type: application/json'], data: JSON.stringify(s) });

// ---- E.Data2.4.11: the Attachment object ----

// [requirement, what, attachments value, field the 400 names]
const BAD_ATTACHMENTS = [
  ['XAPI-00025', 'attachments an object, not an array', att(), 'attachments'],
  ['Data 2.4.11', 'an attachment that is a number', [12345], 'attachments[0]'],
  ['Data 2.4.11', 'an attachment that is a string', ['should fail'], 'attachments[0]'],
  ['XAPI-00107', 'usageType not an IRI', [att({ usageType: 'should fail' })], 'attachments[0].usageType'],
  ['XAPI-00105', 'contentType a number', [att({ contentType: 12345 })], 'attachments[0].contentType'],
  ['XAPI-00105', 'contentType not a media type', [att({ contentType: 'should fail' })], 'attachments[0].contentType'],
  ['XAPI-00105', 'contentType missing', [without(att(), 'contentType')], 'attachments[0].contentType'],
  ['XAPI-00102', 'length a string', [att({ length: 'should fail' })], 'attachments[0].length'],
  ['XAPI-00102', 'length a fraction', [att({ length: 27.5 })], 'attachments[0].length'],
  ['XAPI-00102', 'length missing', [without(att(), 'length')], 'attachments[0].length'],
  ['XAPI-00103', 'sha2 a number', [att({ sha2: 12345 })], 'attachments[0].sha2'],
  ['XAPI-00103', 'sha2 not a hash', [att({ sha2: 'should fail' })], 'attachments[0].sha2'],
  ['XAPI-00103', 'sha2 missing', [without(att(), 'sha2')], 'attachments[0].sha2'],
  ['XAPI-00104', 'fileUrl not an IRL', [att({ fileUrl: 'should fail' })], 'attachments[0].fileUrl'],
  ['XAPI-00106', 'display a number', [att({ display: 12345 })], 'attachments[0].display'],
  ['XAPI-00106', 'display a string', [att({ display: 'should fail' })], 'attachments[0].display'],
  ['XAPI-00106', 'display missing', [without(att(), 'display')], 'attachments[0].display'],
  ['XAPI-00106', 'description a number', [att({ description: 12345 })], 'attachments[0].description'],
  ['XAPI-00106', 'description a string', [att({ description: 'should error' })], 'attachments[0].description'],
  ['Data 2.4.11', 'an unknown property', [att({ size: 27 })], 'attachments[0].size'],
];

for (const version of VERSIONS) {
  for (const [req, what, attachments, field] of BAD_ATTACHMENTS) {
    test(`${req} (${version}) refuses ${what} with 400 naming ${field}`, async () => {
      const res = await post(statement({ attachments }), { version });
      assert.equal(res.status, 400, res.text);
      assert.match(res.json.error, new RegExp('^' + escapeRe(field)));
    });
  }

  test(`XAPI-00025 (${version}) accepts an array of fileUrl attachments as application/json`, async () => {
    const id = uuid();
    const res = await post(statement({ id, attachments: [att(), att({ sha2: sha256(TEXT2), length: 33 })] }), { version });
    assert.equal(res.status, 200, res.text);
    const got = await get({ statementId: id }, { version });
    assert.deepEqual(got.json.attachments, [att(), att({ sha2: sha256(TEXT2), length: 33 })]);
  });
}

// ---- Communication 1.5: multipart/mixed requests ----

for (const version of VERSIONS) {
  const send = (body, headers = MIXED) => post(body, { version, headers });

  test(`XAPI-00127 (${version}) a raw attachment comes as multipart/mixed, never multipart/form-data`, async () => {
    const s = statement({ attachments: [without(att(), 'fileUrl')] });
    const body = lfBody([jsonPart(s), textPart(TEXT1)]);
    const form = await send(body, { 'Content-Type': `multipart/form-data; boundary=${BOUNDARY}` });
    assert.equal(form.status, 400);
    assert.match(form.json.error, /^Content-Type/);
    const mixed = await send(body);
    assert.equal(mixed.status, 200, mixed.text);
  });

  test(`XAPI-00128 (${version}) parts that are not declared attachments are refused`, async () => {
    const s = statement({ attachments: [without(att(), 'fileUrl'), without(att({ sha2: sha256(TEXT2), length: 33 }), 'fileUrl')] });
    // The suite's file: the second part's hash line lacks its header name, the third is undeclared.
    const cases = [
      [textPart(TEXT2, ['Content-Type:text/plain', 'Content-Transfer-Encoding:binary', sha256(TEXT2)]), /part 3 has no X-Experience-API-Hash/],
      [textPart('here is a third simple attachment'), /part 3 matches no attachment's sha2/],
    ];
    for (const [extra, msg] of cases) {
      const res = await send(lfBody([jsonPart(s), textPart(TEXT1), extra, textPart(TEXT2)]));
      assert.equal(res.status, 400, res.text);
      assert.match(res.json.error, msg);
    }
  });

  test(`XAPI-00129 (${version}) an attachment without fileUrl and without its part is refused`, async () => {
    const s = statement({ attachments: [without(att(), 'fileUrl'), without(att({ sha2: sha256(TEXT2), length: 33 }), 'fileUrl')] });
    const res = await send(lfBody([jsonPart(s), textPart(TEXT1)]));
    assert.equal(res.status, 400);
    assert.match(res.json.error, /^attachments\[1\]: no fileUrl and no multipart part/);
    const json = await post(statement({ attachments: [att(), without(att(), 'fileUrl')] }), { version });
    assert.equal(json.status, 400);
    assert.match(json.json.error, /^attachments\[1\]: no fileUrl/);
  });

  test(`XAPI-00130 XAPI-00131 (${version}) a boundary missing in the header or before a part is refused`, async () => {
    const s = statement({ attachments: [without(att(), 'fileUrl')] });
    const good = lfBody([jsonPart(s), textPart(TEXT1)]);
    const noParam = await send(good, { 'Content-Type': 'multipart/mixed;' });
    assert.equal(noParam.status, 400);
    assert.match(noParam.json.error, /^Content-Type: multipart\/mixed needs a boundary/);
    // The suite's middle_part_no_boundary: the attachment runs on inside the statements part.
    const merged = Buffer.from(`--${BOUNDARY}\nContent-Type: application/json\n\n${JSON.stringify(s)}\n\n` +
      `Content-Type:text/plain\nContent-Transfer-Encoding:binary\nX-Experience-API-Hash:${sha256(TEXT1)}\n\n${TEXT1}\n--${BOUNDARY}--\n`);
    const res = await send(merged);
    assert.equal(res.status, 400);
    assert.match(res.json.error, /^body: not valid JSON/);
    const noOpening = Buffer.from(`Content-Type: application/json\n\n${JSON.stringify(s)}\n--${BOUNDARY}--\n`);
    assert.equal((await send(noOpening)).status, 400);
  });

  test(`XAPI-00133 (${version}) statements split over two JSON parts are refused`, async () => {
    const first = statement({ attachments: [without(att(), 'fileUrl')] });
    const res = await send(lfBody([jsonPart(first), jsonPart(statement()), textPart(TEXT1)]));
    assert.equal(res.status, 400);
    assert.match(res.json.error, /^body: multipart part 2 has no X-Experience-API-Hash/);
  });

  test(`XAPI-00132 XAPI-00135 (${version}) attachment parts need a declared hash and binary encoding`, async () => {
    const s = statement({ attachments: [without(att(), 'fileUrl')] });
    const cases = [
      [['Content-Type:text/plain', 'Content-Transfer-Encoding:binary'], /part 2 has no X-Experience-API-Hash/],
      [['Content-Type:text/plain', 'Content-Transfer-Encoding:binary', `X-Experience-API-Hash:${sha256(TEXT2)}`], /part 2 matches no attachment's sha2/],
      [['Content-Type:text/plain', 'Content-Transfer-Encoding:base64', `X-Experience-API-Hash:${sha256(TEXT1)}`], /part 2 needs Content-Transfer-Encoding: binary/],
      [['Content-Type:text/plain', `X-Experience-API-Hash:${sha256(TEXT1)}`], /part 2 needs Content-Transfer-Encoding: binary/],
    ];
    for (const [headers, msg] of cases) {
      const res = await send(lfBody([jsonPart(s), textPart(TEXT1, headers)]));
      assert.equal(res.status, 400, headers.join(' '));
      assert.match(res.json.error, msg);
    }
    // Header names and the hash itself are case-insensitive.
    const upper = await send(lfBody([jsonPart(s), textPart(TEXT1, ['content-type:text/plain',
      'content-transfer-encoding:BINARY', `x-experience-api-hash:${sha256(TEXT1).toUpperCase()}`])]));
    assert.equal(upper.status, 200, upper.text);
  });

  test(`Data 2.4.11 (${version}) a batch may name one part from several statements and PUT takes multipart`, async () => {
    const a = without(att(), 'fileUrl');
    const res = await send(lfBody([jsonPart([statement({ attachments: [a] }), statement({ attachments: [a] })]), textPart(TEXT1)]));
    assert.equal(res.status, 200, res.text);
    assert.equal(res.json.length, 2);
    const id = uuid();
    const put = await xapi(lrs, 'PUT', 'statements', { version, params: { statementId: id }, headers: MIXED,
      body: lfBody([jsonPart(statement({ attachments: [a] })), textPart(TEXT1)]) });
    assert.equal(put.status, 204, put.text);
    const bad = await send(lfBody([jsonPart([statement(), statement({ attachments: [a, { ...a, sha2: sha256(TEXT2) }] })]), textPart(TEXT1)]));
    assert.equal(bad.status, 400);
    assert.match(bad.json.error, /^statements\[1\]\.attachments\[1\]: no fileUrl/);
  });
}

// ---- Communication 2.1.3: attachments in GET replies ----

for (const version of VERSIONS) {
  test(`XAPI-00167 XAPI-00161 (${version}) attachments=true returns every payload; otherwise plain JSON`, async () => {
    const s = statement({ attachments: [without(att({ contentType: 'text/plain' }), 'fileUrl'),
      without(att({ contentType: 'text/plain', sha2: sha256(TEXT2), length: 33 }), 'fileUrl')] });
    // The suite's message: CRLF lines, a space after each colon, a CRLF after the close.
    const crlf = (lines) => lines.join('\r\n');
    const msg = crlf([`--${BOUNDARY}`, 'Content-Type: application/json', '', JSON.stringify(s),
      `--${BOUNDARY}`, 'Content-Type: text/plain', 'Content-Transfer-Encoding: binary', `X-Experience-API-Hash: ${sha256(TEXT1)}`, '', TEXT1,
      `--${BOUNDARY}`, 'Content-Type: text/plain', 'Content-Transfer-Encoding: binary', `X-Experience-API-Hash: ${sha256(TEXT2)}`, '', TEXT2,
      `--${BOUNDARY}--`, '']);
    const res = await post(Buffer.from(msg), { version, headers: MIXED });
    assert.equal(res.status, 200, res.text);
    const id = res.json[0];

    const one = await get({ statementId: id, attachments: 'true' }, { version });
    assert.equal(one.status, 200);
    assert.match(one.headers.get('content-type'), /^multipart\/mixed; boundary=/);
    const parts = parseMultipart(one.headers.get('content-type'), one.buf);
    assert.equal(JSON.parse(parts[0].body.toString()).id, id);
    assert.deepEqual(parts.slice(1).map((p) => p.body.toString()).sort(), [TEXT1, TEXT2].sort());
    for (const h of [sha256(TEXT1), sha256(TEXT2)])
      assert.equal(one.text.split(h).length - 1, 2, 'each hash appears in the statement and on its part');

    for (const params of [{ statementId: id }, { statementId: id, attachments: 'false' }]) {
      const plain = await get(params, { version });
      assert.equal(plain.headers.get('content-type'), 'application/json');
      assert.equal(plain.json.id, id);
    }
    const bad = await get({ statementId: id, attachments: 'yes' }, { version });
    assert.equal(bad.status, 400);
    assert.match(bad.json.error, /^attachments: must be true or false/);
  });

  test(`Data 2.4.11 (${version}) a GET sent with a multipart Content-Type is still a GET`, async () => {
    const s = statement({ attachments: [without(att(), 'fileUrl')] });
    assert.equal((await post(lfBody([jsonPart(s), textPart(TEXT1)]), { version, headers: MIXED })).status, 200);
    const withParts = await get({ attachments: 'true', limit: '1' }, { version, headers: MIXED });
    assert.equal(withParts.status, 200, withParts.text);
    assert.match(withParts.headers.get('content-type'), /^multipart\/mixed/);
    const parts = parseMultipart(withParts.headers.get('content-type'), withParts.buf);
    assert.equal(JSON.parse(parts[0].body.toString()).statements.length, 1);
    assert.equal(parts[1].body.toString(), TEXT1);
    assert.ok(withParts.headers.get('x-experience-api-consistent-through'));
    const plain = await get({ attachments: 'false', limit: '1' }, { version, headers: MIXED });
    assert.equal(plain.headers.get('content-type'), 'application/json');
    assert.equal(plain.json.statements.length, 1);
  });

  test(`XAPI-00161 (${version}) a fileUrl attachment sent with its part is returned with attachments=true`, async () => {
    const s = statement({ attachments: [att({ contentType: 'text/plain' })] });
    const res = await post(lfBody([jsonPart(s), textPart(TEXT1)]), { version, headers: MIXED });
    assert.equal(res.status, 200, res.text);
    const got = await get({ statementId: res.json[0], attachments: 'true' }, { version });
    const parts = parseMultipart(got.headers.get('content-type'), got.buf);
    assert.equal(parts[1].body.toString(), TEXT1);
    assert.equal(parts[1].headers['x-experience-api-hash'], sha256(TEXT1));
  });
}

// ---- v2.0 4.1.6.1 Statement Resource ----

for (const version of VERSIONS) {
  test(`XAPI-00142 (${version}) a second POST or PUT with the same id changes nothing`, async () => {
    const id = uuid();
    const original = statement({ id });
    assert.equal((await post(original, { version })).status, 200);
    const changed = { ...original, verb: { id: 'http://example.com/different/verb/iri' } };
    const again = await post(changed, { version });
    assert.equal(again.status, 409);
    const put = await xapi(lrs, 'PUT', 'statements', { version, params: { statementId: id }, body: changed });
    assert.equal(put.status, 409);
    assert.equal((await get({ statementId: id }, { version })).json.verb.id, original.verb.id);
  });

  test(`XAPI-00142 (${version}) Last-Modified is the statement's stored time`, async () => {
    const res = await post(statement(), { version });
    const got = await get({ statementId: res.json[0] }, { version });
    const lastModified = Date.parse(got.headers.get('last-modified'));
    assert.ok(!Number.isNaN(lastModified), got.headers.get('last-modified'));
    const stored = Date.parse(got.json.stored);
    assert.equal(lastModified, stored - (stored % 1000));
  });

  test(`XAPI-00153 XAPI-00160 (${version}) every GET, refused or not, has an ISO 8601 Consistent-Through`, async () => {
    const cases = [[{ LIMIT: '1' }, 400], [{}, 200], [{ agent: { mbox: 'mailto:nobody@example.com' } }, 200],
      [{ verb: 'http://adlnet.gov/expapi/non/existent' }, 200], [{ registration: uuid() }, 200],
      [{ related_activities: 'true' }, 200], [{ related_agents: 'true' }, 200], [{ since: '2012-06-01T19:09:13.245Z' }, 200],
      [{ until: '2012-06-01T19:09:13.245Z' }, 200], [{ limit: '1' }, 200], [{ ascending: 'true' }, 200],
      [{ format: 'ids' }, 200], [{ attachments: 'true' }, 200], [{ statementId: uuid() }, 404]];
    for (const [params, status] of cases) {
      const res = await get(params, { version });
      assert.equal(res.status, status, JSON.stringify(params));
      const through = res.headers.get('x-experience-api-consistent-through');
      assert.match(through || '', /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/, JSON.stringify(params));
      assert.ok(res.headers.get('content-type'), `XAPI-00165 ${JSON.stringify(params)}`);
    }
  });

  test(`XAPI-00149 XAPI-00163 (${version}) an empty result is 200; a voided statement is not found by statementId`, async () => {
    const empty = await get({ verb: `http://example.com/verbs/${uuid()}` }, { version });
    assert.equal(empty.status, 200);
    assert.deepEqual(empty.json.statements, []);
    const voided = uuid();
    assert.equal((await post(statement({ id: voided }), { version })).status, 200);
    assert.equal((await post(statement({ verb: { id: 'http://adlnet.gov/expapi/verbs/voided' },
      object: { objectType: 'StatementRef', id: voided } }), { version })).status, 200);
    assert.equal((await get({ statementId: voided }, { version })).status, 404);
    const got = await get({ voidedStatementId: voided, attachments: 'true' }, { version });
    assert.equal(got.status, 200);
  });

  test(`4.2.4.2 (${version}) without a timestamp the LRS sets it to stored; a future one is kept`, async () => {
    const res = await post(statement(), { version });
    const got = (await get({ statementId: res.json[0] }, { version })).json;
    assert.equal(got.timestamp, got.stored);
    const future = new Date(Date.now() + 5 * 60000).toISOString();
    const ahead = await post(statement({ timestamp: future }), { version });
    assert.equal(ahead.status, 200, ahead.text);
    assert.equal(Date.parse((await get({ statementId: ahead.json[0] }, { version })).json.timestamp), Date.parse(future));
  });

  test(`4.2.7 (${version}) durations finer than 0.01 s are kept or truncated, never rounded`, async () => {
    const res = await post(statement({ result: { duration: 'P1DT12H36M0.12567S' } }), { version });
    assert.equal(res.status, 200, res.text);
    const got = (await get({ statementId: res.json[0] }, { version })).json;
    assert.ok(['P1DT12H36M0.12567S', 'P1DT12H36M0.12S'].includes(got.result.duration), got.result.duration);
    // Sent again under its id, the statement is the same unless the hundredths differ.
    const id = uuid();
    assert.equal((await post(statement({ id, result: { duration: 'PT1.1201S' } }), { version })).status, 200);
    for (const [duration, status] of [['PT1.12999S', 204], ['PT1.120S', 204], ['PT1.13S', 409], ['PT1.1S', 409]]) {
      const again = await post(statement({ id, result: { duration } }), { version });
      assert.equal(again.status, status, duration);
    }
  });

  test(`4.2.7 (${version}) a timestamp with an offset is the same instant when read back`, async () => {
    const res = await post(statement({ timestamp: '2023-05-04T12:00:00-05:00' }), { version });
    assert.equal(res.status, 200);
    const got = (await get({ statementId: res.json[0] }, { version })).json;
    assert.equal(Date.parse(got.timestamp), Date.parse('2023-05-04T17:00:00.000Z'));
  });

  test(`4.1.6.1 (${version}) a property the specification does not define is refused`, async () => {
    const res = await post({ ...statement(), dummy: 'dummy' }, { version });
    assert.equal(res.status, 400);
    assert.match(res.json.error, /^dummy/);
  });
}

// ---- E.Data2.6: signed statements ----

const b64url = (data) => Buffer.from(data).toString('base64url');

// A JWS compact serialization of payload (an object, or a string sent as it is). header adds to
// { alg }; hmac signs with a shared secret instead of the fixture's RSA key.
function signJws(payload, { alg = 'RS256', header = {}, hmac } = {}) {
  const text = typeof payload === 'string' ? payload : JSON.stringify(payload);
  const input = `${b64url(JSON.stringify({ alg, ...header }))}.${b64url(text)}`;
  const sig = hmac !== undefined ? crypto.createHmac('sha256', hmac).update(input).digest()
    : crypto.sign(`sha${alg.slice(2)}`, Buffer.from(input), fixture('signing-key.pem'));
  return `${input}.${b64url(sig)}`;
}

// The body the suite's helper.signStatement makes: a CRLF before the first delimiter,
// "Header:value" lines, and no line break after the closing delimiter. Returns { body, headers }.
function suiteSigned(s, token, contentType = 'application/octet-stream') {
  const sig = Buffer.from(token);
  const signed = { ...s, attachments: [{ usageType: SIGNATURE, display: { 'en-US': 'Signed by the Test Suite' },
    description: { 'en-US': 'Signed by the Test Suite' }, contentType, length: sig.length, sha2: sha256(sig) }] };
  const b = `-------------${uuid()}`;
  const body = Buffer.concat([Buffer.from(`\r\n--${b}\r\nContent-Type:application/json\r\n\r\n${JSON.stringify(signed)}`),
    Buffer.from(`\r\n--${b}\r\nContent-Type:${contentType}\r\nContent-Transfer-Encoding:binary\r\nX-Experience-API-Hash:${sha256(sig)}\r\n\r\n`),
    sig, Buffer.from(`\r\n--${b}--`)]);
  return { body, headers: { 'Content-Type': `multipart/mixed; boundary=${b}` } };
}
function postSigned(s, token, version, contentType) {
  const { body, headers } = suiteSigned(s, token, contentType);
  return post(body, { version, headers });
}

for (const version of VERSIONS) {
  test(`Data 2.6.s4.b1 (${version}) a statement signed RS256, RS384 or RS512 is stored with its signature`, async () => {
    for (const alg of ['RS256', 'RS384', 'RS512']) {
      const s = statement({ id: uuid() });
      const token = signJws(s, { alg });
      const { body, headers } = suiteSigned(s, token);
      const res = await post(body, { version, headers });
      assert.equal(res.status, 200, `${alg}: ${res.text}`);
      const got = await get({ statementId: s.id, attachments: 'true' }, { version });
      const parts = parseMultipart(got.headers.get('content-type'), got.buf);
      assert.equal(parts[1].body.toString(), token, alg);
      assert.equal(parts[1].headers['content-type'], 'application/octet-stream');
    }
  });

  test(`Data 2.6.s4.b1 (${version}) a signature attachment must be application/octet-stream`, async () => {
    const s = statement({ id: uuid() });
    const res = await postSigned(s, signJws(s), version, 'text/plain; charset=ascii');
    assert.equal(res.status, 400);
    assert.match(res.json.error, /^attachments\[0\]\.contentType: must be application\/octet-stream/);
    // The part that carries the JWS is application/octet-stream too.
    for (const [type, status] of [['text/plain', 400], ['application/octet-stream; name=sig.jws', 200]]) {
      const t = statement({ id: uuid() });
      const token = signJws(t);
      const sig = { usageType: SIGNATURE, display: { 'en-US': 'sig' }, contentType: 'application/octet-stream',
        length: Buffer.byteLength(token), sha2: sha256(token) };
      const part = textPart(token, [`Content-Type:${type}`, 'Content-Transfer-Encoding:binary', `X-Experience-API-Hash:${sha256(token)}`]);
      const res2 = await post(lfBody([jsonPart({ ...t, attachments: [sig] }), part]), { version, headers: MIXED });
      assert.equal(res2.status, status, `${type}: ${res2.text}`);
      if (status === 400) assert.match(res2.json.error, /^attachments\[0\]: the multipart part of a signature must be application\/octet-stream, not text\/plain/);
    }
  });

  test(`Data 2.6.s4.b4 (${version}) algorithms other than RS256, RS384, RS512 are refused`, async () => {
    const s = statement({ id: uuid() });
    for (const token of [signJws(s, { alg: 'HS256', hmac: 'secret' }), signJws(s, { alg: 'none', hmac: '' }),
      `${b64url('{}')}.${b64url(JSON.stringify(s))}.${b64url('x')}`]) {
      const res = await postSigned(s, token, version);
      assert.equal(res.status, 400);
      assert.match(res.json.error, /^attachments\[0\]\.signature: the JWS "alg" must be RS256, RS384 or RS512/);
    }
  });

  test(`Data 2.6.s4.b3 (${version}) a payload that is not the statement's JSON serialization is refused`, async () => {
    const s = statement({ id: uuid() });
    const cases = [
      [signJws(JSON.stringify(s).replace('"', "'")), /base64url JSON objects/],   // the suite's breakJson
      [signJws([s]), /base64url JSON objects/],
      [signJws({ ...s, result: { success: true } }), /payload differs/],
      [signJws({ ...s, verb: { id: 'http://example.com/verbs/other' } }), /payload differs/],
      [signJws({ actor: s.actor, verb: s.verb }), /payload is not a valid statement/],
      [JSON.stringify({ payload: b64url(JSON.stringify(s)), signatures: [] }), /not a JWS compact serialization/],
    ];
    for (const [token, msg] of cases) {
      const res = await postSigned(s, token, version);
      assert.equal(res.status, 400, String(msg));
      assert.match(res.json.error, /^attachments\[0\]\.signature: /);
      assert.match(res.json.error, msg);
    }
    assert.equal((await get({ statementId: s.id }, { version })).status, 404);
  });

  test(`Data 2.6.s5 (${version}) differences the LRS may cause (id, authority, stored, timestamp, version) are ignored`, async () => {
    const id = uuid();
    const s = statement({ id, timestamp: '2023-05-04T17:00:00Z', context: { contextActivities: { parent: [{ id: 'http://example.com/p' }] } } });
    const payload = { ...s, timestamp: '2023-05-04T12:00:00.000-05:00', version: '1.0.0', stored: '2023-05-04T17:00:01.000Z',
      authority: { objectType: 'Agent', mbox: 'mailto:someone@example.com' },
      actor: { ...s.actor, mbox: s.actor.mbox.replace('example.com', 'EXAMPLE.COM') },
      context: { contextActivities: { parent: { id: 'http://example.com/p' } } } };
    const res = await postSigned(s, signJws(payload), version);
    assert.equal(res.status, 200, res.text);
    // A statement forwarded by another LRS carries the timestamp and id that LRS assigned.
    const bare = statement();
    const forwarded = { ...bare, id: uuid(), timestamp: new Date().toISOString() };
    assert.equal((await postSigned(forwarded, signJws(bare), version)).status, 200);
  });

  test(`4.2.7 (${version}) a signed duration compares to the hundredth of a second`, async () => {
    const signed = statement({ id: uuid(), result: { duration: 'P1DT12H36M0.12S' } });
    const sent = { ...signed, result: { duration: 'P1DT12H36M0.1237S' } };
    const res = await postSigned(sent, signJws(signed), version);
    assert.equal(res.status, 200, res.text);
    const other = { ...signed, id: uuid(), result: { duration: 'P1DT12H36M0.13S' } };
    const differs = await postSigned(other, signJws({ ...signed, id: other.id }), version);
    assert.equal(differs.status, 400);
    assert.match(differs.json.error, /payload differs/);
  });

  test(`Data 2.6.s4.b6 (${version}) an x5c certificate must verify the signature`, async () => {
    const s = statement({ id: uuid() });
    const der = (pem) => pem.replace(/-----[^-]+-----/g, '').replace(/\s+/g, '');
    const good = await postSigned(s, signJws(s, { alg: 'RS512', header: { x5c: [der(fixture('signing-cert.pem'))] } }), version);
    assert.equal(good.status, 200, good.text);
    const t = statement({ id: uuid() });
    for (const x5c of [[der(fixture('other-cert.pem'))], ['not base64!'], [], 'MIIB', [12]]) {
      const res = await postSigned(t, signJws(t, { header: { x5c } }), version);
      assert.equal(res.status, 400, JSON.stringify(x5c));
      assert.match(res.json.error, /^attachments\[0\]\.signature: the JWS does not verify with its x5c certificate/);
    }
  });

  test(`Data 2.6 (${version}) each statement of a batch is checked against its own signature`, async () => {
    const a = statement({ id: uuid() }), b = statement({ id: uuid() });
    const tokenA = signJws(a);
    const sig = (token) => ({ usageType: SIGNATURE, display: { 'en-US': 'sig' }, contentType: 'application/octet-stream',
      length: Buffer.byteLength(token), sha2: sha256(token) });
    const part = (token) => textPart(token, ['Content-Type:application/octet-stream', 'Content-Transfer-Encoding:binary',
      `X-Experience-API-Hash:${sha256(token)}`]);
    const mixed = lfBody([jsonPart([{ ...a, attachments: [sig(tokenA)] }, { ...b, attachments: [sig(tokenA)] }]), part(tokenA)]);
    const res = await post(mixed, { version, headers: MIXED });
    assert.equal(res.status, 400);
    assert.match(res.json.error, /^statements\[1\]\.attachments\[0\]\.signature: the JWS payload differs/);
    const tokenB = signJws(b);
    const ok = lfBody([jsonPart([{ ...a, attachments: [sig(tokenA)] }, { ...b, attachments: [sig(tokenB)] }]), part(tokenA), part(tokenB)]);
    const stored = await post(ok, { version, headers: MIXED });
    assert.equal(stored.status, 200, stored.text);
    const put = uuid();
    const c = statement({ id: put });
    const tokenC = signJws(c);
    const putRes = await xapi(lrs, 'PUT', 'statements', { version, params: { statementId: put }, headers: MIXED,
      body: lfBody([jsonPart({ ...c, attachments: [sig(tokenC)] }), part(tokenC)]) });
    assert.equal(putRes.status, 204, putRes.text);
  });
}
