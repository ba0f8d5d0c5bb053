// plans.test.mjs: mentoring plans over HTTP against the real server: making and editing a plan
// (every change in its history), evaluations, sign-off, finish with certificate, reflections,
// follow-up, group assignment, step progress derived from statements POSTed to the LRS (and
// from the mentee's own "start" and "done" buttons), the HR CSV export, and every denial:
// anonymous, other mentee, other mentor, mentee-only and admin-only actions, missing CSRF.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { runCli, startServer } from '../lib/server.mjs';
import { Client, addUser, csrfOf } from '../lib/session.mjs';
import { addClient } from '../lib/xapi.mjs';

const PUBLIC = 'https://learn.example.com';
const ADL = 'http://adlnet.gov/expapi/verbs/';
const PASSWORD = 'plans-test-password';

let dir, db, srv, lrs;
const users = {};   // login -> { id }

// A signed-in user's client (tests/lib/session.mjs) that remembers the CSRF token of the last
// page it got and sends it with every POST unless the form gives its own.
class PlanClient extends Client {
  async req(p, opts) {
    const res = await super.req(p, opts);
    res.body_ = res.html;
    this.token = csrfOf(res.html) ?? this.token;
    return res;
  }
  get(p) { return this.req(p); }
  post(p, form = {}) { return this.req(p, { form: { csrf: this.token, ...form } }); }
  // A POST of exactly these fields (an object or [name, value] pairs): no token added.
  raw(p, form) { return this.req(p, { method: 'POST', form }); }
}

async function signIn(login) {
  const c = new PlanClient(srv.url);
  const res = await c.signIn(login, PASSWORD, '/');
  assert.equal(res.status, 303, `sign-in of ${login}: ${res.html}`);
  await c.get('/plan');     // a page with the session's CSRF token
  assert.ok(c.token);
  return c;
}

// Adds a user with the CLI and finds their id in `stepwise user list`.
async function addPerson(login, name, roles = []) {
  await addUser(db, login, name, PASSWORD, roles);
  const list = await runCli(['user', 'list', '--db', db]);
  assert.equal(list.code, 0, list.stderr);
  const row = list.stdout.split('\n').map((l) => l.split('\t')).find((cols) => cols[1] === login);
  users[login] = { id: Number(row[0]) };
}

function planIdOf(res) {
  assert.equal(res.status, 303, res.body_);
  return Number(/^\/plans\/(\d+)/.exec(res.headers.get('location'))[1]);
}

// Makes a plan as mentor c for mentee login; returns its id.
async function makePlan(c, mentee, goal, extra = {}) {
  await c.get('/plans/new');
  const res = await c.post('/plans/new', {
    mentee: users[mentee].id, goal, start: '2026-01-05', target: '2026-03-30', interval: 28,
    click: 1, clear: 1, notes: 'Intake went well.', mentor2: 0, ...extra,
  });
  const id = planIdOf(res);
  assert.equal(res.headers.get('location'), `/plans/${id}/edit`);
  return id;
}

async function edit(c, id, form) {
  await c.get(`/plans/${id}/edit`);
  return c.post(`/plans/${id}/edit`, form);
}

// The step ids of a plan in order, read from its editor's forms.
async function stepIds(c, id) {
  const res = await c.get(`/plans/${id}/edit`);
  return [...res.body_.matchAll(/<li class="card step-edit" id="step-(\d+)">/g)].map((m) => Number(m[1]));
}

function agent(login) {
  return { objectType: 'Agent', account: { homePage: PUBLIC, name: login } };
}

async function postStatement(stmt) {
  const res = await fetch(srv.url + '/xapi/statements', {
    method: 'POST',
    headers: { authorization: lrs.auth, 'x-experience-api-version': '1.0.3', 'content-type': 'application/json' },
    body: JSON.stringify(stmt),
  });
  const text = await res.text();
  assert.equal(res.status, 200, text);
  return JSON.parse(text)[0];
}

function statement(login, verb, module, result) {
  return {
    actor: agent(login), verb: { id: ADL + verb },
    object: { objectType: 'Activity', id: `${PUBLIC}/modules/${module}` }, ...(result ? { result } : {}),
  };
}

// The state word shown for the step of module `title` on a plan page.
function stateOf(html, title) {
  const li = html.split('<li>').find((part) => part.includes(title));
  assert.ok(li, `no step "${title}" on the page`);
  return /<span class="state [a-z-]+"><span aria-hidden="true">[^<]*<\/span> ([^<]+)<\/span>/.exec(li)[1];
}

before(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'stepwise-plans-'));
  db = path.join(dir, 'plans.db');
  await addPerson('mia', 'Mia Mentor', ['mentor']);
  await addPerson('otto', 'Otto Othermentor', ['mentor']);
  await addPerson('anna', 'Anna Mentee');
  await addPerson('bram', 'Bram Mentee');
  await addPerson('cleo', 'Cleo Mentee');
  await addPerson('ada', 'Ada Admin', ['admin']);
  await addPerson('cora', 'Cora Coordinator', ['coordinator']);
  await addPerson('dana', 'Dana Author', ['author']);
  for (const [mentor, mentee] of [['mia', 'anna'], ['mia', 'bram'], ['mia', 'cleo'], ['otto', 'cleo']]) {
    const r = await runCli(['user', 'pair', mentor, mentee, '--db', db]);
    assert.equal(r.code, 0, r.stderr);
  }
  lrs = await addClient(db, 'outside-tool', ['all']);
  srv = await startServer({ db, args: ['--public-url', PUBLIC, '--organisation', 'Acme Packaging & Co'] });
});

