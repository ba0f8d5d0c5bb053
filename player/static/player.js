// player.js: optional comfort only; every page works fully without it (links and forms). On a
// lesson page of a signed-in learner it records xAPI statements (README, "Statements of the
// lesson player"), queued per learner in localStorage and sent a few at a time in the background.
'use strict';

// When one video or podcast starts, pause the others, so two never talk over each other on a
// shared tablet in a noisy room.
document.addEventListener('play', function (e) {
  var players = document.querySelectorAll('video, audio');
  for (var i = 0; i < players.length; i++) {
    if (players[i] !== e.target) players[i].pause();
  }
}, true);

// A change that was kept while the person signed in again is sent at once (without JavaScript
// they press the button themselves).
var resume = document.querySelector('button[data-resume]');
if (resume) resume.form.submit();

// "All my mentees": ticks or clears every mentee's box with it (the server also reads it alone).
document.addEventListener('change', function (e) {
  var name = e.target.getAttribute && e.target.getAttribute('data-select-all');
  if (!name) return;
  var boxes = document.querySelectorAll('input[type=checkbox][name="' + name + '"]');
  for (var i = 0; i < boxes.length; i++) boxes[i].checked = e.target.checked;
});

// The certificate's Print button (hidden without JavaScript, where the browser menu prints).
var print = document.querySelector('button[data-print]');
if (print) {
  print.hidden = false;
  print.addEventListener('click', function () { window.print(); });
}

