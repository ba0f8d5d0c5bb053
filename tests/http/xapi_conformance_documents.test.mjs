// xapi_conformance_documents.test.mjs: requirements of the ADL LRS conformance test suite
// (github.com/adlnet/lrs-conformance-test-suite, test/v1_0_3 and test/v2_0) for the document
// resources (State, Activity Profile, Agent Profile), the Activities and Agents resources and
// authentication, that xapi_conformance.test.mjs and xapi_documents.test.mjs do not already
// cover. Each test is named by the suite's requirement id (or section) and runs in every xAPI
// version the suite tests it in.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startLrs, xapi, statement, uuid } from '../lib/xapi.mjs';

let lrs;
before(async () => {
  lrs = await startLrs({ all: ['all'], writer: ['statements/write'], profile: ['profile'], allRead: ['all/read'] });
});
after(async () => { await lrs.stop(); });

const VERSIONS = ['1.0.3', '2.0.0'];
// The suite's own fixtures: one account agent for every document, a JSON document.
const suiteAgent = () => ({ objectType: 'Agent', account: { homePage: 'http://www.example.com/agentId/1', name: `Rick James ${uuid()}` } });
const doc = () => ({ name: uuid(), location: { name: uuid() }, [uuid()]: uuid() });
const MAKE = {
  'activities/state': () => ({ activityId: `http://www.example.com/activityId/${uuid()}`, agent: suiteAgent(), stateId: uuid() }),
  'activities/profile': () => ({ activityId: `http://www.example.com/activityId/${uuid()}`, profileId: uuid() }),
  'agents/profile': () => ({ agent: suiteAgent(), profileId: uuid() }),
};
const ID_PARAM = { 'activities/state': 'stateId', 'activities/profile': 'profileId', 'agents/profile': 'profileId' };
const CREATE = { 'If-None-Match': '*' };
const without = (params, name) => { const p = { ...params }; delete p[name]; return p; };
const as = (name) => ({ auth: lrs.clients[name].auth });

// A request whose query string is sent exactly as given (the suite breaks encodings on purpose).
async function raw(method, resource, query, body, version = '1.0.3') {
  const res = await fetch(`${lrs.srv.url}/xapi/${resource}?${query}`, {
    method, body: body === undefined ? undefined : JSON.stringify(body),
    headers: { Authorization: lrs.clients.all.auth, 'X-Experience-API-Version': version, 'Content-Type': 'application/json' },
  });
  return { status: res.status, text: await res.text() };
}

// ---- Communication 2.3 / 4.1.6.2 State, 2.6 / 4.1.6.5 Agent Profile, 2.7 / 4.1.6.6 Activity Profile ----

