// sco.js: the runtime of a module exported as a SCORM package (content/scorm_export.c). It finds
// the host LMS's API (SCORM 1.2: window.API, 2004: window.API_1484_11) in the parent windows and
// the opener as the SCORM API discovery algorithm says, shows the chosen level (each is a
// <template>), scores the level's check against the answers in the #sco-data block (as
// content/quiz.c does on the server) and reports completion, score and passed/failed. Nothing is
// sent anywhere but to that API; every text comes from the page, in the module's language.
'use strict';

(function () {
  var data = JSON.parse(document.getElementById('sco-data').textContent);
  var T = data.texts, v2004 = document.documentElement.getAttribute('data-scorm') === '2004';
  var slot = document.getElementById('sco-level'), result = document.getElementById('sco-result');
  var status = document.getElementById('sco-status');
  var level = +slot.getAttribute('data-lowest'), started = Date.now();
  var passed = false, completed = false, finished = false;

  // 1.2 and 2004 differ in names only, as far as this page goes.
  var CALL = v2004
    ? { init: 'Initialize', finish: 'Terminate', get: 'GetValue', set: 'SetValue', commit: 'Commit' }
    : { init: 'LMSInitialize', finish: 'LMSFinish', get: 'LMSGetValue', set: 'LMSSetValue', commit: 'LMSCommit' };
  var CMI = v2004
    ? { location: 'cmi.location', exit: 'cmi.exit', time: 'cmi.session_time' }
    : { location: 'cmi.core.lesson_location', exit: 'cmi.core.exit', time: 'cmi.core.session_time' };

  function fmt(s, args) {
    var next = 0;
    return s.replace(/%(?:(\d)\$)?d/g, function (m, n) { return String(args[n ? n - 1 : next++]); });
  }

  function say(text) {
    status.textContent = text;
    status.hidden = false;
  }

  // The API in win or one of its parents (at most 500 steps); frames of another origin are
  // passed over.
  function scan(win, name) {
    for (var tries = 0; win && tries < 500; tries++) {
      try {
        if (win[name]) return win[name];
      } catch (e) { /* another origin */ }
      if (!win.parent || win.parent === win) break;
      win = win.parent;
    }
    return null;
  }

  var name = v2004 ? 'API_1484_11' : 'API';
  var api = scan(window, name) || (window.opener && scan(window.opener, name)) ||
    (window.top && window.top.opener && scan(window.top.opener, name)) || null;

  function call(fn, a, b) {
    if (!api) return '';
    try {
      return String(a === undefined ? api[CALL[fn]]('') : b === undefined ? api[CALL[fn]](a) : api[CALL[fn]](a, b));
    } catch (e) {
      return '';
    }
  }
  function get(key) { return call('get', key); }
  function set(key, value) { return call('set', key, String(value)) === 'true'; }

  if (api && call('init') !== 'true') api = null;
  if (!api) say(T.noLms);

  if (api) {
    if (v2004) {
      var cs = get('cmi.completion_status');
      completed = cs === 'completed';
      passed = get('cmi.success_status') === 'passed';
      if (!completed) set('cmi.completion_status', 'incomplete');
    } else {
      var ls = get('cmi.core.lesson_status');
      completed = ls === 'completed' || ls === 'passed' || ls === 'failed';
      passed = ls === 'passed';
      if (ls === 'not attempted' || ls === '') set('cmi.core.lesson_status', 'incomplete');
    }
    var where = +get(CMI.location);
    if (data.levels[where]) level = where;
  }

  function commit() {
    var ok = call('commit') === 'true';
    if (api) say(ok ? T.saved : T.notSaved);
    return ok;
  }

  // A level without questions is done when it is read.
  function markCompleted() {
    if (!api || completed) return;
    completed = true;
    if (v2004) set('cmi.completion_status', 'completed');
    else set('cmi.core.lesson_status', 'completed');
    call('commit');
  }

  function show(l) {
    level = l;
    var links = document.querySelectorAll('.levels a[data-level]');
    for (var i = 0; i < links.length; i++) {
      if (+links[i].getAttribute('data-level') === l) links[i].setAttribute('aria-current', 'page');
      else links[i].removeAttribute('aria-current');
    }
    slot.textContent = '';
    slot.appendChild(document.getElementById('sco-level-' + l).content.cloneNode(true));
    result.hidden = true;
    result.textContent = '';
    var form = document.getElementById('check');
    if (form) form.addEventListener('submit', check);
    else markCompleted();
    if (api) set(CMI.location, l);
  }

  document.addEventListener('click', function (e) {
    var a = e.target.closest && e.target.closest('.levels a[data-level]');
    if (!a) return;
    e.preventDefault();
    show(+a.getAttribute('data-level'));
    document.querySelector('h1').scrollIntoView();
  });

  // What the learner gave: the option numbers chosen, or the text typed.
  function answerOf(q) {
    var inputs = document.querySelectorAll('[name="q-' + q.id + '"]'), chosen = [], text = '';
    for (var i = 0; i < inputs.length; i++) {
      if (inputs[i].type === 'text') text = inputs[i].value;
      else if (inputs[i].checked) chosen.push(+inputs[i].value);
    }
    return { chosen: chosen, text: text };
  }

  function words(s) {
    return s.replace(/[ \t\r\n]+/g, ' ').replace(/^ | $/g, '').replace(/[A-Z]/g, function (c) { return c.toLowerCase(); });
  }

  function answered(q, a) {
    return q.type === 'fill-in' ? words(a.text) !== '' : a.chosen.length > 0;
  }

  function isRight(q, a) {
    if (!answered(q, a)) return false;
    if (q.type === 'fill-in') {
      return q.answers.some(function (s) { return words(s) === words(a.text); });
    }
    return q.options.every(function (o, i) { return o.correct === (a.chosen.indexOf(i + 1) >= 0); });
  }

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }

  function verdict(right, text) {
    var span = el('span', 'verdict ' + (right ? 'right' : 'wrong')), mark = el('span', '', right ? '\u2713' : '\u2715');
    mark.setAttribute('aria-hidden', 'true');
    span.appendChild(mark);
    span.appendChild(document.createTextNode(' ' + text));
    return span;
  }

  // The feedback on one answer, in the markup of content/question_html.c.
  function feedback(q, a, n) {
    var right = isRight(q, a), sec = el('section', 'question-result ' + (right ? 'right' : 'wrong'));
    var h = el('h2');
    h.id = 'r-' + q.id + '-h';
    sec.setAttribute('aria-labelledby', h.id);
    h.appendChild(el('span', 'number', fmt(T.question, [n])));
    h.appendChild(document.createTextNode(' ' + q.prompt));
    sec.appendChild(h);
    if (!answered(q, a)) {
      sec.appendChild(el('p', 'your-answer', T.noAnswer));
    } else {
      var given = q.type === 'fill-in' ? a.text
        : a.chosen.map(function (i) { return q.options[i - 1].text; }).join('; ');
      sec.appendChild(el('p', 'your-answer', T.yourAnswer + ' ' + given));
    }
    var p = el('p');
    p.appendChild(verdict(right, right ? T.right : T.wrong));
    sec.appendChild(p);
    var notes = [];
    if (q.type === 'single' || q.type === 'multiple') {
      a.chosen.forEach(function (i) { notes.push(q.options[i - 1].feedback); });
    } else if (answered(q, a)) {
      notes.push(right ? q.right : q.wrong);
    }
    notes.forEach(function (t) { if (t) sec.appendChild(el('p', 'feedback', t)); });
    if (!right && q.hint) sec.appendChild(el('p', 'hint', T.hint + ' ' + q.hint));
    return sec;
  }

  // One interaction per question (cmi.interactions, appended after those of earlier tries): the
  // learner's response and the correct one in the version's format, and whether it was right.
  function responses(q, chosen) {
    // True/false: option 1 is "True".
    if (q.type === 'true-false') return chosen[0] === 1 ? (v2004 ? 'true' : 't') : (v2004 ? 'false' : 'f');
    // Option i is "a", "b", ...: SCORM 1.2 allows one character per choice.
    return chosen.map(function (i) { return v2004 ? 'o' + i : String.fromCharCode(96 + i); })
      .join(v2004 ? '[,]' : ',');
  }

  function interaction(n, q, a, right) {
    var p = 'cmi.interactions.' + n + '.', correct = [];
    q.options.forEach(function (o, i) { if (o.correct) correct.push(i + 1); });
    set(p + 'id', q.id);
    set(p + 'type', q.type === 'single' || q.type === 'multiple' ? 'choice' : q.type);
    if (v2004) set(p + 'description', q.prompt.slice(0, 250));
    set(p + 'correct_responses.0.pattern', q.type === 'fill-in' ? q.answers[0].slice(0, 250) : responses(q, correct));
    if (answered(q, a)) {
      set(p + (v2004 ? 'learner_response' : 'student_response'),
        q.type === 'fill-in' ? a.text.slice(0, 250) : responses(q, a.chosen));
    }
    set(p + 'result', right ? 'correct' : (v2004 ? 'incorrect' : 'wrong'));
  }

  function report(right, total, ok) {
    if (!api) return;
    var scaled = total ? right / total : 1;
    // A pass stays: a later try that does not pass is shown, not reported over it.
    if (passed && !ok) return;
    passed = ok;
    completed = true;
    if (v2004) {
      set('cmi.score.scaled', Math.round(scaled * 10000) / 10000);
      set('cmi.score.raw', right);
      set('cmi.score.min', 0);
      set('cmi.score.max', total);
      set('cmi.progress_measure', 1);
      set('cmi.success_status', ok ? 'passed' : 'failed');
      set('cmi.completion_status', 'completed');
    } else {
      set('cmi.core.score.raw', Math.round(scaled * 10000) / 100);
      set('cmi.core.score.min', 0);
      set('cmi.core.score.max', 100);
      set('cmi.core.lesson_status', ok ? 'passed' : 'failed');
    }
    commit();
  }

  function check(e) {
    e.preventDefault();
    var L = data.levels[level], right = 0, sections = [], n = +get('cmi.interactions._count') || 0;
    L.questions.forEach(function (q, i) {
      var a = answerOf(q);
      if (isRight(q, a)) right++;
      if (api) interaction(n + i, q, a, isRight(q, a));
      sections.push(feedback(q, a, i + 1));
    });
    var total = L.questions.length, ok = right >= L.needed;
    result.textContent = '';
    var h = el('h2', '', T.result);
    h.id = 'sco-result-h';
    h.tabIndex = -1;
    result.appendChild(h);
    var score = el('div', 'check-score ' + (ok ? 'passed' : 'failed'));
    var v = el('p', 'verdict'), mark = el('span', '', ok ? '\u2713' : '\u2715');
    mark.setAttribute('aria-hidden', 'true');
    v.appendChild(mark);
    v.appendChild(document.createTextNode(' ' + (ok ? T.passed : T.failed)));
    score.appendChild(v);
    score.appendChild(el('p', '', fmt(T.got, [right, total]) + (ok ? '' : ' ' + fmt(T.need, [L.needed]))));
    result.appendChild(score);
    sections.forEach(function (s) { result.appendChild(s); });
    var again = el('button', 'secondary', T.retry);
    again.type = 'button';
    again.addEventListener('click', function () {
      show(level);
      document.querySelector('#sco-level fieldset, #sco-level input').scrollIntoView();
    });
    var actions = el('p', 'actions');
    actions.appendChild(again);
    result.appendChild(actions);
    result.hidden = false;
    report(right, total, ok);
    h.focus();
  }

  // Leaving the page ends the session: "suspend" keeps the place for next time until the lesson
  // is done.
  function finish() {
    if (!api || finished) return;
    finished = true;
    var s = Math.round((Date.now() - started) / 1000);
    var hh = Math.floor(s / 3600), mm = Math.floor(s / 60) % 60, ss = s % 60;
    if (v2004) set(CMI.time, 'PT' + hh + 'H' + mm + 'M' + ss + 'S');
    else set(CMI.time, (hh < 10 ? '000' : hh < 100 ? '00' : hh < 1000 ? '0' : '') + hh + ':' +
      (mm < 10 ? '0' : '') + mm + ':' + (ss < 10 ? '0' : '') + ss);
    set(CMI.exit, completed ? (v2004 ? 'normal' : '') : 'suspend');
    call('commit');
    call('finish');
  }
  window.addEventListener('pagehide', finish);
  window.addEventListener('beforeunload', finish);

  show(level);
}());
