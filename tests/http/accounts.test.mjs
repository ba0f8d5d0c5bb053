// accounts.test.mjs: accounts over real HTTP: password sign-in (same answer for a wrong password
// and an unknown login), the session cookie's attributes, log out, CSRF rejection, login cards
// (sign-in, reissue, revoke), the admin pages, every admin route allowed for an admin and
// denied for a mentor, a mentee and an author (403) and for nobody (redirect to /login), the
// sign-in rate limit (429) and the idle time-out.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startServer } from '../lib/server.mjs';
import { Client, addUser, csrfOf } from '../lib/session.mjs';

const PW = {
  admin: 'admin-secret-1', mentor: 'mentor-secret-1', mentee: 'mentee-secret-1',
  author: 'author-secret-1',
};
let dir, db, srv;
const ids = {};

before(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'stepwise-accounts-'));
  db = path.join(dir, 'accounts.db');
  await addUser(db, 'admin', 'Ada Admin', PW.admin, ['admin']);
  await addUser(db, 'mentor', 'Mo Mentor', PW.mentor);
  await addUser(db, 'mentee', 'Mia Mentee', PW.mentee);
  await addUser(db, 'author', 'Aut Author', PW.author, ['author']);
  // A high limit here: the rate limit has its own server below.
  srv = await startServer({ db, args: ['--login-attempts', '100'] });
  const admin = await signedIn('admin');
  const list = (await admin.req('/admin/users')).html;
  for (const login of Object.keys(PW)) {
    const m = new RegExp(`<a href="/admin/users/(\\d+)">[^<]+</a></h3>\\s*<dl class="facts"><div><dt>Login name</dt><dd>${login}</dd>`).exec(list);
    assert.ok(m, `user ${login} in the list`);
    ids[login] = Number(m[1]);
  }
});

after(async () => {
  await srv?.stop();
  rmSync(dir, { recursive: true, force: true });
});

async function signedIn(login, server = srv) {
  const c = new Client(server.url);
  const res = await c.signIn(login, PW[login]);
  assert.equal(res.status, 303, `sign-in of ${login}: ${res.html}`);
  return c;
}

test('the sign-in page has a form with a CSRF token bound to a Strict cookie', async () => {
  const c = new Client(srv.url);
  const res = await c.req('/login');
  assert.equal(res.status, 200);
  assert.equal(res.headers.get('cache-control'), 'no-store');
  assert.equal(res.headers.get('x-frame-options'), 'DENY');
  const cookie = res.headers.getSetCookie().find((s) => s.startsWith('stepwise_login='));
  assert.match(cookie, /; Path=\/login; HttpOnly; SameSite=Strict/);
  assert.equal(csrfOf(res.html), c.jar.get('stepwise_login'));
  assert.match(res.html, /<form class="stack" method="post" action="\/login">/);
  assert.match(res.html, /<label for="login">Login name<\/label>/);
  assert.match(res.html, /<input id="password" name="password" type="password"/);
  assert.match(res.html, /<a class="signin" href="\/login">Sign in<\/a>/);   // nobody signed in
});

test('signing in sets an HttpOnly, SameSite=Lax session cookie (no Secure on http)', async () => {
  const c = new Client(srv.url);
  const res = await c.signIn('Mentor ', PW.mentor);  // case and spaces from a phone keyboard
  assert.equal(res.status, 303);
  assert.equal(res.headers.get('location'), '/plan');   // no role given: lands on My plan
  const cookies = res.headers.getSetCookie();
  const session = cookies.find((s) => s.startsWith('stepwise_session='));
  assert.match(session, /^stepwise_session=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; SameSite=Lax$/);
  assert.doesNotMatch(session, /Secure|Max-Age|Expires/);   // ends with the browser too
  assert.ok(cookies.some((s) => /^stepwise_login=; .*Max-Age=0/.test(s)));
  const home = await c.req('/');
  assert.match(home.html, /signed in as <\/span><span class="who">Mo Mentor<\/span>/);
  assert.match(home.html, /<form class="viewer" method="post" action="\/logout">/);
  assert.match(home.html, />Log out \/ switch user<\/button>/);
  const lesson = await c.req('/modules/safe-lifting');
  assert.equal(lesson.headers.get('cache-control'), 'private, no-cache');
});

