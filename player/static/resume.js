// resume.js: where the learner stopped (section, media positions, the check's answers so far),
// kept in the LRS's State resource so that another device finds it, and the offer to continue
// there (README, "Resume"). Until the LRS has it, the newest copy waits on this device,
// encrypted for this learner like lesson.js's queue (window.stepwise).
'use strict';
(function () {
  var S = window.stepwise;
  if (!S) return;
  var P = S.P, d = P.dataset, level = String(S.level), now = { s: 0, m: {}, a: {} }, timer, pending;
  var url = '/xapi/activities/state?stateId=resume&activityId=' + encodeURIComponent(S.iri) + '&agent=' +
    encodeURIComponent(JSON.stringify({ objectType: 'Agent', account: { homePage: S.home, name: S.login } }));
  var KEY = 'stepwise-resume:' + S.home + '|' + S.login + '|' + S.iri + '|' + level;
  var heads = S.body.querySelectorAll('h2'), media = S.body.querySelectorAll('video, audio');
  var inputs = document.querySelectorAll('input[form=check]');
  var H = { 'X-Experience-API-Version': '1.0.3', 'Content-Type': 'application/json', 'X-CSRF-Token': S.csrf };

  function el(tag, text) { var e = document.createElement(tag); e.textContent = text; return e; }

  // The newest copy waits on this device until the LRS has it.
  function save(keepalive) {
    clearTimeout(timer);
    timer = 0;
    now.t = new Date().toISOString();
    var doc = {}, text = JSON.stringify(now);
    doc[level] = JSON.parse(text);
    pending = text;
    S.keep(KEY, doc[level]);
    fetch(url, { method: 'POST', credentials: 'same-origin', keepalive: keepalive, headers: H, body: JSON.stringify(doc) })
      .then(function (r) { if (r.ok && pending === text) { pending = null; S.keep(KEY, null); } }, function () {});
  }
  function later() { clearTimeout(timer); timer = setTimeout(save, 2000); }

  function offer() {
    var box = el('section', ''), head = heads[now.s - 1], times = [];
    media.forEach(function (m) {
      var t = Math.floor(now.m[S.mediaPath(m)]);
      if (t > 3) times.push(Math.floor(t / 60) + ':' + ('0' + t % 60).slice(-2));
    });
    if (!head && !times.length) return;
    box.className = 'resume';
    box.setAttribute('aria-labelledby', 'resume-title');
    box.appendChild(el('h2', d.tResume)).id = 'resume-title';
    if (head) box.appendChild(el('p', d.tSection.replace('{section}', head.textContent)));
    if (times.length) box.appendChild(el('p', d.tMedia.replace('{time}', times.join(', '))));
    function button(text, go) {
      var b = box.appendChild(el('button', text));
      b.type = 'button';
      b.onclick = function () {
        var to = go();
        box.remove();
        to.tabIndex = -1;
        to.focus();
        to.scrollIntoView();
      };
      return b;
    }
    var saved = now.m;
    button(d.tContinue, function () {
      media.forEach(function (m) { if (saved[S.mediaPath(m)] > 3) m.currentTime = saved[S.mediaPath(m)]; });
      return head || media[0];
    });
    button(d.tTop, function () { return document.querySelector('h1'); }).className = 'secondary';
    P.after(box);
  }

  function start(doc, here) {
    var mine = doc[level], filled = false;
    if (here && (!mine || here.t > mine.t)) mine = here;
    if (mine) now = { s: mine.s || 0, m: mine.m || {}, a: mine.a || {} };
    inputs.forEach(function (i) {
      var v = now.a[i.name];
      if (v === undefined) return;
      if (i.type === 'radio' || i.type === 'checkbox') i.checked = [].concat(v).indexOf(i.value) >= 0;
      else i.value = v;
      filled = true;
    });
    if (filled) document.getElementById('check').prepend(el('p', d.tAnswers));
    offer();
    if (here) save();
    addEventListener('scroll', function () {
      var s = 0;
      heads.forEach(function (h, i) { if (h.getBoundingClientRect().top < innerHeight / 3) s = i + 1; });
      if (s !== now.s) { now.s = s; later(); }
    }, { passive: true });
    media.forEach(function (m) {
      var last = 0;
      function note() { now.m[S.mediaPath(m)] = Math.round(m.currentTime); later(); }
      m.addEventListener('timeupdate', function () { if (Math.abs(m.currentTime - last) >= 5) { last = m.currentTime; note(); } });
      m.addEventListener('pause', note);
      m.addEventListener('seeked', note);
    });
    inputs.forEach(function (i) {
      i.addEventListener('change', function () {
        var v = [].filter.call(inputs, function (o) { return o.name === i.name && o.checked; }).map(function (o) { return o.value; });
        now.a[i.name] = i.type === 'radio' ? v[0] : i.type === 'checkbox' ? v : i.value;
        later();
      });
    });
    S.leaving.push(function () { if (timer) save(true); });
    addEventListener('online', function () { if (pending) save(); });
  }

  var lrs = fetch(url, { credentials: 'same-origin', headers: { 'X-Experience-API-Version': '1.0.3' } })
    .then(function (r) { return r.ok ? r.json() : {}; }).catch(function () { return {}; });
  Promise.all([lrs, S.ready.then(function () { return S.kept(KEY); })]).then(function (got) { start(got[0], got[1]); });
})();
