// quiz_requests.mjs: the two requests the knowledge-check benchmarks (quiz.mjs, and
// quiz_instructions.mjs) compare, made ready: a learner signed in through the sign-in form with
// the check's answers (the first option of each question, with the session's CSRF token), and a
// plain statement by the same learner with the Basic credentials of a new API client.
import { spawnSync } from 'node:child_process';

import { addClient } from '../lib/xapi.mjs';

export const MODULE = 'safe-lifting';   // a sample module with a check at level 1
const PASSWORD = 'quiz-bench-password';

// Runs the stepwise command-line tool bin with args (and input on stdin); its output.
function cli(bin, args, input) {
  const r = spawnSync(bin, args, { encoding: 'utf8', input });
  if (r.status !== 0) throw new Error(`stepwise ${args.slice(0, 2).join(' ')}: exit ${r.status}\n${r.stderr}`);
  return r.stdout;
}

// Cookies from Set-Cookie headers into jar (name -> value).
function keep(jar, res) {
  for (const c of res.headers.getSetCookie()) {
    const [pair] = c.split(';');
    const eq = pair.indexOf('=');
    jar[pair.slice(0, eq)] = pair.slice(eq + 1);
  }
}
const cookieOf = (jar) => Object.entries(jar).map(([k, v]) => `${k}=${v}`).join('; ');

// Adds the learner to db (before or while the server at baseUrl runs) and signs them in; resolves
// to { cookie: the Cookie header, body: the answer form }.
export async function quizLearner(bin, baseUrl, db) {
  cli(bin, ['user', 'add', 'quiz.bench', '--name', 'Quiz Bench', '--password-stdin', '--db', db], `${PASSWORD}\n`);
  const jar = {};
  keep(jar, await fetch(`${baseUrl}/login`));
  const form = new URLSearchParams({ csrf: jar.stepwise_login || '', login: 'quiz.bench', password: PASSWORD });
  const signed = await fetch(`${baseUrl}/login`, { method: 'POST', body: form, redirect: 'manual', headers: { cookie: cookieOf(jar) } });
  if (signed.status !== 303) throw new Error(`sign-in: ${signed.status}`);
  keep(jar, signed);
  const page = await (await fetch(`${baseUrl}/modules/${MODULE}?level=1`, { headers: { cookie: cookieOf(jar) } })).text();
  const csrf = /name="csrf" value="([^"]+)"/.exec(page)?.[1];
  const names = [...new Set([...page.matchAll(/form="check" name="(q-[^"]+)"/g)].map((m) => m[1]))];
  if (!csrf || !names.length) throw new Error('the lesson page has no check form with a CSRF token');
  const body = new URLSearchParams([['csrf', csrf], ...names.map((n) => [n, '1'])]).toString();
  return { cookie: cookieOf(jar), body };
}

// A new API client of db that may write statements, and a statement of the learner about the
// module: { auth: the Authorization header, statement: the JSON text }.
export async function statementRequest(bin, db) {
  const { auth } = await addClient(db, 'quiz benchmark', ['statements/write'], bin);
  const statement = JSON.stringify({
    actor: { objectType: 'Agent', account: { homePage: 'http://stepwise.example', name: 'quiz.bench' } },
    verb: { id: 'http://adlnet.gov/expapi/verbs/experienced' },
    object: { objectType: 'Activity', id: `http://stepwise.example/modules/${MODULE}` },
  });
  return { auth, statement };
}
