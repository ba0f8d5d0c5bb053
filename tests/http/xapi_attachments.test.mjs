// xapi_attachments.test.mjs: statements with attachments (multipart/mixed) against the real
// server: parts matched to attachments by SHA-2 hash, missing, extra and mismatched parts,
// fileUrl-only attachments, attachments=true replies, erasure of payloads no statement names
// any more, and signed statements (JWS).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT, runCli } from '../lib/server.mjs';
import { startLrs, xapi, statement, uuid, sha256, multipart, parseMultipart } from '../lib/xapi.mjs';

const SIGNATURE = 'http://adlnet.gov/expapi/attachments/signature';
const fixture = (name) => readFileSync(path.join(ROOT, 'tests/data/xapi', name), 'utf8');

let lrs;
before(async () => { lrs = await startLrs(); });
after(async () => { await lrs.stop(); });

function attachment(data, extra = {}) {
  return {
    usageType: 'http://example.com/attachments/photo',
    display: { 'en-US': 'A photo' },
    contentType: 'text/plain',
    length: Buffer.byteLength(data),
    sha2: sha256(data),
    ...extra,
  };
}

const send = (method, body, contentType, params) =>
  xapi(lrs, method, 'statements', { params, body, headers: { 'Content-Type': contentType } });

test('a statement with its attachment part is stored, and attachments=true returns the part', async () => {
  // Binary content with CRLF and a boundary-like line inside must survive byte for byte.
  const data = Buffer.concat([Buffer.from('line one\r\n--not-a-boundary\r\n'), crypto.randomBytes(300)]);
  const s = statement({ attachments: [attachment(data, { contentType: 'application/octet-stream' })] });
  const mp = multipart(s, [{ data, contentType: 'application/octet-stream' }]);
  const res = await send('POST', mp.body, mp.contentType);
  assert.equal(res.status, 200, res.text);
  const id = res.json[0];

  const plain = await xapi(lrs, 'GET', 'statements', { params: { statementId: id } });
  assert.equal(plain.headers.get('content-type'), 'application/json');
  assert.equal(plain.json.attachments[0].sha2, sha256(data));

  const withParts = await xapi(lrs, 'GET', 'statements', { params: { statementId: id, attachments: 'true' } });
  assert.equal(withParts.status, 200);
  const ct = withParts.headers.get('content-type');
  assert.match(ct, /^multipart\/mixed; boundary=/);
  const parts = parseMultipart(ct, withParts.buf);
  assert.equal(parts.length, 2);
  assert.equal(parts[0].headers['content-type'], 'application/json');
  assert.equal(JSON.parse(parts[0].body.toString()).id, id);
  assert.equal(parts[1].headers['x-experience-api-hash'], sha256(data));
  assert.equal(parts[1].headers['content-transfer-encoding'], 'binary');
  assert.equal(parts[1].headers['content-type'], 'application/octet-stream');
  assert.ok(parts[1].body.equals(data));
  assert.ok(withParts.headers.get('x-experience-api-consistent-through'));

  const query = await xapi(lrs, 'GET', 'statements', { params: { verb: s.verb.id, attachments: 'true', limit: '1' } });
  const qparts = parseMultipart(query.headers.get('content-type'), query.buf);
  assert.equal(JSON.parse(qparts[0].body.toString()).statements[0].id, id);
  assert.ok(qparts[1].body.equals(data));
});

test('PUT takes multipart too; one part serves every statement of a batch that names its hash', async () => {
  const data = 'shared evidence ' + uuid();
  const id = uuid();
  const mp = multipart(statement({ id, attachments: [attachment(data)] }), [{ data }]);
  assert.equal((await send('PUT', mp.body, mp.contentType, { statementId: id })).status, 204);
  const two = [statement({ attachments: [attachment(data)] }), statement({ attachments: [attachment(data)] })];
  const batch = multipart(two, [{ data }]);
  const res = await send('POST', batch.body, batch.contentType);
  assert.equal(res.status, 200, res.text);
  assert.equal(res.json.length, 2);
});