for (const version of VERSIONS) {
  const v = { version };
  for (const resource of Object.keys(MAKE)) {
    const idName = ID_PARAM[resource];
    const req = (method, params, body, headers = {}) => xapi(lrs, method, resource, { params, body, headers, ...v });
    const writeHeaders = (method) => (method === 'PUT' ? CREATE : {});
    const bodyFor = (method) => (method === 'PUT' || method === 'POST' ? doc() : undefined);

    test(`XAPI-00187..00192 XAPI-00269..00274 XAPI-00285..00293 ${resource} (${version}): PUT, POST, GET and DELETE answer 204/200`, async () => {
      const params = MAKE[resource]();
      const d = doc();
      assert.equal((await req('PUT', params, d, CREATE)).status, 204);
      const got = await req('GET', params);
      assert.equal(got.status, 200);
      assert.deepEqual(got.json, d);
      assert.equal((await req('DELETE', params)).status, 204);
      assert.equal((await req('GET', params)).status, 404);
      assert.equal((await req('DELETE', params)).status, 204, 'deleting what is not there is no error');
      const posted = MAKE[resource]();
      assert.equal((await req('POST', posted, d)).status, 204);
      assert.deepEqual((await req('GET', posted)).json, d, 'a POST of a new document stores it like a PUT');
    });

    const required = resource === 'agents/profile' ? ['agent'] : resource === 'activities/state' ? ['activityId', 'agent'] : ['activityId'];
    for (const name of required) {
      test(`XAPI-00207..00215 XAPI-00261..00264 XAPI-00296..00299 ${resource} (${version}): every method without ${name} is 400`, async () => {
        for (const method of ['GET', 'PUT', 'POST', 'DELETE']) {
          const res = await req(method, without(MAKE[resource](), name), bodyFor(method), writeHeaders(method));
          assert.equal(res.status, 400, `${method}: ${res.text}`);
          assert.match(res.json.error, new RegExp(`^${name}`));
        }
      });
    }

    if (resource !== 'agents/profile') {
      test(`Communication 2.3.s3.table1.row1 ${resource} (${version}): an activityId that is not an IRI string is 400`, async () => {
        for (const bad of ['1', 'true', '{"key":"value"}', 'undefined']) {
          for (const method of ['GET', 'PUT', 'POST', 'DELETE']) {
            const res = await req(method, { ...MAKE[resource](), activityId: bad }, bodyFor(method), writeHeaders(method));
            assert.equal(res.status, 400, `${method} activityId=${bad}`);
            assert.match(res.json.error, /^activityId/);
          }
        }
      });
    }

    if (resource !== 'activities/profile') {
      test(`XAPI-00196..00199 XAPI-00255..00258 ${resource} (${version}): an agent that is not an Agent in JSON is 400`, async () => {
        for (const bad of ['1', 'true', 'not JSON', '{"key":"value"}', '{"not_actor":"yup"}', 'undefined']) {
          for (const method of ['GET', 'PUT', 'POST', 'DELETE']) {
            const res = await req(method, { ...MAKE[resource](), agent: bad }, bodyFor(method), writeHeaders(method));
            assert.equal(res.status, 400, `${method} agent=${bad}`);
            assert.match(res.json.error, /^agent/);
          }
        }
      });

      test(`XAPI-00284 ${resource} (${version}): an agent parameter whose encoding is broken is 400`, async () => {
        const params = MAKE[resource]();
        const agent = encodeURIComponent(JSON.stringify(params.agent)).replace('%3A', '%22');
        const rest = Object.entries(without(params, 'agent')).map(([k, val]) => `${k}=${encodeURIComponent(val)}`).join('&');
        const res = await raw('POST', resource, `${rest}&agent=${agent}`, doc(), version);
        assert.equal(res.status, 400, res.text);
      });
    }

    test(`XAPI-00206 XAPI-00211 XAPI-00265..00267 XAPI-00300..00302 ${resource} (${version}): PUT and POST need the ${idName}`, async () => {
      for (const method of ['PUT', 'POST']) {
        const res = await req(method, without(MAKE[resource](), idName), doc(), writeHeaders(method));
        assert.equal(res.status, 400, method);
        assert.match(res.json.error, new RegExp(`^${idName}`));
      }
    });

    test(`XAPI-00204 XAPI-00260 XAPI-00295 ${resource} (${version}): since that is not a timestamp is 400`, async () => {
      for (const bad of ['true', 'not a timestamp', '1']) {
        const res = await req('GET', { ...without(MAKE[resource](), idName), since: bad });
        assert.equal(res.status, 400, bad);
        assert.match(res.json.error, /^since/);
      }
    });

    test(`XAPI-00195 XAPI-00221 XAPI-00268 XAPI-00275 XAPI-00294 XAPI-00303 ${resource} (${version}): since lists every id stored after it; GET by id ignores it`, async () => {
      const first = MAKE[resource]();
      const second = { ...first, [idName]: uuid() };
      const d = doc();
      assert.equal((await req('POST', first, d)).status, 204);
      assert.equal((await req('POST', second, doc())).status, 204);
      const since = new Date(Date.now() - 60000).toISOString();
      const list = await req('GET', { ...without(first, idName), since });
      assert.equal(list.status, 200);
      assert.deepEqual([...list.json].sort(), [first[idName], second[idName]].sort());
      const one = await req('GET', { ...first, since });
      assert.equal(one.status, 200);
      assert.deepEqual(one.json, d);
    });

    test(`Communication 2.2.s7 ${resource} (${version}): a merge replaces duplicate keys whole, one level deep`, async () => {
      const params = MAKE[resource]();
      const a = { car: { make: 'Ford', model: 'Escape' }, driver: 'Dale', series: { nascar: { series: 'sprint' } }, keep: 1 };
      const b = { car: { make: 'Dodge' }, driver: 'Jeff', series: { nascar: { series: 'nextel' } } };
      assert.equal((await req('POST', params, a)).status, 204);
      assert.equal((await req('POST', params, b)).status, 204);
      assert.deepEqual((await req('GET', params)).json, { ...b, keep: 1 });
    });

    test(`XAPI-00278 XAPI-00281 Communication 2.2.s8.b1 ${resource} (${version}): a POST that cannot merge is 400 and changes nothing`, async () => {
      const params = MAKE[resource]();
      const d = doc();
      assert.equal((await req('POST', params, d)).status, 204);
      const cases = [['abcdefg', 'application/octet-stream'], ['abcdefg', 'not/json'], ['abc', 'application/x-www-form-urlencoded'],
        [JSON.stringify(d) + '{', 'application/json']];
      for (const [body, type] of cases) {
        const res = await req('POST', params, body, { 'Content-Type': type });
        assert.equal(res.status, 400, `${type}: ${res.text}`);
      }
      assert.deepEqual((await req('GET', params)).json, d);
      // and the other way round: the stored document is not JSON
      const octet = MAKE[resource]();
      assert.equal((await req('PUT', octet, '/ asdf / undefined', { 'Content-Type': 'application/octet-stream', ...CREATE })).status, 204);
      assert.equal((await req('POST', octet, doc())).status, 400);
      const kept = await req('GET', octet);
      assert.equal(kept.text, '/ asdf / undefined');
      assert.match(kept.headers.get('content-type'), /^application\/octet-stream/);
    });

    test(`4.1.6.2 Last-Modified ${resource} (${version}): present on GET and moved by an update`, async () => {
      const params = MAKE[resource]();
      assert.equal((await req('POST', params, { a: 1 })).status, 204);
      const first = Date.parse((await req('GET', params)).headers.get('last-modified'));
      assert.ok(!Number.isNaN(first));
      await new Promise((r) => setTimeout(r, 1100));
      assert.equal((await req('POST', params, { b: 2 })).status, 204);
      const second = Date.parse((await req('GET', params)).headers.get('last-modified'));
      assert.ok(second > first, `${second} > ${first}`);
    });

    test(`XAPI-00322 Communication 3.1 ${resource} (${version}): a PUT without either header over an existing document is 409 and changes nothing`, async () => {
      const params = MAKE[resource]();
      const d = doc();
      assert.equal((await req('POST', params, d)).status, 204);
      const replacement = doc();
      const res = await req('PUT', params, replacement);
      if (resource === 'activities/state' && version === '1.0.3') {
        assert.equal(res.status, 204, '1.0.3 has no concurrency rule for state');
        assert.deepEqual((await req('GET', params)).json, replacement);
        return;
      }
      assert.equal(res.status, 409);
      assert.ok(res.json.error.length > 0);
      assert.deepEqual((await req('GET', params)).json, d);
    });
  }

  test(`XAPI-00218..00220 XAPI-00227 activities/state (${version}): registration keeps documents apart, in every method`, async () => {
    const params = MAKE['activities/state']();
    const registration = uuid();
    const withReg = { ...params, registration };
    const req = (method, p, body) => xapi(lrs, method, 'activities/state', { params: p, body, ...v });
    assert.equal((await req('PUT', withReg, { r: 1 })).status, 204);
    assert.equal((await req('POST', withReg, { s: 2 })).status, 204);
    assert.deepEqual((await req('GET', withReg)).json, { r: 1, s: 2 });
    assert.equal((await req('GET', params)).status, 404, 'without the registration it is another document');
    assert.equal((await req('GET', { ...withReg, registration: registration.toUpperCase() })).status, 200, 'a UUID in capitals is the same');
    assert.equal((await req('DELETE', withReg)).status, 204);
    assert.equal((await req('GET', withReg)).status, 404);
  });

  test(`XAPI-00200..00203 activities/state (${version}): a registration that is not a UUID is 400 in every method`, async () => {
    for (const bad of ['1', 'true', 'not UUID']) {
      for (const method of ['GET', 'PUT', 'POST', 'DELETE']) {
        const res = await xapi(lrs, method, 'activities/state', { params: { ...MAKE['activities/state'](), registration: bad },
          body: method === 'PUT' || method === 'POST' ? doc() : undefined, ...v });
        assert.equal(res.status, 400, `${method} registration=${bad}`);
        assert.match(res.json.error, /^registration/);
      }
    }
  });

  test(`XAPI-00194 activities/state (${version}): DELETE without stateId deletes every state of the activity and agent, no other`, async () => {
    const params = MAKE['activities/state']();
    const other = MAKE['activities/state']();
    const req = (method, p, body) => xapi(lrs, method, 'activities/state', { params: p, body, ...v });
    assert.equal((await req('POST', params, doc())).status, 204);
    assert.equal((await req('POST', { ...params, stateId: uuid() }, doc())).status, 204);
    assert.equal((await req('POST', other, doc())).status, 204);
    const list = without(params, 'stateId');
    assert.equal((await req('DELETE', list)).status, 204);
    assert.deepEqual((await req('GET', list)).json, []);
    assert.equal((await req('GET', other)).status, 200);
  });

  test(`Communication 2.2.s4.b2 agents/profile (${version}): {} , "1" and "true" are stored as sent`, async () => {
    for (const body of [{}, '1', 'true']) {
      const params = MAKE['agents/profile']();
      assert.equal((await xapi(lrs, 'POST', 'agents/profile', { params, body, ...v })).status, 204);
      const got = await xapi(lrs, 'GET', 'agents/profile', { params, ...v });
      assert.equal(got.text, typeof body === 'string' ? body : JSON.stringify(body));
    }
  });
}

