// session.mjs: a tiny browser for HTTP tests: a cookie jar (paths ignored), urlencoded forms,
// no redirect following, and sign-in helpers for Stepwise's password form and login cards.
// Also addUser(), which adds a user with the CLI before the server starts.
import http from 'node:http';
import { runCli } from './server.mjs';

// A request through node:http from the loopback address localAddress (127.0.0.2, ...: another
// device as far as the server can tell); resolves to what Client.req needs of a Response.
function requestFrom(localAddress, url, { method, headers, body }) {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, headers, localAddress }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (d) => { text += d; });
      res.on('end', () => {
        const cookies = [].concat(res.headers['set-cookie'] || []);
        resolve({
          status: res.statusCode,
          headers: { get: (n) => (n.toLowerCase() === 'set-cookie' ? cookies.join(', ') : res.headers[n.toLowerCase()] ?? null),
            getSetCookie: () => cookies },
          text: async () => text,
        });
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}

export class Client {
  // base: the server's URL; localAddress: the loopback address to send from (default: the
  // system's choice, 127.0.0.1).
  constructor(base, localAddress) {
    this.base = base;
    this.localAddress = localAddress;
    this.jar = new Map();
  }

  // opts: method, form (object: sent urlencoded, method POST), headers, body. Resolves to the
  // Response with .html (the body text) read.
  async req(path, opts = {}) {
    const headers = { ...(opts.headers || {}) };
    const cookie = [...this.jar].map(([k, v]) => `${k}=${v}`).join('; ');
    if (cookie) headers.cookie = cookie;
    let body = opts.body;
    if (opts.form) {
      body = new URLSearchParams(opts.form).toString();
      headers['content-type'] = 'application/x-www-form-urlencoded';
    }
    const method = opts.method || (opts.form ? 'POST' : 'GET');
    const res = this.localAddress ? await requestFrom(this.localAddress, this.base + path, { method, headers, body })
      : await fetch(this.base + path, { method, headers, body, redirect: 'manual' });
    for (const sc of res.headers.getSetCookie()) {
      const [pair] = sc.split(';');
      const i = pair.indexOf('=');
      const name = pair.slice(0, i), value = pair.slice(i + 1);
      if (/;\s*Max-Age=0/i.test(sc)) this.jar.delete(name); else this.jar.set(name, value);
    }
    res.html = await res.text();
    return res;
  }

  // Opens the sign-in form (for its CSRF cookie) and sends login and password.
  async signIn(login, password, next) {
    await this.req('/login');
    const form = { csrf: this.jar.get('stepwise_login') || '', login, password };
    if (next !== undefined) form.next = next;
    return this.req('/login', { form });
  }

  // Scans a login card (path "/card/TOKEN") and taps "Sign in as ...": resolves to the POST's
  // Response (303 to / when it worked), or to the scan's when it did not redirect to /card.
  async cardSignIn(cardPath) {
    const scan = await this.req(cardPath);
    if (scan.status !== 303 || scan.headers.get('location') !== '/card') return scan;
    const ask = await this.req('/card');
    if (ask.status !== 200) return ask;
    return this.req('/card', { method: 'POST', headers: { origin: this.base, 'sec-fetch-site': 'same-origin' } });
  }

  // The CSRF token of the signed-in session, read from the log-out form of a page.
  async csrf(path = '/login') {
    const res = await this.req(path);
    return csrfOf(res.html);
  }
}

// The value of the first hidden "csrf" field in html, or undefined.
export function csrfOf(html) {
  const m = /name="csrf" value="([^"]*)"/.exec(html);
  return m ? m[1] : undefined;
}

// Adds a user to the database at db with `stepwise user add`; resolves to nothing, throws when
// the command fails. roles: ['admin', 'author'].
export async function addUser(db, login, name, password, roles = []) {
  const args = ['user', 'add', login, '--name', name, '--password-stdin', '--db', db,
    ...roles.map((r) => `--${r}`)];
  const r = await runCli(args, { input: password + '\n' });
  if (r.code !== 0) throw new Error(`stepwise user add ${login} failed (${r.code}): ${r.stderr}`);
}