test('multipart with bare LF line ends and colon-only headers is understood', async () => {
  const data = 'here is a simple attachment';
  const b = '-------314159265358979323846';
  const s = statement({ attachments: [attachment(data)] });
  const body = `\n--${b}\nContent-Type:application/json\n\n${JSON.stringify(s)}\n--${b}\n` +
    `Content-Disposition: attachment; filename="a.txt"\nContent-Type:text/plain\n` +
    `Content-Transfer-Encoding:binary\nX-Experience-API-Hash:${sha256(data)}\n\n${data}\n--${b}--`;
  const res = await send('POST', Buffer.from(body), `multipart/mixed; boundary=${b}`);
  assert.equal(res.status, 200, res.text);
  const got = await xapi(lrs, 'GET', 'statements', { params: { statementId: res.json[0], attachments: 'true' } });
  assert.equal(parseMultipart(got.headers.get('content-type'), got.buf)[1].body.toString(), data);
});

test('an attachment without fileUrl needs its part; a fileUrl-only attachment needs none', async () => {
  const data = 'needed ' + uuid();
  const json = await xapi(lrs, 'POST', 'statements', { body: statement({ attachments: [attachment(data)] }) });
  assert.equal(json.status, 400);
  assert.match(json.json.error, /attachments\[0\]: no fileUrl/);
  const noPart = multipart(statement({ attachments: [attachment(data)] }), []);
  const res = await send('POST', noPart.body, noPart.contentType);
  assert.equal(res.status, 400);
  assert.match(res.json.error, /attachments\[0\]/);
  const url = await xapi(lrs, 'POST', 'statements', {
    body: statement({ attachments: [attachment(data, { fileUrl: 'http://example.com/files/a.txt' })] }),
  });
  assert.equal(url.status, 200);
});

test('parts must be declared, carry their hash and binary encoding, and match their content', async () => {
  const data = 'declared ' + uuid();
  const s = statement({ attachments: [attachment(data)] });
  const cases = [
    ['an extra part', [{ data }, { data: 'extra' }], /part 3 matches no attachment/],
    ['a part without hash', [{ data, headers: { 'Content-Type': 'text/plain', 'Content-Transfer-Encoding': 'binary' } }], /no X-Experience-API-Hash/],
    ['a part without binary encoding', [{ data, headers: { 'Content-Type': 'text/plain', 'X-Experience-API-Hash': sha256(data) } }], /Content-Transfer-Encoding: binary/],
  ];
  for (const [what, parts, msg] of cases) {
    const mp = multipart(s, parts);
    const res = await send('POST', mp.body, mp.contentType);
    assert.equal(res.status, 400, what);
    assert.match(res.json.error, msg, what);
  }
});

test('bytes that do not have their claimed hash are accepted but never replace verified ones', async () => {
  const data = 'the real evidence ' + uuid();
  const good = multipart(statement({ attachments: [attachment(data)] }), [{ data }]);
  assert.equal((await send('POST', good.body, good.contentType)).status, 200);
  const tampered = multipart(statement({ attachments: [attachment(data)] }), [{ data: 'forged', hash: sha256(data) }]);
  const res = await send('POST', tampered.body, tampered.contentType);
  assert.equal(res.status, 200, res.text);
  const got = await xapi(lrs, 'GET', 'statements', { params: { statementId: res.json[0], attachments: 'true' } });
  const parts = parseMultipart(got.headers.get('content-type'), got.buf);
  assert.equal(parts[1].body.toString(), data);
  // With nothing verified stored yet, the bytes as sent are what the LRS can give back.
  const other = 'never sent before ' + uuid();
  const first = multipart(statement({ attachments: [attachment(other)] }), [{ data: 'recoded', hash: sha256(other) }]);
  const firstRes = await send('POST', first.body, first.contentType);
  assert.equal(firstRes.status, 200);
  const back = await xapi(lrs, 'GET', 'statements', { params: { statementId: firstRes.json[0], attachments: 'true' } });
  assert.equal(parseMultipart(back.headers.get('content-type'), back.buf)[1].body.toString(), 'recoded');
  // Verified bytes then replace them.
  const fixed = multipart(statement({ attachments: [attachment(other)] }), [{ data: other }]);
  assert.equal((await send('POST', fixed.body, fixed.contentType)).status, 200);
  const again = await xapi(lrs, 'GET', 'statements', { params: { statementId: firstRes.json[0], attachments: 'true' } });
  assert.equal(parseMultipart(again.headers.get('content-type'), again.buf)[1].body.toString(), other);
});