test('XAPI-00273 XAPI-00287 profiles (1.0.3): a PUT of a new document without If-Match or If-None-Match is 400; with If-None-Match: * it is 204', async () => {
  for (const resource of ['activities/profile', 'agents/profile']) {
    const params = MAKE[resource]();
    const bare = await xapi(lrs, 'PUT', resource, { params, body: doc() });
    assert.equal(bare.status, 400, resource);
    assert.match(bare.json.error, /If-None-Match/);
    assert.equal((await xapi(lrs, 'GET', resource, { params })).status, 404, 'nothing was stored');
    assert.equal((await xapi(lrs, 'PUT', resource, { params, body: doc(), headers: CREATE })).status, 204);
  }
  // xAPI 2.0.0 dropped the rule: a new profile needs no header there.
  const params = MAKE['agents/profile']();
  assert.equal((await xapi(lrs, 'PUT', 'agents/profile', { params, body: doc(), version: '2.0.0' })).status, 204);
  // State never had it.
  assert.equal((await xapi(lrs, 'PUT', 'activities/state', { params: MAKE['activities/state'](), body: doc() })).status, 204);
});

// ---- Communication 2.5 / 4.1.6.4 Activities ----

const fullActivity = (id) => ({
  objectType: 'Activity', id,
  definition: {
    name: { 'en-US': 'Question 1' }, description: { 'en-US': 'Pick one' },
    type: 'http://adlnet.gov/expapi/activities/cmi.interaction', moreInfo: 'http://example.com/more',
    interactionType: 'choice', correctResponsesPattern: ['golf[,]tetris'],
    choices: [{ id: 'golf', description: { 'en-US': 'Golf Example' } }, { id: 'tetris', description: { 'en-US': 'Tetris Example' } }],
    extensions: { 'http://example.com/ext': { deep: [1, 2] } },
  },
});