test('a wrong password and an unknown login get the same answer', async () => {
  const answers = [];
  for (const [login, password] of [['mentor', 'wrong-password'], ['nobody', 'wrong-password'],
    ['mentor', '']]) {
    const c = new Client(srv.url);
    const res = await c.signIn(login, password);
    assert.equal(c.jar.has('stepwise_session'), false);
    answers.push({ status: res.status, alert: /role="alert"><p>([^<]*)</.exec(res.html)?.[1] });
  }
  assert.equal(answers[0].status, 401);
  assert.match(answers[0].alert, /The login name or the password is not right/);
  assert.deepEqual(answers[1], answers[0]);
  assert.deepEqual(answers[2], answers[0]);
});

test('after sign-in, only a local path is followed', async () => {
  // anything else leads where the person's roles land them: the admin home
  const cases = [['/admin/users', '/admin/users'], ['//evil.example/x', '/admin'],
    ['https://evil.example/', '/admin'], ['/\\evil.example', '/admin']];
  for (const [next, want] of cases) {
    const c = new Client(srv.url);
    const res = await c.signIn('admin', PW.admin, next);
    assert.equal(res.headers.get('location'), want, next);
  }
});

test('a sign-in form without its CSRF cookie or token is refused', async () => {
  const bare = new Client(srv.url);      // never opened the form: no cookie
  let res = await bare.req('/login', { form: { csrf: 'x'.repeat(43), login: 'admin', password: PW.admin } });
  assert.equal(res.status, 403);
  assert.equal(bare.jar.has('stepwise_session'), false);
  const c = new Client(srv.url);
  await c.req('/login');
  res = await c.req('/login', { form: { login: 'admin', password: PW.admin } });
  assert.equal(res.status, 403);
  res = await c.req('/login', { form: { csrf: 'y'.repeat(43), login: 'admin', password: PW.admin } });
  assert.equal(res.status, 403);
  assert.match(res.html, /This form was too old/);
  assert.equal(c.jar.has('stepwise_session'), false);
});

test('log out needs the CSRF token, ends the session and clears the cookie', async () => {
  const c = await signedIn('mentee');
  const token = c.jar.get('stepwise_session');
  let res = await c.req('/logout', { form: {} });
  assert.equal(res.status, 403);
  res = await c.req('/logout', { form: { csrf: 'wrong' } });
  assert.equal(res.status, 403);
  assert.match((await c.req('/')).html, /Mia Mentee/);   // still signed in
  res = await c.req('/logout', { form: { csrf: await c.csrf('/') } });
  assert.equal(res.status, 303);
  assert.equal(res.headers.get('location'), '/login?signed_out=1');
  assert.ok(res.headers.getSetCookie().some((s) => /^stepwise_session=; .*Max-Age=0/.test(s)));
  assert.match((await c.req('/login?signed_out=1')).html, /You are signed out/);
  // The old token is dead, also when someone kept a copy of the cookie.
  const copy = new Client(srv.url);
  copy.jar.set('stepwise_session', token);
  res = await copy.req('/');
  assert.doesNotMatch(res.html, /Mia Mentee/);
  assert.equal((await c.req('/logout', { method: 'GET' })).status, 405);
});

test('signing in as someone else on the same device ends the first session', async () => {
  const c = await signedIn('mentor');
  const first = c.jar.get('stepwise_session');
  const res = await c.signIn('mentee', PW.mentee);
  assert.equal(res.status, 303);
  assert.notEqual(c.jar.get('stepwise_session'), first);
  const old = new Client(srv.url);
  old.jar.set('stepwise_session', first);
  assert.doesNotMatch((await old.req('/')).html, /Mo Mentor/);
});