test('malformed multipart bodies are refused', async () => {
  const good = multipart(statement(), []);
  const noBoundary = await send('POST', good.body, 'multipart/mixed');
  assert.equal(noBoundary.status, 400);
  assert.match(noBoundary.json.error, /boundary/);
  const wrongBoundary = await send('POST', good.body, 'multipart/mixed; boundary=elsewhere');
  assert.equal(wrongBoundary.status, 400);
  const unclosed = await send('POST', good.body.slice(0, good.body.length - 20), good.contentType);
  assert.equal(unclosed.status, 400);
  const b = 'b' + uuid();
  const textFirst = Buffer.from(`--${b}\r\nContent-Type: text/plain\r\n\r\n${JSON.stringify(statement())}\r\n--${b}--\r\n`);
  const res = await send('POST', textFirst, `multipart/mixed; boundary="${b}"`);
  assert.equal(res.status, 400);
  assert.match(res.json.error, /first multipart part must be application\/json/);
});

// ---- erasure: a payload goes with the last statement that names it ----

// On a fresh LRS of its own (erasure counts are exact there), calls fn(post, parts, erase):
// post(actorMbox, [data...], [fileUrlData...]) stores one statement with those attachments
// (parts sent for the first list only) and returns its id; parts(id) returns the payloads a
// GET attachments=true sends with it; erase(args) runs `stepwise erase` on the database.
async function withOwnLrs(fn) {
  const own = await startLrs();
  try {
    const post = async (mbox, sent, named = []) => {
      const atts = [...sent.map((d) => attachment(d)),
        ...named.map((d) => attachment(d, { fileUrl: 'http://example.com/files/x' }))];
      const mp = multipart(statement({ actor: { mbox }, attachments: atts }), sent.map((data) => ({ data })));
      const res = await xapi(own, 'POST', 'statements', { body: mp.body, headers: { 'Content-Type': mp.contentType } });
      assert.equal(res.status, 200, res.text);
      return res.json[0];
    };
    const parts = async (id) => {
      const got = await xapi(own, 'GET', 'statements', { params: { statementId: id, attachments: 'true' } });
      assert.equal(got.status, 200);
      return parseMultipart(got.headers.get('content-type'), got.buf).slice(1).map((p) => p.body.toString()).sort();
    };
    const erase = async (args) => {
      const res = await runCli(['erase', ...args, '--db', own.db]);
      assert.equal(res.code, 0, res.stderr);
      return res;
    };
    await fn(post, parts, erase);
  } finally {
    await own.stop();
  }
}

test('erase --learner removes the learner\'s attachments but keeps those another learner\'s statement names', async () => {
  await withOwnLrs(async (post, parts, erase) => {
    const ann = `mailto:ann-${uuid()}@example.com`, bob = `mailto:bob-${uuid()}@example.com`;
    const own = 'only Ann ' + uuid(), shared = 'shared ' + uuid();
    await post(ann, [own, shared]);
    const bobs = await post(bob, [shared]);
    const res = await erase(['--learner', JSON.stringify({ mbox: ann })]);
    assert.equal(res.stdout, 'erased 1 statements, 0 documents and 1 attachments of the learner\n');
    assert.match(res.stderr, /erase=learner statements=1 documents=0 attachments=1 /);
    assert.deepEqual(await parts(bobs), [shared]);
    // Ann's own payload is gone: a statement naming it without a part gets nothing back.
    assert.deepEqual(await parts(await post(bob, [], [own])), []);
  });
});