for (const version of VERSIONS) {
  test(`Communication 2.5.s1 (${version}): GET activities returns the complete Activity object a statement sent`, async () => {
    const activity = fullActivity(`http://www.example.com/verify/complete/${uuid()}`);
    assert.equal((await xapi(lrs, 'POST', 'statements', { body: [statement({ object: activity })], version })).status, 200);
    const res = await xapi(lrs, 'GET', 'activities', { params: { activityId: activity.id }, version });
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type'), /^application\/json/);
    assert.deepEqual(res.json, activity);
  });

  test(`Communication 2.5.s1.table1.row1 (${version}): activityId missing, not an IRI, or another parameter is 400`, async () => {
    for (const params of [{}, { activityId: '1' }, { activityId: 'true' }, { activityId: '{"key":"value"}' },
      { activityId: 'http://example.com/a', agent: JSON.stringify({ mbox: 'mailto:a@example.com' }) }]) {
      const res = await xapi(lrs, 'GET', 'activities', { params, version });
      assert.equal(res.status, 400, JSON.stringify(params));
    }
  });

  test(`XAPI-00254 (${version}): two statements of one batch in two languages give the Activity both`, async () => {
    const id = `http://www.example.com/verify/complete/${uuid()}`;
    const meeting = { objectType: 'Activity', id, definition: { name: { 'en-US': 'example meeting' }, type: 'http://adlnet.gov/expapi/activities/meeting' } };
    const french = { objectType: 'Activity', id, definition: { name: { 'fr-FR': 'réunion' }, type: 'http://adlnet.gov/expapi/activities/meeting' } };
    const res = await xapi(lrs, 'POST', 'statements', { body: [statement({ object: meeting }), statement({ object: french })], version });
    assert.equal(res.status, 200, res.text);
    const got = await xapi(lrs, 'GET', 'activities', { params: { activityId: id }, version });
    assert.deepEqual(got.json.definition.name, { 'en-US': 'example meeting', 'fr-FR': 'réunion' });
  });
}