test('pages show who is signed in; shared module pages too, with their own ETag', async () => {
  const anon = await fetch(srv.url + '/modules/safe-lifting');
  const anonHtml = await anon.text();
  assert.match(anonHtml, /href="\/login">Sign in</);
  const c = await signedIn('mentee');
  const mine = await c.req('/modules/safe-lifting');
  assert.match(mine.html, /signed in as <\/span><span class="who">Mia Mentee</);
  assert.match(mine.html, /<li><a href="\/plan">My plan<\/a><\/li>/);
  assert.doesNotMatch(anonHtml, /href="\/plan"/);
  assert.doesNotMatch(mine.html, /stepwise:viewer/);
  assert.notEqual(mine.headers.get('etag'), anon.headers.get('etag'));
  const again = await c.req('/modules/safe-lifting', { headers: { 'if-none-match': mine.headers.get('etag') } });
  assert.equal(again.status, 304);
  const missing = await c.req('/no-such-page');
  assert.equal(missing.status, 404);
  assert.match(missing.html, /action="\/logout"/);   // error pages too
});

test('an admin adds a user; the generated password works once shown', async () => {
  const admin = await signedIn('admin');
  const csrf = await admin.csrf('/admin/users');
  const res = await admin.req('/admin/users', {
    form: { csrf, display_name: 'Nina Nieuw', login: 'Nina.N', language: 'nl', role_author: '1' },
  });
  assert.equal(res.status, 201);
  assert.match(res.html, /<h1>Nina Nieuw<\/h1>/);
  const pw = /<strong class="password">([a-z-]+)<\/strong>/.exec(res.html)[1];
  assert.match(res.html, /Stepwise shows it only once/);
  const c = new Client(srv.url);
  assert.equal((await c.signIn('nina.n', pw)).status, 303);
  // The list shows her with her role; the same login again is refused.
  const list = (await admin.req('/admin/users')).html;
  assert.match(list, /Nina Nieuw<\/a><\/h3>\s*<dl class="facts"><div><dt>Login name<\/dt><dd>nina.n<\/dd><\/div><div><dt>Roles<\/dt><dd>Author</);
  const dup = await admin.req('/admin/users', { form: { csrf, display_name: 'X', login: 'nina.n' } });
  assert.equal(dup.status, 409);
  assert.match(dup.html, /This login name is taken/);
  const bad = await admin.req('/admin/users', { form: { csrf, display_name: 'X', login: 'bad name' } });
  assert.equal(bad.status, 400);
  assert.match(bad.html, /role="alert"><p>A login name can only have/);
  const short = await admin.req('/admin/users', { form: { csrf, display_name: 'X', login: 'shorty', password: 'short' } });
  assert.equal(short.status, 400);
});

test('an admin edits, resets the password of and blocks a user', async () => {
  const admin = await signedIn('admin');
  const csrf = await admin.csrf('/admin/users');
  const add = await admin.req('/admin/users', { form: { csrf, display_name: 'Ed Edit', login: 'ed', password: 'first-password' } });
  const id = /action="\/admin\/users\/(\d+)"/.exec(add.html)[1];
  const user = new Client(srv.url);
  assert.equal((await user.signIn('ed', 'first-password')).status, 303);

  let res = await admin.req(`/admin/users/${id}`, {
    form: { csrf, action: 'save', display_name: 'Ed Edited', language: 'de', role_author: '1', active: '1' },
  });
  assert.equal(res.status, 400);      // not an interface language of this Stepwise
  assert.match(res.html, /role="alert"><p>Choose a language from the list\./);
  res = await admin.req(`/admin/users/${id}`, {
    form: { csrf, action: 'save', display_name: 'Ed Edited', language: 'nl', role_author: '1', active: '1' },
  });
  assert.equal(res.status, 303);
  assert.equal(res.headers.get('location'), `/admin/users/${id}?done=saved`);
  res = await admin.req(`/admin/users/${id}?done=saved`);
  assert.match(res.html, /<h1>Ed Edited<\/h1>/);
  assert.match(res.html, /role="status"><p>Saved\./);
  assert.match(res.html, /id="role_author" name="role_author" value="1" checked/);
  assert.match(res.html, /id="language-nl" name="language" value="nl" checked/);
  assert.match((await user.req('/')).html, /<html lang="nl">/);   // Ed's pages are in Dutch now

  res = await admin.req(`/admin/users/${id}`, { form: { csrf, action: 'password', new_password: '' } });
  assert.equal(res.status, 200);
  const pw = /<strong class="password">([a-z-]+)<\/strong>/.exec(res.html)[1];
  assert.match((await user.req('/')).html, /href="\/login">Sign in</);   // their session ended
  assert.match((await user.req('/')).html, /<html lang="en">/);   // signed out: the browser's
  assert.equal((await new Client(srv.url).signIn('ed', 'first-password')).status, 401);
  assert.equal((await user.signIn('ed', pw)).status, 303);

  res = await admin.req(`/admin/users/${id}`, { form: { csrf, action: 'save', display_name: 'Ed Edited', language: '' } });
  assert.equal(res.status, 303);     // no "active": blocked
  assert.match((await user.req('/')).html, /href="\/login">Sign in</);
  const blocked = await new Client(srv.url).signIn('ed', pw);
  assert.equal(blocked.status, 401);  // the same answer as a wrong password
  assert.match(blocked.html, /The login name or the password is not right/);
  assert.match((await admin.req('/admin/users')).html, /Blocked: cannot sign in/);
});

