// lesson.js: the lesson player of a signed-in learner (loaded only on their lesson pages, after
// player.js). It records xAPI statements (README, "Statements of the lesson player"), queued per
// learner on the device, encrypted, and sent a few at a time in the background; it shows how
// much of the lesson was read and whether it is saved.
'use strict';

(function () {
  var P = document.getElementById('player'), body = document.querySelector('.body[data-module]');
  if (!P || !body) return;
  var ADL = 'http://adlnet.gov/expapi/verbs/', BATCH = 5;
  var home = P.dataset.home, login = P.dataset.login, csrf = P.dataset.csrf;
  var lang = body.lang || document.documentElement.lang || 'en', level = +body.dataset.level;
  var iri = home + '/modules/' + body.dataset.module;
  var title = document.querySelector('h1').textContent;
  // One queue per learner, kept on the device encrypted (AES-GCM) under a key that the server
  // gives only to this learner's session (/player/key): on a shared tablet nobody else can read
  // it, and Bram's session never sends (or even decrypts) what Anna left.
  var KEY = 'stepwise-queue:' + home + '|' + login;
  var q = [], gone = {}, key = null, chain = Promise.resolve(), sending = false, stalled = false;
  // What leaving the page sends (terminated, and media.js's paused and terminated) is made ahead
  // and kept on the device, encrypted, under BYE + this visit's registration, renewed every few
  // seconds: a page can go away without its pagehide running or reaching the network (Chromium
  // dropped it now and then, README "Offline and shared tablets"). While the page is open it
  // holds the Web Lock LOCK + registration; a later page of this learner takes over every box
  // whose lock is free (its page is gone). The LRS stores a resent statement (same id, same
  // content) once.
  var BYE = 'stepwise-bye:' + home + '|' + login + '|', LOCK = 'stepwise-page:', bye = [], byes = [], left = false;
  var status, bar, T = P.dataset;

  function uuid() {
    var b = crypto.getRandomValues(new Uint8Array(16)), h = '';
    b[6] = (b[6] & 15) | 64;
    b[8] = (b[8] & 63) | 128;
    for (var i = 0; i < 16; i++) h += (i === 4 || i === 6 || i === 8 || i === 10 ? '-' : '') + (b[i] + 256).toString(16).slice(1);
    return h;
  }
  var registration = uuid();
  if (navigator.locks) navigator.locks.request(LOCK + registration, function () { return new Promise(function () {}); });

  function bytes(b64) {
    return Uint8Array.from(atob(b64.replace(/-/g, '+').replace(/_/g, '/')), function (c) { return c.charCodeAt(0); });
  }
  function b64(buf) {
    var s = '', b = new Uint8Array(buf);
    for (var i = 0; i < b.length; i += 8192) s += String.fromCharCode.apply(null, b.subarray(i, i + 8192));
    return btoa(s);
  }
  function text(s) { return new TextEncoder().encode(s); }
  // What this learner left on the device under name (null when nothing, or it cannot be read).
  function kept(name) {
    var box;
    try { box = JSON.parse(localStorage.getItem(name)); } catch (e) { box = null; }
    if (!box || !key) return Promise.resolve(null);
    return crypto.subtle.decrypt({ name: 'AES-GCM', iv: bytes(box.iv), additionalData: text(name) }, key, bytes(box.data))
      .then(function (plain) { return JSON.parse(new TextDecoder().decode(plain)); }, function () { return null; });
  }
  function write(name, value) {
    if (value === null) return localStorage.removeItem(name);
    var iv = crypto.getRandomValues(new Uint8Array(12));
    return crypto.subtle.encrypt({ name: 'AES-GCM', iv: iv, additionalData: text(name) }, key,
      text(JSON.stringify(value))).then(function (data) {
      // A box for leaving is not renewed once the page has left with the one before.
      if (!left || name !== BYE + registration) localStorage.setItem(name, JSON.stringify({ iv: b64(iv), data: b64(data) }));
    });
  }
  // Changes of the device's storage one after another. Without the key (not fetched yet, or no
  // WebCrypto on a plain-HTTP address) nothing is written.
  function change(job) {
    chain = chain.then(function () { if (key) return job(); })
      .catch(function () { /* storage full or off: the statements still go out while online */ });
    return chain;
  }
  // Keeps value under name for this learner only, encrypted (null removes it): resume.js.
  function keep(name, value) {
    return change(function () { return write(name, value); });
  }
  // Merges what another tab of this learner left, then writes the queue back, encrypted.
  function save() {
    return change(function () {
      return kept(KEY).then(function (stored) {
        add(stored || []);
        return write(KEY, q.length ? q : null);
      });
    });
  }
  function add(list) {
    list.forEach(function (s) { if (!gone[s.id] && !q.some(function (x) { return x.id === s.id; })) q.push(s); });
  }
  // The statements leaving would send now, made anew.
  function farewell() {
    var list = [statement(ADL + 'terminated')];
    byes.forEach(function (f) { list = list.concat(f()); });
    return list;
  }
  // Keeps farewell() under BYE + registration; bye is the list that is on the device. Without
  // Web Locks no later page could tell when to take it over: then the keepalive alone sends it.
  function ahead() {
    var list = farewell();
    if (!left && navigator.locks) change(function () { return write(BYE + registration, list).then(function () { bye = list; }); });
  }
  // Takes over what pages of this learner that are gone left for leaving.
  function adopt() {
    if (!key || !navigator.locks) return;
    Object.keys(localStorage).forEach(function (name) {
      var reg = name.slice(BYE.length);
      if (name.indexOf(BYE) || reg === registration) return;
      navigator.locks.request(LOCK + reg, { ifAvailable: true }, function (lock) {
        return lock && kept(name).then(function (list) {
          if (!list) return;
          add(list);
          return save().then(function () { localStorage.removeItem(name); send(); });
        });
      });
    });
  }
  // Settles when the key is there, or cannot be had now.
  function unlock() {
    if (key || !window.crypto || !crypto.subtle) return Promise.resolve();
    return fetch('/player/key', { credentials: 'same-origin', headers: { 'X-CSRF-Token': csrf } })
      .then(function (res) { return res.ok ? res.json() : Promise.reject(res.status); })
      .then(function (j) { return crypto.subtle.importKey('raw', bytes(j.key), 'AES-GCM', false, ['encrypt', 'decrypt']); })
      .then(function (k) { key = k; return save(); })
      .then(function () { ahead(); adopt(); send(); }, function () { /* offline: tried again when back online */ });
  }

  function show(text) {
    if (!status) {
      status = document.createElement('p');
      status.className = 'save-status';
      status.setAttribute('role', 'status');
      P.appendChild(status);
    }
    if (status.textContent !== text) status.textContent = text;
  }
  function showState() {
    if (q.length) show(navigator.onLine && !stalled ? T.saving : T.waiting);
    else if (status) show(T.saved);
  }
  // How much of the lesson was read, at the top of the screen while reading.
  function showRead(pct) {
    if (!bar) {
      var label = document.createElement('label');
      bar = document.createElement('progress');
      bar.id = 'read-so-far';
      bar.max = 100;
      label.htmlFor = bar.id;
      label.textContent = T.read;
      P.prepend(label, bar);
      P.hidden = false;
    }
    bar.value = pct;
    bar.textContent = pct + ' %';
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
    q.push(s);
    save();
    ahead();
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
      batch.forEach(function (s) { gone[s.id] = true; });
      q = q.filter(function (s) { return !gone[s.id]; });
      save();
      if (!res.ok) res.text().then(function (t) { console.warn('stepwise: statement refused: ' + t); });
      return true;
    }, function () { return 'later'; });
  }

  // One request at a time, the oldest few statements first, until the queue is empty.
  function send() {
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
    for (var i = 0; i < q.length && navigator.onLine; i += BATCH) post(q.slice(i, i + BATCH), true);
  }

  window.addEventListener('online', function () { unlock(); send(); });
  window.addEventListener('offline', showState);

  showRead(0);
  record(statement(ADL + 'initialized'));
  var leaving = [];
  // For media.js and resume.js: the same queue, statements, storage and leaving (README,
  // "Statements of the lesson player").
  window.stepwise = { record: record, statement: statement, uuid: uuid, iri: iri, P: P, body: body,
    home: home, login: login, csrf: csrf, level: level, leaving: leaving, byes: byes, ready: unlock(), keep: keep,
    kept: kept, mediaPath: function (el) {
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
          showRead(100);
          record(statement(ADL + 'completed', { completion: true, extensions: progress(100) }));
        }
        return;
      }
      var i = Array.prototype.indexOf.call(sections, e.target) + 1;
      seen.unobserve(e.target);
      if (i <= reached) return;
      reached = i;
      showRead(Math.round(100 * i / (sections.length + 1)));
      record(statement(ADL + 'progressed', { extensions: progress(Math.round(100 * i / (sections.length + 1))) }));
    });
  });
  function progress(pct) {
    return { 'https://w3id.org/xapi/cmi5/result/extensions/progress': pct };
  }
  sections.forEach(function (h) { seen.observe(h); });
  seen.observe(end);

  // Leaving: the statements kept for it join the queue, and everything queued goes out.
  function leave() {
    if (!left) {
      leaving.forEach(function (f) { f(); });
      add(bye.length ? bye : farewell());
    }
    left = true;
    save();
  }
  window.addEventListener('pagehide', function () { leave(); flush(); });
  window.addEventListener('pageshow', function (e) { if (e.persisted) { left = false; ahead(); } });
  setInterval(function () { ahead(); adopt(); }, 5000);
  document.addEventListener('visibilitychange', function () {
    if (document.visibilityState === 'hidden') flush();
  });

  // "Log out / switch user": first send this learner's statements with their session; what
  // cannot be sent stays in their own queue until they sign in again.
  var out = document.querySelector('form.viewer');
  if (out) out.addEventListener('submit', function (e) {
    leave();
    if (!q.length || !navigator.onLine) return;
    e.preventDefault();
    var submitted = false, go = function () { if (!submitted) out.submit(); submitted = true; };
    send();
    var t = setInterval(function () { if (!q.length || !sending) { clearInterval(t); chain.then(go); } }, 100);
    setTimeout(go, 3000);
  });
})();