after(async () => {
  await srv?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test('anonymous visitors are sent to sign in from every plan page', async () => {
  const c = new PlanClient(srv.url);
  for (const p of ['/plan', '/mentor', '/plans/new', '/plans/1', '/plans/1/edit', '/groups/assign',
    '/admin/plans.csv', '/plans/1/certificate']) {
    const res = await c.get(p);
    assert.equal(res.status, 303, p);
    assert.match(res.headers.get('location'), /^\/login\?next=/, p);
  }
  const res = await c.raw('/plan/steps/1/start', { csrf: 'x' });
  assert.equal(res.status, 303);
  assert.match(res.headers.get('location'), /^\/login/);
});

test('a mentor makes a plan and edits it; every change is in the history', async () => {
  const mia = await signIn('mia');
  const id = await makePlan(mia, 'anna', 'Run the packing line on my own');
  let res = await mia.get(`/plans/${id}`);
  assert.equal(res.status, 200);
  assert.match(res.body_, /Plan of Anna Mentee/);
  assert.match(res.body_, /Plan created with goal &quot;Run the packing line on my own&quot;/);
  // evaluations every 28 days from the start, and on the goal date
  assert.match(res.body_, /2 February 2026/);
  assert.match(res.body_, /30 March 2026/);

  assert.equal((await edit(mia, id, { do: 'add-module', module: 'safe-lifting', level: 2, due: '2026-01-20' })).status, 303);
  assert.equal((await edit(mia, id, { do: 'add-task', title: 'Do the changeover while your mentor watches', due: '2026-02-10' })).status, 303);
  assert.equal((await edit(mia, id, { do: 'add-module', module: 'machine-changeover', level: 1, due: '' })).status, 303);
  // a level the lesson does not have is refused with a message, and nothing changes
  res = await edit(mia, id, { do: 'add-module', module: 'giving-feedback', level: 3 });
  assert.equal(res.status, 400);
  assert.match(res.body_, /does not have that level/);

  let steps = await stepIds(mia, id);
  assert.equal(steps.length, 3);
  assert.equal((await edit(mia, id, { do: 'step-up', step: steps[2] })).status, 303);
  assert.equal((await edit(mia, id, { do: 'save', [`level-${steps[0]}`]: 3, [`due-${steps[0]}`]: '2026-01-27' })).status, 303);
  assert.equal((await edit(mia, id, { do: 'save', goal: 'Run the packing line alone', start: '2026-01-05',
    target: '2026-04-30', interval: 28, click: 1, clear: 0, notes: 'Intake went well.' })).status, 303);
  assert.equal((await edit(mia, id, { do: 'add-evaluation', day: '2026-02-16' })).status, 303);
  const after = await stepIds(mia, id);
  assert.deepEqual(after, [steps[0], steps[2], steps[1]]);
  assert.equal((await edit(mia, id, { do: 'step-remove', step: steps[2] })).status, 303);
  steps = await stepIds(mia, id);
  assert.deepEqual(steps, [after[0], after[2]]);

  res = await mia.get(`/plans/${id}`);
  const history = res.body_.slice(res.body_.indexOf('Plan history'));
  for (const line of [
    'Step added: lesson &quot;Lifting boxes the safe way&quot; (intermediate level), due 20 January 2026',
    'Step added: task &quot;Do the changeover while your mentor watches&quot;, due 10 February 2026',
    'Step lesson &quot;A machine changeover, step by step&quot; moved from place 3 to place 2',
    'Step 1, lesson &quot;Lifting boxes the safe way&quot;: level changed from intermediate to advanced',
    'due date changed from 20 January 2026 to 27 January 2026',
    'Goal changed from &quot;Run the packing line on my own&quot; to &quot;Run the packing line alone&quot;',
    'Target date changed from 30 March 2026 to 30 April 2026',
    'Intake: &quot;is the learning question clear?&quot; changed to no',
    'Evaluation planned for 16 February 2026',
    'Step 2 removed: lesson &quot;A machine changeover, step by step&quot; (basic level)',
  ]) assert.ok(history.includes(line), `history lacks: ${line}`);
  assert.match(history, /Mia Mentor:/);
});

test('the editor is one form: any button saves every change, and it returns to the place edited', async () => {
  const mia = await signIn('mia');
  const id = await makePlan(mia, 'anna', 'One form plan');
  await edit(mia, id, { do: 'add-module', module: 'safe-lifting', level: 1 });
  await edit(mia, id, { do: 'add-task', title: 'Old task name', due: '2026-02-01' });
  await edit(mia, id, { do: 'add-module', module: 'machine-changeover', level: 1 });
  const steps = await stepIds(mia, id);
  let page = (await mia.get(`/plans/${id}/edit`)).body_;
  // one form holds every field; "Save all changes" is its first button (the Enter key saves)
  assert.equal((page.match(/<form method="post" action="\/plans\/\d+\/edit"/g) || []).length, 1);
  assert.match(page, /class="plan-form editor"><input type="hidden" name="csrf" value="[^"]+"><p class="save-all"><button type="submit" name="do" value="save">Save all changes/);
  // no "Move up" on the first step, no "Move down" on the last
  assert.doesNotMatch(page, new RegExp(`value="step-up:${steps[0]}"`));
  assert.doesNotMatch(page, new RegExp(`value="step-down:${steps[2]}"`));
  assert.match(page, new RegExp(`value="step-up:${steps[2]}"`));

  // change step 1's level, the task's name and the goal, then press "Move up" on step 3
  let res = await edit(mia, id, { do: `step-up:${steps[2]}`, goal: 'One form plan, all kept', start: '2026-01-05',
    target: '2026-03-30', interval: 28, click: 1, clear: 1, notes: '',
    [`level-${steps[0]}`]: 2, [`due-${steps[0]}`]: '', [`title-${steps[1]}`]: 'New task name',
    [`due-${steps[1]}`]: '2026-02-01', [`level-${steps[2]}`]: 1, [`due-${steps[2]}`]: '' });
  assert.equal(res.status, 303);
  assert.equal(res.headers.get('location'), `/plans/${id}/edit?saved=step-${steps[2]}#step-${steps[2]}`);
  page = (await mia.get(res.headers.get('location'))).body_;
  assert.match(page, new RegExp(`id="step-${steps[2]}"><p class="step-line">[^]*?<p class="notice saved" role="status">Saved\\.</p>`));
  assert.deepEqual(await stepIds(mia, id), [steps[0], steps[2], steps[1]]);
  assert.match(page, new RegExp(`name="level-${steps[0]}"><option value="1">Basic</option><option value="2" selected>`));
  assert.match(page, /value="New task name"/);
  assert.match(page, /value="One form plan, all kept"/);
  const history = (await mia.get(`/plans/${id}`)).body_;
  assert.match(history, /level changed from basic to intermediate/);
  assert.match(history, /renamed to &quot;New task name&quot;/);
  assert.match(history, /moved from place 3 to place 2/);

  // a wrong field saves nothing and says what to fix
  res = await edit(mia, id, { do: 'save', [`level-${steps[0]}`]: 3, [`title-${steps[1]}`]: '' });
  assert.equal(res.status, 400);
  assert.match(res.body_, /Write the task/);
  assert.match((await mia.get(`/plans/${id}/edit`)).body_, new RegExp(`name="level-${steps[0]}"><option value="1">Basic</option><option value="2" selected>`));
  // "Save all changes" alone goes back to the first step changed
  res = await edit(mia, id, { do: 'save', [`due-${steps[1]}`]: '2026-03-01' });
  assert.equal(res.headers.get('location'), `/plans/${id}/edit?saved=step-${steps[1]}#step-${steps[1]}`);
});

test('step states come from statements in the LRS, whoever sent them', async () => {
  const mia = await signIn('mia');
  const id = await makePlan(mia, 'bram', 'Work safely in the warehouse');
  await edit(mia, id, { do: 'add-module', module: 'safe-lifting', level: 1 });
  await edit(mia, id, { do: 'add-module', module: 'first-day-safety', level: 1 });
  await edit(mia, id, { do: 'add-module', module: 'giving-feedback', level: 1 });
  await edit(mia, id, { do: 'add-module', module: 'break-room-tablet', level: 1 });
  const bram = await signIn('bram');
  let page = (await bram.get(`/plans/${id}`)).body_;
  assert.equal(stateOf(page, 'Lifting boxes the safe way'), 'Not started');
  assert.match(page, /0 of 4 steps done/);

  // an outside xAPI tool reports: passed, a failure, completion by result, and another learner
  const passed = await postStatement(statement('bram', 'passed', 'safe-lifting'));
  await postStatement(statement('bram', 'answered', 'first-day-safety', { success: false }));
  await postStatement(statement('bram', 'experienced', 'giving-feedback', { completion: true }));
  await postStatement(statement('cleo', 'passed', 'break-room-tablet'));
  page = (await bram.get(`/plans/${id}`)).body_;
  assert.equal(stateOf(page, 'Lifting boxes the safe way'), 'Passed');
  assert.equal(stateOf(page, 'Safe on your first day'), 'Not passed yet');
  assert.equal(stateOf(page, 'Giving feedback to your mentee'), 'Done');
  assert.equal(stateOf(page, 'First steps on the break-room tablet'), 'Not started');
  assert.match(page, /2 of 4 steps done/);

  // voiding the pass takes it back
  await postStatement({ actor: agent('bram'), verb: { id: ADL + 'voided' },
    object: { objectType: 'StatementRef', id: passed } });
  page = (await bram.get(`/plans/${id}`)).body_;
  assert.equal(stateOf(page, 'Lifting boxes the safe way'), 'Not started');
  assert.match(page, /1 of 4 steps done/);

  // the mentor's dashboard shows the same progress
  const dash = (await mia.get('/mentor')).body_;
  const card = dash.split('<li class="card plan-card">').slice(1).find((c) => c.includes('Work safely in the warehouse'));
  assert.match(card, /1 of 4 steps done/);
  assert.match(card, /value="25"/);
});

test('the mentor sees per lesson the latest score, the time spent and whether the video was watched', async () => {
  const mia = await signIn('mia');
  const id = await makePlan(mia, 'cleo', 'Lift and give feedback');
  await edit(mia, id, { do: 'add-module', module: 'safe-lifting', level: 2 });
  await edit(mia, id, { do: 'add-module', module: 'giving-feedback', level: 1 });
  await edit(mia, id, { do: 'add-module', module: 'first-day-safety', level: 1 });
  const stepOf = (html, title) => html.split('\n').find((line) => line.startsWith('<li>') && line.includes(title));
  let page = (await mia.get(`/plans/${id}`)).body_;
  // nothing recorded yet: only the media line, for the lessons with a video or podcast
  assert.match(stepOf(page, 'Lifting boxes the safe way'), /Video or podcast: not watched to the end yet/);
  assert.doesNotMatch(stepOf(page, 'Safe on your first day'), /class="figures"/);

  const reg = crypto.randomUUID(), later = crypto.randomUUID();
  const at = (min) => new Date(Date.UTC(2026, 10, 2, 9, min)).toISOString();
  const lesson = (verb, min, registration, more = {}) => ({ ...statement('cleo', verb, 'safe-lifting'),
    timestamp: at(min), context: { registration }, ...more });
  const video = `${PUBLIC}/modules/safe-lifting/media/lift.mp4`;
  await postStatement(lesson('initialized', 0, reg));
  await postStatement(lesson('failed', 4, reg, { result: { score: { scaled: 0.5, raw: 1, min: 0, max: 2 }, success: false } }));
  // a video paused and terminated short of its threshold is not watched
  await postStatement({ ...lesson('terminated', 6, reg), object: { objectType: 'Activity', id: video },
    context: { registration: reg, contextActivities: { parent: [{ id: `${PUBLIC}/modules/safe-lifting` }] } } });
  page = (await mia.get(`/plans/${id}`)).body_;
  let li = stepOf(page, 'Lifting boxes the safe way');
  assert.match(li, /Latest score: 50%/);
  assert.match(li, /Time spent: 6 minutes/);
  assert.match(li, /Video or podcast: not watched to the end yet/);

  // a second visit: passed with a better score, the video completed
  await postStatement(lesson('initialized', 30, later));
  await postStatement({ ...lesson('completed', 33, later), object: { objectType: 'Activity', id: video },
    result: { completion: true, duration: 'PT20S' },
    context: { registration: later, contextActivities: { parent: [{ id: `${PUBLIC}/modules/safe-lifting` }] } } });
  await postStatement(lesson('passed', 39, later, { result: { score: { scaled: 1, raw: 2, min: 0, max: 2 }, success: true } }));
  // another learner's statements count for nobody else
  await postStatement({ ...statement('anna', 'passed', 'giving-feedback'), result: { score: { scaled: 0.25 } } });
  page = (await mia.get(`/plans/${id}`)).body_;
  li = stepOf(page, 'Lifting boxes the safe way');
  assert.match(li, /Latest score: 100%/);
  assert.match(li, /Time spent: 15 minutes/);
  assert.match(li, /Video or podcast: watched to the end/);
  assert.doesNotMatch(stepOf(page, 'Giving feedback to your mentee'), /Latest score/);

  // the mentee's own view of the plan shows no figures
  const cleo = await signIn('cleo');
  assert.doesNotMatch((await cleo.get(`/plans/${id}`)).body_, /class="figures"/);
});

test('the mentee starts the next step from My plan and marks it done', async () => {
  const mia = await signIn('mia');
  const id = await makePlan(mia, 'cleo', 'Change over the machine');
  await edit(mia, id, { do: 'add-module', module: 'machine-changeover', level: 2, due: '2020-01-01' });
  const cleo = await signIn('cleo');
  let res = await cleo.get('/plan');
  assert.match(res.body_, /<h1>My plan<\/h1>/);
  assert.match(res.body_, /Start lesson<\/span> <span class="what">A machine changeover, step by step/);
  assert.match(res.body_, /Late:/);
  const sid = Number(/action="\/plan\/steps\/(\d+)\/start"/.exec(res.body_)[1]);

  res = await cleo.post(`/plan/steps/${sid}/start`);
  assert.equal(res.status, 303);
  assert.equal(res.headers.get('location'), '/modules/machine-changeover?level=2');
  // the statement is in the LRS, for Cleo's agent and the module's activity IRI
  const q = new URLSearchParams({ agent: JSON.stringify(agent('cleo')), verb: ADL + 'attempted',
    activity: `${PUBLIC}/modules/machine-changeover` });
  const found = await (await fetch(`${srv.url}/xapi/statements?${q}`, {
    headers: { authorization: lrs.auth, 'x-experience-api-version': '1.0.3' } })).json();
  assert.equal(found.statements.length, 1);
  res = await cleo.get('/plan');
  assert.match(res.body_, /Go on with lesson/);
  // the lesson page itself offers the mentee the "finished" form; others do not see it
  res = await cleo.get('/modules/machine-changeover?level=2');
  assert.match(res.body_, new RegExp(`action="/plan/steps/${sid}/done"`));
  assert.equal(res.headers.get('etag'), null);
  res = await mia.get('/modules/machine-changeover?level=2');
  assert.doesNotMatch(res.body_, /\/plan\/steps\/\d+\/done/);

  // someone else's step is not found, and the mentor cannot "finish" a mentee's lesson
  const mine = await mia.post(`/plan/steps/${sid}/done`);
  assert.equal(mine.status, 404);
  res = await cleo.post(`/plan/steps/${sid}/done`);
  assert.equal(res.status, 303);
  assert.equal(res.headers.get('location'), `/plan?done=${sid}`);
  res = await cleo.get(`/plan?done=${sid}`);
  assert.match(res.body_, /Well done! You finished &quot;A machine changeover, step by step&quot;/);
  assert.match(res.body_, /1 of 1 step done/);
  assert.match(res.body_, /You did every step/);
  res = await cleo.get('/modules/machine-changeover?level=2');
  assert.match(res.body_, /You finished this lesson/);
});

test('evaluations keep what mentor and mentee said; "adjust" opens the editor', async () => {
  const mia = await signIn('mia');
  const id = await makePlan(mia, 'anna', 'Lead the morning talk');
  const page = (await mia.get(`/plans/${id}`)).body_;
  const eid = Number(new RegExp(`/plans/${id}/evaluations/(\\d+)`).exec(page)[1]);
  let res = await mia.get(`/plans/${id}/evaluations/${eid}`);
  assert.equal(res.status, 200);
  assert.match(res.body_, /How is it going\?/);
  res = await mia.post(`/plans/${id}/evaluations/${eid}`, { held: '2026-02-03', outcome: 'adjust',
    mentor_notes: 'Good pace, more practice.' });
  assert.equal(res.status, 303);
  assert.equal(res.headers.get('location'), `/plans/${id}/edit`);

  // the mentee writes only their own notes: an outcome or mentor notes they send are ignored
  const anna = await signIn('anna');
  res = await anna.get(`/plans/${id}/evaluations/${eid}`);
  assert.doesNotMatch(res.body_, /How is it going\?/);
  res = await anna.post(`/plans/${id}/evaluations/${eid}`, { mentee_notes: 'Next time: the night shift.',
    outcome: 'on-track', mentor_notes: 'hacked', held: '2026-01-01' });
  assert.equal(res.status, 303);
  assert.equal(res.headers.get('location'), `/plans/${id}`);
  res = await mia.get(`/plans/${id}/evaluations/${eid}`);
  assert.match(res.body_, /Next time: the night shift\./);
  assert.match(res.body_, /Good pace, more practice\./);
  assert.match(res.body_, /value="adjust" checked/);
  assert.match(res.body_, /value="2026-02-03"/);
  res = await mia.get(`/plans/${id}`);
  assert.match(res.body_, /Evaluation of 2 February 2026 held on 3 February 2026: adjust the plan/);
  // every change of notes is in the history with its words; dates read as everywhere else
  assert.match(res.body_, /Mia Mentor:<\/span> Evaluation of 2 February 2026: the mentor&#39;s notes changed to &quot;Good pace, more practice\.&quot;/);
  assert.match(res.body_, /Anna Mentee:<\/span> Evaluation of 2 February 2026: the mentee&#39;s notes changed to &quot;Next time: the night shift\.&quot;/);
  assert.doesNotMatch(res.body_.slice(res.body_.indexOf('Plan history')), /\d{4}-\d\d-\d\d/);
  // a mentor cannot overwrite the mentee's notes: they are shown, not a field
  res = await mia.get(`/plans/${id}/evaluations/${eid}`);
  assert.doesNotMatch(res.body_, /<textarea id="mentee_notes"/);
  res = await mia.post(`/plans/${id}/evaluations/${eid}`, { held: '2026-02-03', outcome: 'adjust',
    mentor_notes: 'Good pace, more practice.', mentee_notes: 'Overwritten by the mentor' });
  assert.equal(res.status, 303);
  res = await anna.get(`/plans/${id}/evaluations/${eid}`);
  assert.match(res.body_, /Next time: the night shift\./);
  assert.doesNotMatch(res.body_, /Overwritten by the mentor/);
  // the mentee sees the date of the talk and the outcome
  assert.match(res.body_, /<dt>Date of the talk<\/dt><dd>3 February 2026<\/dd>/);
  assert.match(res.body_, /<dt>Outcome<\/dt><dd>Adjust the plan<\/dd>/);
  res = await mia.get(`/plans/${id}`);
  assert.match(res.body_, /Held<\/span> Adjust the plan/);
});

test('practical steps are signed off by a mentor only', async () => {
  const mia = await signIn('mia');
  const id = await makePlan(mia, 'anna', 'Set up the line');
  await edit(mia, id, { do: 'add-task', title: 'Set up the line with your mentor watching' });
  const [sid] = await stepIds(mia, id);
  const anna = await signIn('anna');
  let res = await anna.post(`/plans/${id}/steps/${sid}/signoff`);
  assert.equal(res.status, 403);
  res = await mia.post(`/plans/${id}/steps/${sid}/signoff`);
  assert.equal(res.status, 303);
  const page = (await anna.get(`/plans/${id}`)).body_;
  assert.equal(stateOf(page, 'Set up the line with your mentor watching'), 'Signed off');
  assert.match(page, /1 of 1 step done/);
  assert.match(page, /signed off as done/);
});

test('a mentor gives one lesson to a group of mentees at once', async () => {
  const mia = await signIn('mia');
  const a = await makePlan(mia, 'anna', 'Group plan A');
  const b = await makePlan(mia, 'bram', 'Group plan B');
  const otto = await signIn('otto');
  const c = await makePlan(otto, 'cleo', 'Otto plan');
  let res = await mia.get('/groups/assign');       // first the lesson, then the mentees
  assert.match(res.body_, /<form method="get" action="\/groups\/assign"/);
  assert.doesNotMatch(res.body_, /name="plan"/);
  res = await mia.get('/groups/assign?module=safe-lifting');
  assert.match(res.body_, new RegExp(`name="plan" value="${a}"`));
  assert.doesNotMatch(res.body_, new RegExp(`name="plan" value="${c}"`));
  // a plan the mentor does not mentor cannot be in the group
  res = await mia.raw('/groups/assign', [['csrf', mia.token], ['module', 'safe-lifting'],
    ['level', '1'], ['plan', String(a)], ['plan', String(c)]]);
  assert.equal(res.status, 403);
  res = await mia.raw('/groups/assign', [['csrf', mia.token], ['module', 'safe-lifting'],
    ['level', '1'], ['plan', String(a)], ['plan', String(a)]]);
  assert.equal(res.status, 403);      // the same plan twice is not a group
  res = await mia.raw('/groups/assign', [['csrf', mia.token], ['module', 'safe-lifting'],
    ['level', '3'], ['due', '2026-05-01'], ['plan', String(a)], ['plan', String(b)]]);
  assert.equal(res.status, 303);
  assert.equal(res.headers.get('location'), '/mentor?assigned=2&skipped=0');
  for (const id of [a, b]) {
    const page = (await mia.get(`/plans/${id}`)).body_;
    assert.match(page, /Lifting boxes the safe way<\/a> <span class="level">\(Advanced\)/);
    // a lesson step links to the lesson at its level
    assert.match(page, /<span class="kind">Lesson:<\/span> <a href="\/modules\/safe-lifting\?level=3">Lifting boxes the safe way<\/a>/);
    assert.match(page, /\(group assignment\)/);
  }
  assert.doesNotMatch((await otto.get(`/plans/${c}`)).body_, /Lifting boxes/);
  res = await mia.raw('/groups/assign', [['csrf', mia.token], ['module', 'safe-lifting'], ['level', '1']]);
  assert.equal(res.status, 400);
  assert.match(res.body_, /Choose at least one mentee/);
  // the same lesson again: the page says who has it, and nothing is added twice
  res = await mia.get('/groups/assign?module=safe-lifting');
  assert.doesNotMatch(res.body_, new RegExp(`name="plan" value="${a}"`));
  assert.match(res.body_, /Anna Mentee <span class="muted">\(Group plan A\): already in the plan/);
  const c2 = await makePlan(mia, 'cleo', 'Group plan C');
  res = await mia.get('/groups/assign?module=safe-lifting');
  assert.match(res.body_, new RegExp(`name="plan" value="${c2}"`));
  res = await mia.raw('/groups/assign', [['csrf', mia.token], ['module', 'safe-lifting'], ['level', '1'],
    ['plan', String(a)], ['plan', String(c2)]]);
  assert.equal(res.headers.get('location'), '/mentor?assigned=1&skipped=1');
  assert.match((await mia.get(res.headers.get('location'))).body_,
    /The lesson was added to 1 plan\. 1 already had it, so it was not added again\./);
  assert.equal(((await mia.get(`/plans/${a}`)).body_.match(/Lifting boxes the safe way<\/a> <span class="level">/g) || []).length, 1);
  // "all my mentees" gives it to every active plan that does not have it yet
  res = await mia.get('/groups/assign?module=first-day-safety');
  assert.match(res.body_, /name="all" value="1"/);
  res = await mia.raw('/groups/assign', [['csrf', mia.token], ['module', 'first-day-safety'], ['level', '1'],
    ['all', '1']]);
  assert.equal(res.status, 303);
  const [, added, had] = /assigned=(\d+)&skipped=(\d+)/.exec(res.headers.get('location')).map(Number);
  assert.ok(added >= 3, res.headers.get('location'));
  res = await mia.raw('/groups/assign', [['csrf', mia.token], ['module', 'first-day-safety'], ['level', '1'],
    ['all', '1']]);
  assert.equal(res.headers.get('location'), `/mentor?assigned=0&skipped=${added + had}`);
  for (const id of [a, b, c2])
    assert.equal(((await mia.get(`/plans/${id}`)).body_.match(/Safe on your first day<\/a> <span class="level">/g) || []).length, 1);
});

test('finish: certificate, reflections from both, and a follow-up plan', async () => {
  const mia = await signIn('mia');
  const anna = await signIn('anna');
  const id = await makePlan(mia, 'anna', 'Pack orders, fast and right');
  await edit(mia, id, { do: 'add-task', title: 'Pack ten orders with your mentor' });
  assert.equal((await anna.get(`/plans/${id}/certificate`)).status, 404);   // not finished yet
  assert.equal((await anna.post(`/plans/${id}/finish`)).status, 403);       // mentors close plans
  // a step is not done: closing asks first, says what is not done, and closes nothing yet
  let res = await mia.post(`/plans/${id}/finish`);
  assert.equal(res.status, 200);
  assert.match(res.body_, /Not every step is done: 1 of 1 step is not done yet/);
  assert.match(res.body_, /<ul class="not-done"><li><span class="kind">With your mentor:<\/span> Pack ten orders with your mentor/);
  assert.match(res.body_, /You can open the plan again within 30 days/);
  assert.equal((await anna.get(`/plans/${id}/certificate`)).status, 404);
  res = await mia.post(`/plans/${id}/finish`, { confirm: 'yes' });
  assert.equal(res.status, 303);
  res = await anna.get(`/plans/${id}/certificate`);
  assert.equal(res.status, 200);
  assert.match(res.body_, /<article class="certificate">/);
  assert.match(res.body_, /<h1>Anna Mentee<\/h1>/);
  assert.match(res.body_, /Pack orders, fast and right/);
  assert.match(res.body_, /Mentor: Mia Mentor/);
  // the organisation, the date of issue, a signature line and a Print button (player.js shows it)
  assert.match(res.body_, /<p class="cert-org">Acme Packaging &amp; Co<\/p>/);
  const today = new Date();
  const issued = `${today.getUTCDate()} ${today.toLocaleString('en-GB', { month: 'long', timeZone: 'UTC' })} ${today.getUTCFullYear()}`;
  assert.match(res.body_, new RegExp(`Date of issue: ${issued}`));
  assert.match(res.body_, /<p class="cert-line" aria-hidden="true"><\/p><p>Signature of the mentor<\/p>/);
  assert.match(res.body_, /<button type="button" data-print hidden>Print the certificate<\/button>/);
  assert.match(res.body_, /<link rel="stylesheet" href="\/static\/plans.css">/);
  const css = await (await fetch(srv.url + '/static/plans.css')).text();
  assert.match(css, /@media print\{[^]*\.certificate/);

  assert.equal((await anna.post(`/plans/${id}/reflection`, { text: 'Ask early.' })).status, 303);
  assert.equal((await mia.post(`/plans/${id}/reflection`, { text: 'Plan the first week.' })).status, 303);
  assert.equal((await anna.post(`/plans/${id}/reflection`, { text: '' })).status, 400);
  res = await anna.get(`/plans/${id}`);
  assert.match(res.body_, /From the mentee:<\/p><p>Ask early\./);
  assert.match(res.body_, /From a mentor:<\/p><p>Plan the first week\./);
  assert.match(res.body_, /Anna Mentee wrote a reflection/);
  assert.doesNotMatch(res.body_, /Start a follow-up plan/);    // that is the mentor's choice

  // a finished plan is not edited any more, its evaluation notes neither (but they can be read)
  assert.equal((await edit(mia, id, { do: 'add-task', title: 'x' })).status, 409);
  const eid = Number(new RegExp(`/plans/${id}/evaluations/(\\d+)`).exec(res.body_)[1]);
  const view = await anna.get(`/plans/${id}/evaluations/${eid}`);
  assert.equal(view.status, 200);
  assert.match(view.body_, /This plan is finished: its evaluations stay as they were/);
  assert.doesNotMatch(view.body_, /<textarea/);
  res = await anna.post(`/plans/${id}/evaluations/${eid}`, { mentee_notes: 'changed afterwards' });
  assert.equal(res.status, 409);
  assert.match(res.body_, /The notes of a finished plan stay as they were/);
  assert.equal((await mia.post(`/plans/${id}/evaluations/${eid}`, { held: '2026-02-03', outcome: 'on-track' })).status, 409);
  assert.doesNotMatch((await anna.get(`/plans/${id}/evaluations/${eid}`)).body_, /changed afterwards/);
  assert.equal((await anna.post(`/plans/${id}/follow-up`, { goal: 'x', target: '2099-01-01' })).status, 403);
  res = await mia.post(`/plans/${id}/follow-up`, { goal: 'Train a new colleague', target: '2099-06-30' });
  const next = planIdOf(res);
  assert.notEqual(next, id);
  res = await anna.get('/plan');
  assert.match(res.body_, /Train a new colleague/);
  assert.match(res.body_, /Plans you finished/);
});

test('a closed plan can be opened again by its mentor, and the history shows both', async () => {
  const mia = await signIn('mia');
  const anna = await signIn('anna');
  const id = await makePlan(mia, 'anna', 'Closed by mistake');
  assert.equal((await mia.post(`/plans/${id}/reopen`)).status, 404);        // not closed yet
  assert.equal((await mia.post(`/plans/${id}/finish`)).status, 303);        // no steps: nothing to ask
  let res = await mia.get(`/plans/${id}`);
  assert.match(res.body_, /Closed too early\? You can open the plan again until \d+ [A-Z][a-z]+ \d{4}\./);
  assert.doesNotMatch((await anna.get(`/plans/${id}`)).body_, /Open the plan again/);
  assert.equal((await anna.post(`/plans/${id}/reopen`)).status, 403);
  res = await mia.post(`/plans/${id}/reopen`);
  assert.equal(res.status, 303);
  res = await mia.get(`/plans/${id}`);
  assert.match(res.body_, /Goal reached: close the plan/);
  assert.match(res.body_, /Plan finished: the goal is reached/);
  assert.match(res.body_, /Plan opened again: it is active, not finished/);
  assert.equal((await anna.get(`/plans/${id}/certificate`)).status, 404);
});

test('removing a step and signing off can be undone from the page', async () => {
  const mia = await signIn('mia');
  const id = await makePlan(mia, 'bram', 'Undo plan');
  await edit(mia, id, { do: 'add-module', module: 'safe-lifting', level: 1 });
  await edit(mia, id, { do: 'add-task', title: 'Lift with your mentor watching' });
  await edit(mia, id, { do: 'add-module', module: 'first-day-safety', level: 1 });
  const steps = await stepIds(mia, id);
  let res = await edit(mia, id, { do: 'step-remove', step: steps[1] });
  assert.equal(res.headers.get('location'), `/plans/${id}/edit?saved=steps&removed=${steps[1]}#steps`);
  res = await mia.get(res.headers.get('location'));
  assert.match(res.body_, /The step is removed from the plan\./);
  assert.match(res.body_, new RegExp(`<button type="submit" name="do" value="step-restore:${steps[1]}" class="secondary">Undo: put the step back`));
  assert.deepEqual(await stepIds(mia, id), [steps[0], steps[2]]);
  res = await mia.post(`/plans/${id}/edit`, { do: 'step-restore', step: steps[1] });
  assert.equal(res.status, 303);
  assert.deepEqual(await stepIds(mia, id), steps);

  res = await mia.post(`/plans/${id}/steps/${steps[1]}/signoff`);
  assert.equal(res.headers.get('location'), `/plans/${id}?signed=${steps[1]}`);
  res = await mia.get(res.headers.get('location'));
  assert.match(res.body_, /You signed off &quot;Lift with your mentor watching&quot; as done\./);
  assert.match(res.body_, new RegExp(`action="/plans/${id}/steps/${steps[1]}/unsign"`));
  assert.match(res.body_, /1 of 3 steps done/);
  res = await mia.post(`/plans/${id}/steps/${steps[1]}/unsign`);
  assert.equal(res.status, 303);
  res = await mia.get(`/plans/${id}`);
  assert.match(res.body_, /0 of 3 steps done/);
  assert.match(res.body_, /Step 2 put back \(removal undone\)/);
  assert.match(res.body_, /sign-off undone, not done yet/);
  const bram = await signIn('bram');
  assert.equal((await bram.post(`/plans/${id}/steps/${steps[1]}/unsign`)).status, 403);
});

test('people see only their own plans and the plans they mentor', async () => {
  const mia = await signIn('mia');
  const annaPlan = await makePlan(mia, 'anna', 'Anna private plan');
  const bramPlan = await makePlan(mia, 'bram', 'Bram private plan');
  const anna = await signIn('anna');
  const bram = await signIn('bram');
  const otto = await signIn('otto');
  // mentee A cannot see or touch mentee B's plan
  assert.equal((await bram.get(`/plans/${annaPlan}`)).status, 403);
  assert.equal((await bram.get(`/plans/${annaPlan}/evaluations/1`)).status, 403);
  assert.equal((await bram.post(`/plans/${annaPlan}/reflection`, { text: 'x' })).status, 403);
  assert.doesNotMatch((await bram.get('/plan')).body_, /Anna private plan/);
  // a mentee does not edit their own plan
  assert.equal((await anna.get(`/plans/${annaPlan}/edit`)).status, 403);
  assert.equal((await anna.post(`/plans/${annaPlan}/edit`, { do: 'add-task', title: 'x' })).status, 403);
  // a mentor sees only the plans they mentor
  assert.equal((await otto.get(`/plans/${annaPlan}`)).status, 403);
  assert.equal((await otto.post(`/plans/${bramPlan}/edit`, { do: 'add-task', title: 'x' })).status, 403);
  assert.equal((await otto.post(`/plans/${bramPlan}/finish`)).status, 403);
  assert.doesNotMatch((await otto.get('/mentor')).body_, /Anna private plan/);
  assert.match((await mia.get('/mentor')).body_, /Anna private plan/);
  // My plan leads a mentor to their dashboard; a mentee who mentors nobody sees no such link
  assert.match((await mia.get('/plan')).body_, /You mentor \d+ plans\.[^]*href="\/mentor"/);
  assert.doesNotMatch((await anna.get('/plan')).body_, /href="\/mentor"/);
  const res = await anna.get(`/plans/${annaPlan}`);
  assert.equal(res.status, 200);
  assert.doesNotMatch(res.body_, /Change plan/);
  // an unknown plan is not found
  assert.equal((await mia.get('/plans/999999')).status, 404);
  // the denial is a friendly page
  const denied = await bram.get(`/plans/${annaPlan}`);
  assert.match(denied.headers.get('content-type'), /text\/html/);
  assert.match(denied.body_, /Not your plan/);
});

test('only a mentor makes plans, and only for the mentees paired with them', async () => {
  // a mentee sees no "new plan" and cannot make one, not even for another mentee
  const anna = await signIn('anna');
  let res = await anna.get('/plans/new');
  assert.equal(res.status, 403);
  assert.match(res.body_, /Only mentors/);
  res = await anna.post('/plans/new', { mentee: users.bram.id, goal: 'Do everything Anna says',
    start: '2026-01-05', target: '2026-03-30', mentor2: 0 });
  assert.equal(res.status, 403);
  assert.equal((await anna.get('/mentor')).status, 403);
  assert.equal((await anna.get('/groups/assign')).status, 403);
  assert.doesNotMatch((await signIn('bram').then((b) => b.get('/plan'))).body_, /Do everything Anna says/);

  // the mentor's list holds only their mentees, none chosen; the admin is not in it
  const otto = await signIn('otto');
  res = await otto.get('/plans/new');
  assert.equal(res.status, 200);
  const mentee = res.body_.match(/<select id="mentee"[^]*?<\/select>/)[0];
  assert.match(mentee, /<option value="">Choose your mentee<\/option>/);
  assert.match(mentee, /Cleo Mentee/);
  assert.doesNotMatch(mentee, /Anna Mentee|Ada Admin|Mia Mentor/);
  assert.doesNotMatch(mentee, /selected/);
  // outside the pairing, and a second mentor without the permission, are refused
  res = await otto.post('/plans/new', { mentee: users.anna.id, goal: 'Not mine', start: '2026-01-05',
    target: '2026-03-30', mentor2: 0 });
  assert.equal(res.status, 400);
  assert.match(res.body_, /Choose the mentee from the list/);
  res = await otto.post('/plans/new', { mentee: users.cleo.id, goal: 'With a helper', start: '2026-01-05',
    target: '2026-03-30', mentor2: users.anna.id });
  assert.equal(res.status, 400);
  const id = await makePlan(otto, 'cleo', 'Cleo two plans', { mentor2: users.mia.id });

  // the mentee sees every active plan, and who mentors them since when
  const cleo = await signIn('cleo');
  res = await cleo.get('/plan');
  assert.match(res.body_, /Cleo two plans/);
  assert.match(res.body_, /Your mentor is <strong>Otto Othermentor<\/strong>, since \d+ [A-Z][a-z]+ \d{4}\./);
  assert.match(res.body_, /Your mentor is <strong>Mia Mentor<\/strong>/);

  // taking the permission away takes the plan's mentor actions away too
  const ada = await signIn('ada');
  res = await ada.get(`/admin/users/${users.otto.id}`);
  res = await ada.post(`/admin/users/${users.otto.id}`, { action: 'save', display_name: 'Otto Othermentor',
    language: 'en', active: 1 });
  assert.equal(res.status, 303);
  assert.equal((await otto.get(`/plans/${id}/edit`)).status, 403);
  assert.equal((await otto.get('/plans/new')).status, 403);
  res = await ada.post(`/admin/users/${users.otto.id}`, { action: 'save', display_name: 'Otto Othermentor',
    language: 'en', active: 1, role_mentor: 1 });
  assert.equal(res.status, 303);
  assert.equal((await otto.get(`/plans/${id}/edit`)).status, 200);
});

test('coordinators and admins pair mentors with mentees and see every pairing', async () => {
  const anna = await signIn('anna');
  assert.equal((await anna.get('/admin/pairings')).status, 403);
  assert.equal((await anna.post('/admin/pairings', { action: 'add', mentor: users.mia.id,
    mentee: users.ada.id })).status, 403);
  const cora = await signIn('cora');
  let res = await cora.get('/admin/pairings');
  assert.equal(res.status, 200);
  assert.match(res.body_, /<td>Otto Othermentor<\/td><td>Cleo Mentee<\/td>/);
  // a mentor needs the mentor permission
  res = await cora.post('/admin/pairings', { action: 'add', mentor: users.anna.id, mentee: users.bram.id });
  assert.equal(res.status, 400);
  res = await cora.post('/admin/pairings', { action: 'add', mentor: users.otto.id, mentee: users.bram.id,
    group: 'Night shift' });
  assert.equal(res.status, 303);
  res = await cora.get('/admin/pairings?done=added');
  assert.match(res.body_, /The pairing is made/);
  assert.match(res.body_, /<td>Otto Othermentor<\/td><td>Bram Mentee<\/td><td>Night shift<\/td>/);
  res = await cora.post('/admin/pairings', { action: 'add', mentor: users.otto.id, mentee: users.bram.id });
  assert.equal(res.status, 400);
  assert.match(res.body_, /paired already/);
  const otto = await signIn('otto');
  assert.match((await otto.get('/plans/new')).body_, /<option value="\d+">Bram Mentee<\/option>/);
  const pid = Number([...res.body_.matchAll(/name="id" value="(\d+)"/g)].at(-1)[1]);  // the newest
  res = await cora.post('/admin/pairings', { action: 'end', id: pid });
  assert.equal(res.status, 303);
  assert.doesNotMatch((await otto.get('/plans/new')).body_, />Bram Mentee</);
  // coordinators export plan progress too
  assert.equal((await cora.get('/admin/plans.csv')).status, 200);
});

test('a mentor pairs only themselves with a mentee, and ends only their own pairings', async () => {
  const otto = await signIn('otto');
  let res = await otto.get('/admin/pairings');
  assert.equal(res.status, 200);
  assert.match(res.body_, /<h1>Who you mentor<\/h1>/);
  assert.match(res.body_, /<td>Otto Othermentor<\/td><td>Cleo Mentee<\/td>/);
  assert.doesNotMatch(res.body_, /<td>Mia Mentor<\/td>/, "another mentor's pairings stay hidden");
  assert.doesNotMatch(res.body_, /id="mentor"/, 'no choice of mentor');
  const mentees = res.body_.match(/<select id="mentee"[^]*?<\/select>/)[0];
  assert.doesNotMatch(mentees, /Otto Othermentor/, 'not their own mentee');
  assert.match((await otto.get('/mentor')).body_, /href="\/admin\/pairings">Pair yourself with a mentee</);
  // a mentor named in the form is ignored: the pairing is always the viewer's own
  res = await otto.post('/admin/pairings', { action: 'add', mentor: users.mia.id, mentee: users.dana.id });
  assert.equal(res.status, 303);
  const cora = await signIn('cora');
  let all = (await cora.get('/admin/pairings')).body_;
  assert.match(all, /<td>Otto Othermentor<\/td><td>Dana Author<\/td>/);
  assert.doesNotMatch(all, /<td>Mia Mentor<\/td><td>Dana Author<\/td>/);
  assert.match((await otto.get('/plans/new')).body_, />Dana Author<\/option>/);
  // another mentor's pairing cannot be ended by them
  const miaPair = /<td>Mia Mentor<\/td><td>Anna Mentee<\/td>[^]*?name="id" value="(\d+)"/.exec(all)[1];
  res = await otto.post('/admin/pairings', { action: 'end', id: miaPair });
  assert.equal(res.status, 400);
  assert.match(res.body_, /You can end only your own pairings/);
  assert.match((await cora.get('/admin/pairings')).body_, /<td>Mia Mentor<\/td><td>Anna Mentee<\/td>/);
  // their own they can end
  const own = /<td>Otto Othermentor<\/td><td>Dana Author<\/td>[^]*?name="id" value="(\d+)"/.exec(all)[1];
  res = await otto.post('/admin/pairings', { action: 'end', id: own });
  assert.equal(res.status, 303);
  all = (await cora.get('/admin/pairings')).body_;
  assert.doesNotMatch(all, /<td>Otto Othermentor<\/td><td>Dana Author<\/td>/);
  // without the permission there is nothing to pair
  const anna = await signIn('anna');
  assert.equal((await anna.get('/admin/pairings')).status, 403);
  assert.equal((await anna.post('/admin/pairings', { action: 'add', mentee: users.bram.id })).status, 403);
});

test('after sign-in each role lands on its own page, and the menu has a link per role', async () => {
  for (const [login, home] of [['anna', '/plan'], ['mia', '/mentor'], ['ada', '/admin'], ['cora', '/admin'],
    ['dana', '/author']]) {
    const c = new PlanClient(srv.url);
    const res = await c.signIn(login, PASSWORD);
    assert.equal(res.headers.get('location'), home, login);
  }
  const mia = await signIn('mia');
  const menu = (await mia.get('/plan')).body_.match(/<details class="menu">[^]*?<\/details>/)[0];
  assert.match(menu, /href="\/plan">My plan</);
  assert.match(menu, /href="\/mentor">My mentees</);
  assert.doesNotMatch(menu, /href="\/admin"|href="\/author"/);
  // the admin home: users, pairings, the CSV and the xAPI clients; a coordinator sees no users
  const ada = await signIn('ada');
  let res = await ada.get('/admin');
  assert.equal(res.status, 200);
  for (const href of ['/admin/users', '/admin/pairings', '/admin/plans.csv'])
    assert.match(res.body_, new RegExp(`href="${href}"`));
  assert.match(res.body_, /<strong>outside-tool<\/strong>/);
  assert.match(res.body_, /href="\/admin">Admin</);
  const cora = await signIn('cora');
  res = await cora.get('/admin');
  assert.equal(res.status, 200);
  assert.doesNotMatch(res.body_, /href="\/admin\/users"|outside-tool/);
  assert.equal((await mia.get('/admin')).status, 403);
});

test('the dashboard puts what needs the mentor first and tells two plans of one person apart', async () => {
  const otto = await signIn('otto');
  const today = new Date().toISOString().slice(0, 10);
  const calm = await makePlan(otto, 'cleo', 'Calm plan', { start: today, target: '2099-12-30', interval: 182 });
  const busy = await makePlan(otto, 'cleo', 'Busy plan', { start: '2020-01-06', target: '2099-12-30', interval: 182 });
  await edit(otto, busy, { do: 'add-task', title: 'Show the changeover to your mentor' });
  await postStatement(statement('cleo', 'attempted', 'safe-lifting'));
  const res = await otto.get('/mentor');
  assert.match(res.body_, /<ul class="needs-you" aria-label="What needs you"><li>1 sign-off waits for you\.<\/li>/);
  assert.match(res.body_, /evaluations? (is|are) overdue/);
  const cards = res.body_.split('<li class="card plan-card">').slice(1);
  const at = (goal) => cards.findIndex((c) => c.includes(`: ${goal}</span>`));
  assert.ok(at('Busy plan') >= 0 && at('Calm plan') > at('Busy plan'), 'the plan that needs the mentor comes first');
  const card = cards[at('Busy plan')];
  assert.match(card, /A task waits for your sign-off/);
  assert.match(card, /<strong>Evaluation overdue<\/strong> since \d+ [A-Z][a-z]+ 2020/);
  const [y, m, d] = today.split('-').map(Number);
  const month = new Date(Date.UTC(y, m - 1, d)).toLocaleString('en-GB', { month: 'long', timeZone: 'UTC' });
  assert.match(card, new RegExp(`Last active on ${d} ${month} ${y}`));
  assert.match(cards[at('Calm plan')], /Evaluation in \d+ days/);
  // two plans of Cleo: each link names the mentee and the goal
  assert.match(res.body_, new RegExp(`href="/plans/${busy}">Cleo Mentee<span class="goal-in-link">: Busy plan</span></a>`));
  assert.match(res.body_, new RegExp(`href="/plans/${calm}">Cleo Mentee<span class="goal-in-link">: Calm plan</span></a>`));
  // and at desktop width the same plans as a table, most urgent first
  const table = res.body_.match(/<table class="dash-table">[^]*?<\/table>/)[0];
  assert.ok(table.indexOf('Busy plan') < table.indexOf('Calm plan'));
});

test('every plan form needs the CSRF token', async () => {
  const mia = await signIn('mia');
  const id = await makePlan(mia, 'anna', 'CSRF plan');
  const before = (await mia.get(`/plans/${id}`)).body_.match(/<details class="history">[^]*<\/details>/)[0];
  const forms = [
    ['/plans/new', { mentee: users.anna.id, goal: 'x', start: '2026-01-01', target: '2026-02-01' }],
    [`/plans/${id}/edit`, { do: 'add-task', title: 'Forged task' }],
    [`/plans/${id}/finish`, {}],
    [`/plans/${id}/steps/1/signoff`, {}],
    [`/plans/${id}/evaluations/1`, { held: '2026-01-01' }],
    [`/plans/${id}/reflection`, { text: 'x' }],
    [`/plans/${id}/follow-up`, { goal: 'x', target: '2099-01-01' }],
    ['/groups/assign', { module: 'safe-lifting', level: 1, plan: id }],
    ['/plan/steps/1/start', {}],
    ['/plan/steps/1/done', {}],
  ];
  for (const [p, form] of forms) {
    for (const csrf of [undefined, 'not-the-token']) {
      const res = await mia.raw(p, csrf === undefined ? form : { ...form, csrf });
      assert.equal(res.status, 403, `${p} with csrf ${csrf}`);
    }
  }
  const after = (await mia.get(`/plans/${id}`)).body_.match(/<details class="history">[^]*<\/details>/)[0];
  assert.equal(after, before);
});

test('admins export plan progress as CSV for HR; nobody else can', async () => {
  const mia = await signIn('mia');
  const id = await makePlan(mia, 'bram', 'Drive the "big" forklift, safely');
  await edit(mia, id, { do: 'add-module', module: 'safe-lifting', level: 1, due: '2020-02-02' });
  assert.equal((await mia.get('/admin/plans.csv')).status, 403);
  const ada = await signIn('ada');
  const res = await ada.get('/admin/plans.csv');
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type'), /^text\/csv/);
  assert.match(res.headers.get('content-disposition'), /^attachment; filename="stepwise-plans-\d{4}-\d{2}-\d{2}\.csv"$/);
  const lines = res.body_.split('\r\n');
  assert.equal(lines[0], 'plan_id,mentee_login,mentee_name,mentors,goal,status,start,target,steps_total,'
    + 'steps_done,progress_percent,steps_late,next_evaluation,finished_at,follows_plan');
  const line = lines.find((l) => l.startsWith(`${id},`));
  assert.equal(line, `${id},bram,Bram Mentee,Mia Mentor,"Drive the ""big"" forklift, safely",active,`
    + '2026-01-05,2026-03-30,1,0,0,1,2026-02-02,,');
  assert.equal(res.body_.at(-1), '\n');
});

test('a form field that is not UTF-8 is refused with 400 naming it, and nothing is stored', async () => {
  const mia = await signIn('mia');
  await mia.get('/plans/new');
  const fields = new URLSearchParams({ csrf: mia.token, mentee: users.cleo.id, start: '2026-01-05',
    target: '2026-03-30', interval: 28, mentor2: 0 }).toString();
  for (const bad of ['caf%E9', '%C0%AF', '%ED%A0%80']) {   // Latin-1, overlong, surrogate
    const res = await mia.req('/plans/new', { method: 'POST', body: `${fields}&goal=Utf8probe+${bad}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    assert.equal(res.status, 400, bad);
    assert.match(res.html, /The field &quot;goal&quot; holds characters that are not UTF-8 text, so nothing was saved/);
  }
  assert.doesNotMatch((await mia.get('/mentor')).body_, /Utf8probe/);
  // The same rule on the account forms.
  const ada = await signIn('ada');
  const token = await ada.csrf('/admin/users');
  const res = await ada.req('/admin/users', { method: 'POST', body: `csrf=${token}&login=latin&display_name=Jos%E9`,
    headers: { 'content-type': 'application/x-www-form-urlencoded' } });
  assert.equal(res.status, 400);
  assert.match(res.html, /The field &quot;display_name&quot;/);
  assert.doesNotMatch((await ada.get('/admin/users')).body_, /latin/);
});

test('the CSV defuses formulas after a leading CR, spaces or a no-break space', async () => {
  const mia = await signIn('mia');
  const goals = ['\r=1+1', '  =HYPERLINK("http://x")', '\u00a0+SUM(A1)', '\n@cmd'];
  const ids = [];
  for (const goal of goals) ids.push(await makePlan(mia, 'cleo', goal));
  const ada = await signIn('ada');
  const csv = (await ada.get('/admin/plans.csv')).body_;
  for (let i = 0; i < goals.length; i++) {
    const quoted = `"'${goals[i].replaceAll('"', '""')}"`;
    assert.ok(csv.includes(`,Mia Mentor,${quoted},active,`), `goal ${JSON.stringify(goals[i])} in ${csv}`);
  }
});

test('"I finished this lesson" on a lesson with a check records completed, never passed', async () => {
  const mia = await signIn('mia');
  const id = await makePlan(mia, 'bram', 'Lift boxes safely');
  await edit(mia, id, { do: 'add-module', module: 'safe-lifting', level: 1 });
  const bram = await signIn('bram');
  let res = await bram.get('/modules/safe-lifting?level=1');
  assert.match(res.body_, /<form id="check"/);   // the lesson has a knowledge check
  const sid = Number(/action="\/plan\/steps\/(\d+)\/done"/.exec(res.body_)[1]);
  res = await bram.post(`/plan/steps/${sid}/done`);
  assert.equal(res.status, 303);
  const q = new URLSearchParams({ agent: JSON.stringify(agent('bram')), activity: `${PUBLIC}/modules/safe-lifting` });
  const found = await (await fetch(`${srv.url}/xapi/statements?${q}`, {
    headers: { authorization: lrs.auth, 'x-experience-api-version': '1.0.3' } })).json();
  const verbs = found.statements.map((s) => s.verb.id.slice(ADL.length));
  assert.ok(verbs.includes('completed'), verbs.join());
  assert.ok(!verbs.includes('passed'), verbs.join());
  assert.ok(found.statements.every((s) => s.result?.score === undefined && s.result?.success !== true));
  const page = (await mia.get(`/plans/${id}`)).body_;
  assert.equal(stateOf(page, 'Lifting boxes the safe way'), 'Done');
  assert.doesNotMatch(page.split('\n').find((l) => l.includes('Lifting boxes the safe way')), /Latest score/);
});