test('an admin cannot remove their own admin role or block themselves', async () => {
  const admin = await signedIn('admin');
  const csrf = await admin.csrf('/admin/users');
  for (const form of [{ display_name: 'Ada Admin', language: 'en', active: '1' },
    { display_name: 'Ada Admin', language: 'en', role_admin: '1' }]) {
    const res = await admin.req(`/admin/users/${ids.admin}`, { form: { csrf, action: 'save', ...form } });
    assert.equal(res.status, 400);
    assert.match(res.html, /You cannot take away your own admin role/);
  }
  assert.equal((await admin.req('/admin/users')).status, 200);
});

test('CSRF: admin forms without the token or with a wrong one change nothing (403)', async () => {
  const admin = await signedIn('admin');
  for (const csrf of [undefined, 'wrong', csrfOf((await (await signedIn('mentor')).req('/')).html)]) {
    const form = { display_name: 'Evil', login: 'evil' };
    if (csrf !== undefined) form.csrf = csrf;
    const res = await admin.req('/admin/users', { form });
    assert.equal(res.status, 403, `csrf ${csrf}`);
    assert.match(res.html, /This form is too old or did not come from Stepwise/);
    const edit = await admin.req(`/admin/users/${ids.mentee}`, { form: { ...form, action: 'save', language: 'en', active: '1' } });
    assert.equal(edit.status, 403);
    const card = await admin.req(`/admin/users/${ids.mentee}/card`, { form });
    assert.equal(card.status, 403);
  }
  const list = (await admin.req('/admin/users')).html;
  assert.doesNotMatch(list, /Evil/);
  assert.match((await admin.req(`/admin/users/${ids.mentee}`)).html, /No login card/);
});

test('login cards: sign in by the card address; a new card or blocking stops the old one', async () => {
  const admin = await signedIn('admin');
  const csrf = await admin.csrf('/admin/users');
  const issue = async () => {
    const res = await admin.req(`/admin/users/${ids.mentee}/card`, { form: { csrf } });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('referrer-policy'), 'no-referrer');
    assert.match(res.html, /<svg class="qr" viewBox="0 0 \d+ \d+" role="img" aria-label="QR code to sign in"/);
    assert.match(res.html, /<h2 id="card-name">Mia Mentee<\/h2>/);
    const url = /<code class="card-url">([^<]+)<\/code>/.exec(res.html)[1];
    assert.ok(url.startsWith(srv.url + '/card/'), url);
    return url.slice(srv.url.length);
  };
  const first = await issue();
  const tablet = new Client(srv.url);
  let res = await tablet.cardSignIn(first);
  assert.equal(res.status, 303);
  assert.equal(res.headers.get('location'), '/plan');
  assert.match(res.headers.getSetCookie().join('\n'), /^stepwise_session=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; SameSite=Lax$/m);
  assert.match((await tablet.req('/')).html, /Mia Mentee/);

  // The card page later shows only when the card was made: the code is not kept.
  res = await admin.req(`/admin/users/${ids.mentee}/card`);
  assert.equal(res.status, 200);
  assert.doesNotMatch(res.html, /<svg/);
  assert.match(res.html, /has a login card, made on <time/);

  const second = await issue();
  assert.notEqual(second, first);
  res = await new Client(srv.url).req(first);
  assert.equal(res.status, 403);
  assert.match(res.html, /This login card does not work any more/);
  assert.equal((await new Client(srv.url).cardSignIn(second)).status, 303);

  res = await admin.req(`/admin/users/${ids.mentee}/card/revoke`, { form: { csrf } });
  assert.equal(res.status, 303);
  assert.match((await admin.req(res.headers.get('location'))).html, /The card is blocked/);
  assert.equal((await new Client(srv.url).req(second)).status, 403);
  assert.equal((await new Client(srv.url).req('/card/not-a-real-card')).status, 403);
  // The card's secret never reaches the access log.
  assert.doesNotMatch(srv.stderr(), new RegExp(second.slice(6)));
  assert.match(srv.stderr(), /path="\/card\/\.\.\." status=403/);
});

