// scorm_origin.test.mjs: --scorm-origin in a real browser. The site is http://127.0.0.1:PORT and
// the package files come from http://localhost:PORT (another host name of the same server, so
// another origin and another site). The SCO still finds the runtime API, reports and commits
// through it, and its data and statements are stored; its script cannot read the player page,
// cannot read the site with the learner's session (no CORS, the cookie is not the origin's), and
// its own origin serves it nothing of the learner.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';

import { freePort, startServer } from '../lib/server.mjs';
import { addClient } from '../lib/xapi.mjs';
import { committed, scormSetup, statementsAbout, waitForSco } from '../lib/scorm.mjs';
import { launch, signIn } from './lib.mjs';

const PW = 'scorm-origin-password';
let dir, server, browser, lrs, lessons;

before(async () => {
  const { dir: d, content, db } = await scormSetup('bscorm-origin', { packages: { 'pallet-jack': 'play12' },
    users: [['bram', 'Bram Mentee']], password: PW });
  dir = d;
  lrs = await addClient(db, 'reader', ['all']);
  const port = await freePort();
  lessons = `http://localhost:${port}`;
  server = await startServer({ db, content, port,
    args: ['--public-url', `http://127.0.0.1:${port}`, '--scorm-origin', lessons] });
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test('a SCO from its own origin reaches the runtime API and nothing else of the site', async () => {
  const page = await signIn(browser, server.url, 'bram', PW);
  await page.goto('/play/pallet-jack');
  const f = await waitForSco(page, 'Using the pallet jack');   // found API across the origins
  const sco = page.frames().find((fr) => fr.url().includes('/scorm-files/pallet-jack/'));
  assert.equal(new URL(sco.url()).origin, lessons, 'the SCO is framed from the package origin');
  assert.equal(await f.locator('#learner').textContent(), 'bram', 'GetValue answers through the bridge');

  // What the package's script can do with the site, with the learner signed in there.
  const tries = await sco.evaluate(async (site) => {
    const out = {};
    try { out.parent = window.parent.document.title; } catch (e) { out.parent = e.name; }
    try { out.storage = window.parent.localStorage.length; } catch (e) { out.storage = e.name; }
    try {
      const r = await fetch(`${site}/plans`, { credentials: 'include' });
      out.read = `read ${r.status}`;
    } catch (e) { out.read = e.name; }
    try {
      const r = await fetch(`${site}/scorm/pallet-jack/commit`, { method: 'POST', credentials: 'include',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ attempt: 1, sco: 'JACK', commit: crypto.randomUUID(), values: { 'cmi.core.lesson_status': 'failed' } }) });
      out.write = `wrote ${r.status}`;
    } catch (e) { out.write = e.name; }
    const own = await fetch('/plans', { credentials: 'include' });
    out.own = [own.status, (await own.text()).includes('Bram')];
    out.cookie = document.cookie;
    return out;
  }, server.url);
  assert.equal(tries.parent, 'SecurityError', 'the player page is another origin');
  assert.equal(tries.storage, 'SecurityError');
  assert.equal(tries.read, 'TypeError', 'no CORS: the site cannot be read');
  assert.equal(tries.write, 'TypeError', 'a JSON POST needs a preflight, which the site does not allow');
  assert.deepEqual(tries.own, [404, false], 'the package origin serves no page of the learner');
  assert.equal(tries.cookie, '', 'the session cookie is not the package origin\'s');

  // Through the runtime API the SCO reports and commits as usual.
  await committed(page, () => f.locator('#answer').click().then(() => f.locator('#finish').click()));
  const stmts = (await statementsAbout(server.url, lrs.auth, `${server.url}/modules/pallet-jack`))
    .filter((s) => s.actor.account.name === 'bram');
  const verbs = stmts.map((s) => s.verb.id.split('/').pop());
  assert.ok(verbs.includes('answered') && verbs.includes('passed'), verbs.join(' '));
  assert.ok(!stmts.some((s) => s.verb.id.endsWith('/failed')), 'the frame\'s own POST stored nothing');
  await page.context().close();
});