// ---- Communication 2.4 / 4.1.6.3 Agents ----

const IFI_AGENTS = {
  mbox: { objectType: 'Agent', name: 'Mbox', mbox: 'mailto:mbox-person@example.com' },
  mbox_sha1sum: { objectType: 'Agent', name: 'Sha', mbox_sha1sum: 'cd9b00a5611f94eaa7b1661edab976068e364975' },
  openid: { objectType: 'Agent', name: 'Open', openid: 'http://openid.example.org/12345' },
  account: { objectType: 'Agent', name: 'Acc', account: { homePage: 'http://www.example.com', name: 'xAPI account name' } },
};

for (const version of VERSIONS) {
  test(`XAPI-00236..00242 XAPI-00244 XAPI-00245 XAPI-00248 (${version}): the Person object holds arrays of the agent's properties`, async () => {
    for (const [ifi, actor] of Object.entries(IFI_AGENTS)) {
      assert.equal((await xapi(lrs, 'POST', 'statements', { body: [statement({ actor })], version })).status, 200);
      const res = await xapi(lrs, 'GET', 'agents', { params: { agent: actor }, version });
      assert.equal(res.status, 200, ifi);
      assert.equal(res.json.objectType, 'Person');
      assert.deepEqual(res.json.name, [actor.name]);
      assert.deepEqual(res.json[ifi], [actor[ifi]], ifi);
      for (const other of Object.keys(IFI_AGENTS)) if (other !== ifi) assert.equal(res.json[other], undefined, other);
    }
  });

  test(`XAPI-00247 (${version}): an agent the LRS never saw is still a Person with what was asked`, async () => {
    const agent = { objectType: 'Agent', mbox: `mailto:${uuid()}@example.com` };
    const res = await xapi(lrs, 'GET', 'agents', { params: { agent }, version });
    assert.equal(res.status, 200);
    assert.deepEqual(res.json, { objectType: 'Person', name: [], mbox: [agent.mbox] });
  });

  test(`XAPI-00243 XAPI-00249 (${version}): agent missing, not JSON, or not a valid Agent is 400`, async () => {
    for (const agent of [undefined, 'not JSON', '1', 'true', '{"key":"value"}', JSON.stringify({ mbox: 'a@example.com' }),
      JSON.stringify({ name: 'Rick James', objectType: 'Agent' }),
      JSON.stringify({ mbox: 'mailto:a@example.com', openid: 'http://openid.example.org/1' })]) {
      const res = await xapi(lrs, 'GET', 'agents', { params: { agent }, version });
      assert.equal(res.status, 400, String(agent));
      assert.match(res.json.error, /^agent/);
    }
  });
}