// Every admin route: [method, path, form fields]. Forms carry the caller's own CSRF token, so a
// 403 is the role check, not the CSRF check.
function adminRoutes() {
  const id = ids.mentor;
  return [
    ['GET', '/admin/users'],
    ['POST', '/admin/users', { display_name: 'Made By Role', login: 'madebyrole' }],
    ['GET', `/admin/users/${id}`],
    ['POST', `/admin/users/${id}`, { action: 'save', display_name: 'Renamed', language: 'en', active: '1' }],
    ['POST', `/admin/users/${id}`, { action: 'password', new_password: '' }],
    ['GET', `/admin/users/${id}/card`],
    ['POST', `/admin/users/${id}/card`, {}],
    ['POST', `/admin/users/${id}/card/revoke`, {}],
  ];
}

async function call(c, [method, p, form]) {
  if (method === 'GET') return c.req(p);
  const csrf = c.jar.has('stepwise_session') ? await c.csrf('/') : undefined;
  return c.req(p, { form: { ...form, ...(csrf ? { csrf } : {}) } });
}

for (const role of ['mentor', 'mentee', 'author']) {
  test(`every admin route is denied (403) to ${role === "author" ? "an" : "a"} ${role}, and nothing changes`, async () => {
    const c = await signedIn(role);
    for (const route of adminRoutes()) {
      const res = await call(c, route);
      assert.equal(res.status, 403, `${route[0]} ${route[1]}`);
      assert.match(res.html, /Your account cannot open this page/);
    }
    const admin = await signedIn('admin');
    const list = (await admin.req('/admin/users')).html;
    assert.doesNotMatch(list, /Made By Role|Renamed/);
    assert.match((await admin.req(`/admin/users/${ids.mentor}`)).html, /No login card/);
    assert.equal((await new Client(srv.url).signIn('mentor', PW.mentor)).status, 303);  // password kept
  });
}

test('every admin route sends a visitor who is not signed in to /login', async () => {
  for (const route of adminRoutes()) {
    const res = await call(new Client(srv.url), route);
    assert.equal(res.status, 303, `${route[0]} ${route[1]}`);
    // a form's address may not answer a GET, so a POST leads back to the page it came from
    // (here: none, so the start page), saying it was not saved
    assert.equal(res.headers.get('location'), route[0] === 'POST' ? '/login?next=%2F&unsaved=1'
      : '/login?next=' + encodeURIComponent(route[1]), `${route[0]} ${route[1]}`);
  }
});

test('every admin route works for an admin', async () => {
  const admin = await signedIn('admin');
  const want = [200, 201, 200, 303, 200, 200, 200, 303];
  const routes = adminRoutes();
  for (let i = 0; i < routes.length; i++) {
    const res = await call(admin, routes[i]);
    assert.equal(res.status, want[i], `${routes[i][0]} ${routes[i][1]}: ${res.html.slice(0, 300)}`);
  }
  assert.equal((await admin.req('/admin/users/99999')).status, 404);
  assert.equal((await admin.req(`/admin/users/${ids.mentor}/nope`)).status, 404);
  assert.equal((await admin.req('/admin/users', { method: 'DELETE' })).status, 405);
});

test('after sign-in from a redirect, the page asked for opens', async () => {
  const c = new Client(srv.url);
  const res = await c.req('/admin/users');
  assert.equal(res.headers.get('location'), '/login?next=%2Fadmin%2Fusers');
  const form = await c.req(res.headers.get('location'));
  assert.match(form.html, /<input type="hidden" name="next" value="\/admin\/users">/);
  const signed = await c.req('/login', { form: { csrf: csrfOf(form.html), login: 'admin', password: PW.admin, next: '/admin/users' } });
  assert.equal(signed.headers.get('location'), '/admin/users');
});

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