test('erase --before keeps the attachments that newer statements name', async () => {
  await withOwnLrs(async (post, parts, erase) => {
    const ann = `mailto:ann-${uuid()}@example.com`;
    const gone = 'old only ' + uuid(), kept = 'old and new ' + uuid();
    await post(ann, [gone, kept]);
    await new Promise((r) => setTimeout(r, 30));
    const cut = new Date().toISOString();
    await new Promise((r) => setTimeout(r, 30));
    const recent = await post(ann, [], [kept]);   // names it by fileUrl, sends no part
    const res = await erase(['--before', cut]);
    assert.match(res.stdout, /^erased 1 statements, 0 documents and 1 attachments stored before /);
    assert.deepEqual(await parts(recent), [kept]);
    assert.deepEqual(await parts(await post(ann, [], [gone])), []);
  });
});

// ---- signed statements ----

const b64url = (buf) => Buffer.from(buf).toString('base64url');
const derOf = (pem) => pem.replace(/-----[^-]+-----/g, '').replace(/\s+/g, '');

function jws(payload, { alg = 'RS256', x5c, key = fixture('signing-key.pem') } = {}) {
  const header = { alg, ...(x5c ? { x5c: [derOf(x5c)] } : {}) };
  const signing = `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(payload))}`;
  const digest = { RS256: 'sha256', RS384: 'sha384', RS512: 'sha512' }[alg] || 'sha256';
  return `${signing}.${b64url(crypto.sign(digest, Buffer.from(signing), key))}`;
}

// Posts s signed with token as a signature attachment.
function postSigned(s, token) {
  const signed = { ...s, attachments: [attachment(token, { usageType: SIGNATURE, contentType: 'application/octet-stream' })] };
  const mp = multipart(signed, [{ data: token, contentType: 'application/octet-stream' }]);
  return send('POST', mp.body, mp.contentType);
}

test('a signed statement whose JWS payload is the statement is accepted (RS256, RS384 with x5c)', async () => {
  const s = statement({ id: uuid() });
  const res = await postSigned(s, jws(s));
  assert.equal(res.status, 200, res.text);
  const withCert = statement({ id: uuid(), result: { completion: true } });
  const ok = await postSigned(withCert, jws(withCert, { alg: 'RS384', x5c: fixture('signing-cert.pem') }));
  assert.equal(ok.status, 200, ok.text);
  // The payload may leave out the id the LRS assigns.
  const noId = statement();
  assert.equal((await postSigned(noId, jws(noId))).status, 200);
});

test('signatures that do not sign the statement are refused with 400', async () => {
  const s = statement({ id: uuid() });
  const cases = [
    ['another statement', jws(statement({ verb: { id: 'http://example.com/verbs/other' } })), /payload differs/],
    ['another id', jws({ ...s, id: uuid() }), /payload differs/],
    ['HS256', (() => {
      const signing = `${b64url('{"alg":"HS256"}')}.${b64url(JSON.stringify(s))}`;
      return `${signing}.${b64url(crypto.createHmac('sha256', 'k').update(signing).digest())}`;
    })(), /"alg" must be RS256, RS384 or RS512/],
    ['not a JWS', 'this is not a signature', /not a JWS compact serialization/],
    ['a payload that is not JSON', `${b64url('{"alg":"RS256"}')}.${b64url('nope')}.${b64url('sig')}`, /base64url JSON objects/],
    ['a certificate of another key', jws(s, { x5c: fixture('other-cert.pem') }), /does not verify with its x5c certificate/],
  ];
  for (const [what, token, msg] of cases) {
    const res = await postSigned(s, token);
    assert.equal(res.status, 400, what);
    assert.match(res.json.error, /^attachments\[0\]\.signature: /, what);
    assert.match(res.json.error, msg, what);
  }
  assert.equal((await xapi(lrs, 'GET', 'statements', { params: { statementId: s.id } })).status, 404);
});