(function () {
  var P = document.getElementById('player'), body = document.querySelector('.body[data-module]');
  if (!P || !body) return;
  var ADL = 'http://adlnet.gov/expapi/verbs/', BATCH = 5;
  var home = P.dataset.home, login = P.dataset.login, csrf = P.dataset.csrf;
  var lang = document.documentElement.lang || 'en', level = +body.dataset.level;
  var iri = home + '/modules/' + body.dataset.module;
  var title = document.querySelector('h1').textContent;
  // One queue per learner: a shared tablet never sends Anna's statements with Bram's session.
  var KEY = 'stepwise-queue:' + home + '|' + login;
  var sending = false, stalled = false, status;

  function uuid() {
    var b = crypto.getRandomValues(new Uint8Array(16)), h = '';
    b[6] = (b[6] & 15) | 64;
    b[8] = (b[8] & 63) | 128;
    for (var i = 0; i < 16; i++) h += (i === 4 || i === 6 || i === 8 || i === 10 ? '-' : '') + (b[i] + 256).toString(16).slice(1);
    return h;
  }
  var registration = uuid();

  function load() {
    try { return JSON.parse(localStorage.getItem(KEY)) || []; } catch (e) { return []; }
  }
  function save(q) {
    try {
      if (q.length) localStorage.setItem(KEY, JSON.stringify(q)); else localStorage.removeItem(KEY);
    } catch (e) { /* storage full or off: the statements still go out while online */ }
  }

  function show(text) {
    if (!status) {
      status = document.createElement('p');
      status.className = 'save-status';
      status.setAttribute('role', 'status');
      P.appendChild(status);
      P.hidden = false;
    }
    if (status.textContent !== text) status.textContent = text;
  }
  function showState() {
    if (load().length) show(navigator.onLine && !stalled ? 'Saving…' : 'Saved on this device. It will be sent when you are online.');
    else if (status) show('Saved.');
  }

  // A statement about the module (or, with object, about a media activity under it).
  function statement(verb, result, object, extensions) {
    var ext = {}, ctx = { registration: registration, platform: 'Stepwise', language: lang, extensions: ext };
    ext[home + '/xapi/extensions/level'] = level;
    for (var k in extensions || {}) ext[k] = extensions[k];
    var acts = {};
    if (P.dataset.plan) acts.grouping = [{ id: P.dataset.plan }];
    if (object) acts.parent = [{ id: iri }];
    if (acts.grouping || acts.parent) ctx.contextActivities = acts;
    var name = {};
    name[lang] = title;
    var s = {
      id: uuid(), timestamp: new Date().toISOString(),
      actor: { objectType: 'Agent', account: { homePage: home, name: login } },
      verb: { id: verb, display: { 'en-US': verb.slice(verb.lastIndexOf('/') + 1) } },
      object: object || { objectType: 'Activity', id: iri,
        definition: { name: name, type: 'http://adlnet.gov/expapi/activities/lesson' } },
      context: ctx,
    };
    if (result) s.result = result;
    return s;
  }

  function record(s, later) {
    var q = load();
    q.push(s);
    save(q);
    showState();
    if (!later) send();
  }

  function post(batch, keepalive) {
    return fetch('/xapi/statements', {
      method: 'POST', credentials: 'same-origin', keepalive: keepalive, body: JSON.stringify(batch),
      headers: { 'Content-Type': 'application/json', 'X-Experience-API-Version': '1.0.3', 'X-CSRF-Token': csrf },
    }).then(function (res) {
      // Each statement has its own id, so a resend after a lost reply is accepted by the LRS
      // without storing it twice. A refused one (400) would never pass: it is dropped so that
      // it does not block the rest; anything else (offline, signed out) is kept for later.
      if (!res.ok && res.status !== 400) return res.status >= 500 ? 'later' : false;
      var ids = batch.map(function (s) { return s.id; });
      save(load().filter(function (s) { return ids.indexOf(s.id) < 0; }));
      if (!res.ok) res.text().then(function (t) { console.warn('stepwise: statement refused: ' + t); });
      return true;
    }, function () { return 'later'; });
  }

  // One request at a time, the oldest few statements first, until the queue is empty.
  function send() {
    var q = load();
    if (sending || !q.length || !navigator.onLine) return showState();
    sending = true;
    post(q.slice(0, BATCH), false).then(function (ok) {
      sending = false;
      stalled = ok !== true;
      if (ok === true) return send();
      showState();
      if (ok) setTimeout(send, 2000);   // a lost reply or a short outage: try again soon
    });
  }

  // Closing the tab or locking the phone: everything queued goes out with keepalive; what does
  // not arrive stays queued for the next visit.
  function flush() {
    var q = load();
    for (var i = 0; i < q.length && navigator.onLine; i += BATCH) post(q.slice(i, i + BATCH), true);
  }

  window.addEventListener('online', function () { send(); });
  window.addEventListener('offline', showState);

  record(statement(ADL + 'initialized'));
  // For media.js and resume.js: the same queue, statements and leaving (README, "Statements").
  var leaving = [];
  window.stepwise = { record: record, statement: statement, uuid: uuid, iri: iri, P: P, body: body,
    home: home, login: login, csrf: csrf, level: level, leaving: leaving, mediaPath: function (el) {
      var s = el.querySelector('source');
      return new URL(s ? s.src : el.currentSrc || el.src).pathname;
    } };

  // progressed as each section heading is reached; completed at the end of the lesson, unless
  // the lesson has a knowledge check: then passing it completes the module (on the server).
  var sections = body.querySelectorAll('h2'), reached = 0, done = false;
  var end = document.createElement('div');
  end.className = 'lesson-end';
  body.appendChild(end);
  var seen = new IntersectionObserver(function (entries) {
    entries.forEach(function (e) {
      if (!e.isIntersecting) return;
      if (e.target === end) {
        seen.unobserve(end);
        if (!done && !document.getElementById('check')) {
          done = true;
          record(statement(ADL + 'completed', { completion: true, extensions: progress(100) }));
        }
        return;
      }
      var i = Array.prototype.indexOf.call(sections, e.target) + 1;
      seen.unobserve(e.target);
      if (i <= reached) return;
      reached = i;
      record(statement(ADL + 'progressed', { extensions: progress(Math.round(100 * i / (sections.length + 1))) }));
    });
  });
  function progress(pct) {
    return { 'https://w3id.org/xapi/cmi5/result/extensions/progress': pct };
  }
  sections.forEach(function (h) { seen.observe(h); });
  seen.observe(end);

  var left = false;
  window.addEventListener('pagehide', function () {
    if (!left) {
      leaving.forEach(function (f) { f(); });
      record(statement(ADL + 'terminated'), true);
    }
    left = true;
    flush();
  });
  window.addEventListener('pageshow', function (e) { if (e.persisted) left = false; });
  document.addEventListener('visibilitychange', function () {
    if (document.visibilityState === 'hidden') flush();
  });

  // "Log out / switch user": first send this learner's statements with their session; what
  // cannot be sent stays in their own queue until they sign in again.
  var out = document.querySelector('form.viewer');
  if (out) out.addEventListener('submit', function (e) {
    if (!load().length || !navigator.onLine) return;
    e.preventDefault();
    var gone = false, go = function () { if (!gone) out.submit(); gone = true; };
    send();
    var t = setInterval(function () { if (!load().length || !sending) { clearInterval(t); go(); } }, 100);
    setTimeout(go, 3000);
  });
})();

// A button that asks first (closing a plan with steps not done): the browser asks, and a yes
// sends the form as the server's own confirmation page would (confirm=yes).
document.addEventListener('click', function (e) {
  var button = e.target.closest && e.target.closest('button[data-confirm]');
  if (!button) return;
  if (!window.confirm(button.getAttribute('data-confirm'))) {
    e.preventDefault();
    return;
  }
  var yes = document.createElement('input');
  yes.type = 'hidden';
  yes.name = 'confirm';
  yes.value = 'yes';
  button.form.appendChild(yes);
});