test('sign-in waits grow per login name and address; the right password from elsewhere still works', async () => {
  // Under https (behind a TLS proxy) the cookies are Secure too.
  const limited = await startServer({ db: path.join(dir, 'limited.db'),
    args: ['--login-attempts', '2', '--login-delay', '3', '--public-url', 'https://learn.example'] });
  const retryAfter = (res) => Number(res.headers.get('retry-after'));
  try {
    await addUser(path.join(dir, 'limited.db'), 'ria', 'Ria', 'ria-password');
    const c = new Client(limited.url);
    const form = await c.req('/login');
    assert.match(form.headers.get('set-cookie'), /^stepwise_login=[^;]+; Path=\/login; HttpOnly; SameSite=Strict; Secure$/);
    const ok = await new Client(limited.url).signIn('ria', 'ria-password');
    assert.match(ok.headers.getSetCookie()[0], /^stepwise_session=[^;]+; Path=\/; HttpOnly; SameSite=Lax; Secure$/);
    assert.equal((await c.signIn('ria', 'wrong-1')).status, 401);
    assert.equal((await c.signIn('ria', 'wrong-2')).status, 401);
    let res = await c.signIn('ria', 'ria-password');     // from this address even the right one waits
    assert.equal(res.status, 429);
    assert.ok(retryAfter(res) >= 1 && retryAfter(res) <= 3, `Retry-After ${retryAfter(res)}`);
    assert.match(res.html, /Too many wrong tries. Wait [123] seconds? and try again./);
    assert.equal(c.jar.has('stepwise_session'), false);
    // Another device (address) is not locked out by these failures: the owner signs in at once.
    const phone = new Client(limited.url, '127.0.0.2');
    res = await phone.signIn('ria', 'ria-password');
    assert.equal(res.status, 303, res.html);
    assert.ok(phone.jar.has('stepwise_session'));
    // A further failure doubles the wait; after it the right password works again.
    await sleep(3100);
    assert.equal((await c.signIn('ria', 'wrong-3')).status, 401);
    res = await c.signIn('ria', 'ria-password');
    assert.equal(res.status, 429);
    assert.ok(retryAfter(res) > 3 && retryAfter(res) <= 6, `Retry-After ${retryAfter(res)}`);
    await sleep(6100);
    assert.equal((await c.signIn('ria', 'ria-password')).status, 303);
    // Per address over all names: 4 x 2 failures from one address, then a fresh name from there
    // waits too, and so does a card scan; other addresses do not.
    const kiosk = new Client(limited.url, '127.0.0.3');
    for (let i = 0; i < 8; i++) assert.equal((await kiosk.signIn(`other${i}`, 'x')).status, 401);
    assert.equal((await kiosk.signIn('fresh', 'x')).status, 429);
    assert.equal((await kiosk.req('/card/unknown-card')).status, 429);
    assert.equal((await new Client(limited.url, '127.0.0.4').signIn('ria', 'ria-password')).status, 303);
  } finally {
    await limited.stop();
  }
});

test('a session ends after the idle time-out; pages then ask to sign in again', async () => {
  const quick = await startServer({ db: path.join(dir, 'quick.db'), args: ['--session-idle', '2'] });
  try {
    await addUser(path.join(dir, 'quick.db'), 'qa', 'Quinn Admin', 'quinn-password', ['admin']);
    const c = new Client(quick.url);
    assert.equal((await c.signIn('qa', 'quinn-password')).status, 303);
    assert.equal((await c.req('/admin/users')).status, 200);
    await new Promise((r) => setTimeout(r, 1200));
    assert.equal((await c.req('/admin/users')).status, 200);   // use keeps it alive
    await new Promise((r) => setTimeout(r, 3200));
    const res = await c.req('/admin/users');
    assert.equal(res.status, 303);
    assert.equal(res.headers.get('location'), '/login?next=%2Fadmin%2Fusers&expired=1');
    assert.match((await c.req(res.headers.get('location'))).html, /You were signed out because this screen was not used/);
  } finally {
    await quick.stop();
  }
});

