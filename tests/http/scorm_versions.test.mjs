// scorm_versions.test.mjs: re-importing a package while the server runs adds a version and
// breaks no attempt in progress: a learner with an attempt on version 1 goes on with it there
// (its files, its data, its commits), a new attempt and a new learner start on version 2.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { startServer } from '../lib/server.mjs';
import { uuid } from '../lib/xapi.mjs';
import { commit, fixtureZip, importPackage, playData, scormSetup, signedIn } from '../lib/scorm.mjs';

const PW = 'scorm-versions-password';
let dir, content, srv, bram, cleo;

before(async () => {
  const site = await scormSetup('scorm-versions', { packages: { 'pallet-jack': 'play12' },
    users: [['bram', 'Bram Mentee'], ['cleo', 'Cleo Mentee']], password: PW });
  ({ dir, content } = site);
  srv = await startServer({ content, db: site.db });
  bram = await signedIn(srv.url, 'bram', PW);
  cleo = await signedIn(srv.url, 'cleo', PW);
});

after(async () => {
  await srv?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const play = async (c, query = '') => playData((await c.req(`/play/pallet-jack${query}`)).html);

test('an attempt in progress stays on its version after a re-import; new attempts take the new one', async () => {
  let data = await play(bram);
  assert.match(data.files, /\/scorm-files\/pallet-jack\/1\/$/);
  let r = await commit(bram, 'pallet-jack', data.csrf, { attempt: 1, sco: 'JACK', commit: uuid(),
    values: { 'cmi.core.lesson_location': 'page-2', 'cmi.core.lesson_status': 'incomplete' } });
  assert.equal(r.status, 200, r.text);

  await importPackage(content, fixtureZip('play12', dir), 'pallet-jack');     // version 2
  for (let i = 0; i < 100 && !/\/2\/$/.test((await play(cleo)).files); i++) await new Promise((res) => setTimeout(res, 100));
  assert.match((await play(cleo)).files, /\/scorm-files\/pallet-jack\/2\/$/, 'a new learner starts on version 2');
  assert.equal((await fetch(`${srv.url}/scorm-files/pallet-jack/1/index.html`)).status, 200, 'version 1 is still served');

  data = await play(bram);
  assert.equal(data.attempt, 1);
  assert.match(data.files, /\/scorm-files\/pallet-jack\/1\/$/, 'his attempt goes on on version 1');
  assert.equal(data.scos[0].values['cmi.core.lesson_location'], 'page-2');
  r = await commit(bram, 'pallet-jack', data.csrf, { attempt: 1, sco: 'JACK', commit: uuid(),
    values: { 'cmi.core.lesson_status': 'passed' } });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.completed, true);

  data = await play(bram);
  assert.equal(data.attempt, 2, 'the last attempt completed: a new one');
  assert.match(data.files, /\/scorm-files\/pallet-jack\/2\/$/);
});