// ---- Communication 4.0 Authentication, scopes ----

test('XAPI-00334 XAPI-00335 an unknown key or a malformed header is 401; HTTP Basic works', async () => {
  const id = uuid();
  const unknown = 'Basic ' + Buffer.from('RobCIsNot:AUserOnThisLRS').toString('base64');
  const malformed = 'Basic:' + Buffer.from('RobCIsNot:AUserOnThisLRS').toString('base64');
  for (const auth of [unknown, malformed]) {
    const res = await xapi(lrs, 'PUT', 'statements', { params: { statementId: id }, body: statement(), auth });
    assert.equal(res.status, 401, auth);
    assert.equal(res.headers.get('www-authenticate'), 'Basic realm="Stepwise xAPI"');
  }
  assert.equal((await xapi(lrs, 'PUT', 'statements', { params: { statementId: id }, body: statement() })).status, 204);
});

test('Communication 4.0 every resource but about asks for credentials: 401 without, 403 for a missing scope', async () => {
  const cases = [['activities/state', MAKE['activities/state']()], ['activities/profile', MAKE['activities/profile']()],
    ['agents/profile', MAKE['agents/profile']()], ['activities', { activityId: 'http://example.com/a' }],
    ['agents', { agent: suiteAgent() }]];
  for (const [resource, params] of cases) {
    const anonymous = await xapi(lrs, 'GET', resource, { params, auth: null });
    assert.equal(anonymous.status, 401, resource);
    assert.ok(anonymous.headers.get('www-authenticate'), resource);
    const writer = await xapi(lrs, 'GET', resource, { params, ...as('writer') });
    assert.equal(writer.status, 403, `${resource} with statements/write only`);
  }
  assert.equal((await xapi(lrs, 'GET', 'about', { auth: null })).status, 200);
});

test('Communication 4.2 scopes: "profile" reaches both profile resources only; "all/read" reads documents but writes none', async () => {
  const ap = MAKE['activities/profile']();
  assert.equal((await xapi(lrs, 'PUT', 'activities/profile', { params: ap, body: { a: 1 }, headers: CREATE, ...as('profile') })).status, 204);
  assert.equal((await xapi(lrs, 'POST', 'agents/profile', { params: MAKE['agents/profile'](), body: { a: 1 }, ...as('profile') })).status, 204);
  const state = await xapi(lrs, 'POST', 'activities/state', { params: MAKE['activities/state'](), body: { a: 1 }, ...as('profile') });
  assert.equal(state.status, 403);
  assert.match(state.json.error, /"state"/);
  assert.equal((await xapi(lrs, 'GET', 'activities/profile', { params: ap, ...as('allRead') })).status, 200);
  for (const method of ['PUT', 'POST', 'DELETE']) {
    const res = await xapi(lrs, method, 'activities/profile', { params: ap, body: method === 'DELETE' ? undefined : { b: 2 }, headers: method === 'PUT' ? { 'If-Match': '*' } : {}, ...as('allRead') });
    assert.equal(res.status, 403, method);
  }
  assert.deepEqual((await xapi(lrs, 'GET', 'activities/profile', { params: ap })).json, { a: 1 });
});