test('every page type sends a CSP with frame-ancestors none and no inline script', async () => {
  const CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; media-src 'self'; "
    + "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
  const admin = await signedIn('admin'), author = await signedIn('author'), mentee = await signedIn('mentee');
  const pages = [
    [new Client(srv.url), ['/', '/?level=1', '/modules/safe-lifting', '/login', '/no-such-page', '/card/not-a-card',
      '/healthz', '/static/style.css', '/static/player.js', '/xapi/about']],
    [admin, ['/admin/users', `/admin/users/${ids.mentee}`, `/admin/users/${ids.mentee}/card`, '/admin/plans.csv']],
    [author, ['/author', '/author/modules/safe-lifting', '/author/edit/safe-lifting']],
    [mentee, ['/plan', '/mentor', '/plans/new', '/groups/assign', '/plans/999999']],
  ];
  for (const [c, paths] of pages) {
    for (const p of paths) {
      const res = await c.req(p);
      assert.ok(res.status < 500, `${p}: ${res.status}`);
      assert.equal(res.headers.get('content-security-policy'), CSP, p);
      assert.equal(res.headers.get('x-frame-options'), 'DENY', p);
      if (/text\/html/.test(res.headers.get('content-type') || '')) {
        assert.doesNotMatch(res.html, /<script(?![^>]*\bsrc=)[^>]*>/, `${p}: inline script`);
        assert.doesNotMatch(res.html, /\son[a-z]+="|\sstyle="|<style/, `${p}: inline handler or style`);
      }
    }
  }
});

// The card address an admin gets for user id (a new card).
async function newCard(admin, id) {
  const csrf = await admin.csrf('/admin/users');
  const res = await admin.req(`/admin/users/${id}/card`, { form: { csrf } });
  assert.equal(res.status, 200);
  return /<code class="card-url">([^<]+)<\/code>/.exec(res.html)[1].slice(srv.url.length);
}

test('revoking or reissuing a card ends the sessions it started; password sessions stay', async () => {
  const admin = await signedIn('admin');
  const csrf = await admin.csrf('/admin/users');
  const byPassword = await signedIn('author');
  let card = await newCard(admin, ids.author);
  const tablet = new Client(srv.url);
  assert.equal((await tablet.cardSignIn(card)).status, 303);
  assert.match((await tablet.req('/')).html, /signed in as <\/span><span class="who">Aut Author/);
  card = await newCard(admin, ids.author);                      // reissue
  let res = await tablet.req('/author');
  assert.equal(res.status, 303, 'the old card\'s session still works after a reissue');
  assert.match(res.headers.get('location'), /^\/login\?next=%2Fauthor&expired=1$/);
  assert.equal((await byPassword.req('/author')).status, 200);
  const tablet2 = new Client(srv.url);
  assert.equal((await tablet2.cardSignIn(card)).status, 303);
  assert.equal((await tablet2.req('/author')).status, 200);
  res = await admin.req(`/admin/users/${ids.author}/card/revoke`, { form: { csrf } });   // revoke
  assert.equal(res.status, 303);
  assert.equal((await tablet2.req('/author')).status, 303, 'the card\'s session still works after a revoke');
  assert.equal((await byPassword.req('/author')).status, 200);
});

test('an admin who changes their own password ends their other sessions, not this one', async () => {
  const limited = await startServer({ db: path.join(dir, 'own-password.db') });
  try {
    await addUser(path.join(dir, 'own-password.db'), 'ola', 'Ola Admin', 'ola-password-1', ['admin']);
    const here = new Client(limited.url), lostPhone = new Client(limited.url);
    assert.equal((await here.signIn('ola', 'ola-password-1')).status, 303);
    assert.equal((await lostPhone.signIn('ola', 'ola-password-1')).status, 303);
    const list = (await here.req('/admin/users')).html;
    const id = /<a href="\/admin\/users\/(\d+)">Ola Admin<\/a>/.exec(list)[1];
    const csrf = await here.csrf('/admin/users');
    const res = await here.req(`/admin/users/${id}`, { form: { csrf, action: 'password', new_password: 'ola-password-2' } });
    assert.equal(res.status, 200);
    assert.match(res.html, /The password is changed/);
    assert.equal((await here.req('/admin/users')).status, 200);
    assert.equal((await lostPhone.req('/admin/users')).status, 303);
    assert.equal((await new Client(limited.url).signIn('ola', 'ola-password-2')).status, 303);
  } finally {
    await limited.stop();
  }
});

test('a card scan only asks; the tap must come from our page; /card in the history signs nobody in', async () => {
  const admin = await signedIn('admin');
  const card = await newCard(admin, ids.mentee);
  // A victim signed in as themselves: another site's link or image to the card address neither
  // signs the browser in as the card's owner nor ends the victim's own session.
  const victim = await signedIn('author');
  const before = victim.jar.get('stepwise_session');
  let res = await victim.req(card, { headers: { 'sec-fetch-site': 'cross-site' } });
  assert.equal(res.status, 303);
  assert.equal(res.headers.get('location'), '/card');      // the token leaves the address bar
  assert.equal(res.headers.get('cache-control'), 'no-store');
  assert.equal(res.headers.get('referrer-policy'), 'no-referrer');
  assert.doesNotMatch(res.headers.getSetCookie().join('\n'), /stepwise_session/);
  assert.match(res.headers.getSetCookie().join('\n'), /^stepwise_card=[A-Za-z0-9_-]{43}; Path=\/card; HttpOnly; SameSite=Lax; Max-Age=120$/m);
  assert.equal(victim.jar.get('stepwise_session'), before);
  assert.match((await victim.req('/')).html, /signed in as <\/span><span class="who">Aut Author/);
  // The confirmation page names the card's owner; a GET never signs in.
  res = await victim.req('/card');
  assert.equal(res.status, 200);
  assert.match(res.html, /<h1>Sign in as Mia Mentee\?<\/h1>/);
  assert.match(res.html, /<form class="stack" method="post" action="\/card">/);
  assert.equal(res.headers.get('cache-control'), 'no-store');
  assert.equal(res.headers.get('referrer-policy'), 'same-origin');   // /card holds no token
  assert.match((await victim.req('/')).html, /signed in as <\/span><span class="who">Aut Author/);
  // A POST from another site (an auto-submitting form) is refused.
  for (const headers of [{ 'sec-fetch-site': 'cross-site' }, { origin: 'https://evil.example' }, { 'sec-fetch-site': 'same-site' },
    { origin: 'null' }]) {
    res = await victim.req('/card', { method: 'POST', headers });
    assert.equal(res.status, 403, JSON.stringify(headers));
    assert.match((await victim.req('/')).html, /signed in as <\/span><span class="who">Aut Author/);
  }
  // The tap on our own page signs in (the person at the tablet chose to).
  const tablet = new Client(srv.url);
  res = await tablet.cardSignIn(card);
  assert.equal(res.status, 303);
  assert.equal(res.headers.get('location'), '/plan');     // no role: a mentee lands on My plan
  assert.match(res.headers.getSetCookie().join('\n'), /^stepwise_card=; Path=\/card; HttpOnly; SameSite=Lax; Max-Age=0$/m);
  assert.match((await tablet.req('/')).html, /signed in as <\/span><span class="who">Mia Mentee/);
  // The next person opens the history entry /card (back button, history list): nobody is
  // signed in by it, neither by GET nor by POST.
  const form = await tablet.req('/logout', { form: { csrf: await tablet.csrf('/') } });
  assert.equal(form.status, 303);
  res = await tablet.req('/card');
  assert.equal(res.status, 400);
  assert.match(res.html, /Scan your card again/);
  res = await tablet.req('/card', { method: 'POST', headers: { origin: srv.url, 'sec-fetch-site': 'same-origin' } });
  assert.equal(res.status, 400);
  assert.equal(tablet.jar.has('stepwise_session'), false);
  // A card cookie from a revoked card does nothing either.
  const late = new Client(srv.url);
  assert.equal((await late.req(card)).status, 303);
  await newCard(admin, ids.mentee);
  res = await late.req('/card');
  assert.equal(res.status, 403);
  assert.match(res.headers.getSetCookie().join('\n'), /^stepwise_card=; .*Max-Age=0$/m);   // cleared
  assert.equal((await late.req('/card', { method: 'POST', headers: { origin: srv.url } })).status, 400);
  assert.equal(late.jar.has('stepwise_session'), false);
});