// ---- Communication 1.2, 1.3, 3.3: headers, alternate syntax, versions on the document resources ----

test('Communication 1.2 an OPTIONS preflight on a document resource is answered without credentials, with CORS headers', async () => {
  const res = await fetch(`${lrs.srv.url}/xapi/activities/state`, { method: 'OPTIONS',
    headers: { Origin: 'http://elsewhere.example', 'Access-Control-Request-Method': 'PUT', 'Access-Control-Request-Headers': 'If-Match' } });
  assert.equal(res.status, 204);
  assert.equal(res.headers.get('access-control-allow-origin'), '*');
  assert.match(res.headers.get('access-control-allow-methods'), /PUT/);
  assert.match(res.headers.get('access-control-allow-headers'), /If-Match/);
  const got = await xapi(lrs, 'GET', 'agents', { params: { agent: suiteAgent() }, headers: { Origin: 'http://elsewhere.example' } });
  assert.match(got.headers.get('access-control-expose-headers'), /ETag/);
});

test('Communication 1.3 alternate syntax reaches the profile resources, If-None-Match and all', async () => {
  const params = MAKE['agents/profile']();
  const form = (method, fields) => xapi(lrs, 'POST', 'agents/profile', { params: { method }, auth: null, version: null,
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ Authorization: lrs.clients.all.auth, 'X-Experience-API-Version': '1.0.3',
      agent: JSON.stringify(params.agent), profileId: params.profileId, ...fields }).toString() });
  assert.equal((await form('PUT', { content: '{"a":1}', 'If-None-Match': '*' })).status, 204);
  assert.equal((await form('PUT', { content: '{"a":2}', 'If-None-Match': '*' })).status, 412);
  const got = await form('GET', {});
  assert.equal(got.status, 200);
  assert.deepEqual(got.json, { a: 1 });
  const v2 = await xapi(lrs, 'POST', 'agents/profile', { params: { method: 'GET' }, version: '2.0.0',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: `agent=${encodeURIComponent(JSON.stringify(params.agent))}&profileId=${params.profileId}` });
  assert.equal(v2.status, 400, 'not part of 2.0.0');
});

test('Communication 1.3.s3.b7 a header sent as a form field counts, also over the real header', async () => {
  const params = MAKE['activities/state']();
  const form = (resource, method, fields) => xapi(lrs, 'POST', resource, { params: { method },
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(fields).toString() });
  const badVersion = await form('statements', 'PUT', { statementId: uuid(), 'X-Experience-API-Version': '0.8', content: JSON.stringify(statement()) });
  assert.equal(badVersion.status, 400);
  assert.match(badVersion.json.error, /^X-Experience-API-Version/);
  const fields = { activityId: params.activityId, agent: JSON.stringify(params.agent), stateId: params.stateId };
  const wrongAuth = await form('activities/state', 'GET', { ...fields, Authorization: 'Basic ' + Buffer.from('no:body').toString('base64') });
  assert.equal(wrongAuth.status, 401, 'the form\'s credentials replace the real ones');
  assert.equal((await form('activities/state', 'PUT', { ...fields, content: '{"a":1}' })).status, 204);
  const got = await form('activities/state', 'GET', fields);
  assert.deepEqual(got.json, { a: 1 });
});

test('Communication 3.3 documents accept every 1.0.x version header and answer in the latest they speak', async () => {
  const params = MAKE['activities/state']();
  for (const version of ['1.0', '1.0.0', '1.0.1', '1.0.2', '1.0.3']) {
    const res = await xapi(lrs, 'POST', 'activities/state', { params, body: { [version]: 1 }, version });
    assert.equal(res.status, 204, version);
    assert.equal(res.headers.get('x-experience-api-version'), '1.0.3');
  }
  for (const version of ['0.95', '1.1.0', '3.0.0']) {
    const res = await xapi(lrs, 'GET', 'activities/state', { params, version });
    assert.equal(res.status, 400, version);
    assert.match(res.json.error, /^X-Experience-API-Version/);
  }
});
