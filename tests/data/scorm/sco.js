// sco.js: the script of the test SCOs (play12, play2004-multi; tests/lib/scorm.mjs adds it to
// their zips). It finds the runtime API the way SCORM content does (its own window, then the
// parents), initializes, shows what the LMS gave it (entry, location, suspend data, total time)
// and has buttons the browser tests press: answer, bookmark, note, commit, finish,
// continue.
(function () {
  'use strict';
  var v2004 = document.documentElement.getAttribute('data-scorm') === '2004';
  function find(w) {
    for (var i = 0; w && i < 10; i++) {
      if (v2004 ? w.API_1484_11 : w.API) return v2004 ? w.API_1484_11 : w.API;
      if (w.parent === w) break;
      w = w.parent;
    }
    return null;
  }
  var api = find(window);
  var E = v2004
    ? { entry: 'cmi.entry', location: 'cmi.location', total: 'cmi.total_time', exit: 'cmi.exit',
        learner: 'cmi.learner_id', response: 'learner_response' }
    : { entry: 'cmi.core.entry', location: 'cmi.core.lesson_location', total: 'cmi.core.total_time',
        exit: 'cmi.core.exit', learner: 'cmi.core.student_id', response: 'student_response' };
  function get(k) { return v2004 ? api.GetValue(k) : api.LMSGetValue(k); }
  function set(k, v) {
    var ok = v2004 ? api.SetValue(k, v) : api.LMSSetValue(k, v);
    if (ok !== 'true') document.getElementById('error').textContent = k + ': ' + ok;
  }
  function out(id, text) { document.getElementById(id).textContent = text; }
  function on(id, f) { var b = document.getElementById(id); if (b) b.addEventListener('click', f); }
  if (!api) { out('state', 'no API'); return; }
  (v2004 ? api.Initialize('') : api.LMSInitialize(''));
  out('entry', get(E.entry));
  out('location', get(E.location));
  out('suspend', get('cmi.suspend_data'));
  out('total', get(E.total));
  out('learner', get(E.learner));
  set(E.exit, 'suspend');
  out('state', 'running');
  on('bookmark', function () {
    set(E.location, 'page-3');
    set('cmi.suspend_data', 'answered=1;page=3');
    out('state', 'bookmarked');
  });
  on('note', function () {
    set(v2004 ? 'cmi.comments_from_learner.0.comment' : 'cmi.comments', 'left mid-way');
    out('state', 'noted');
  });
  on('answer', function () {
    set('cmi.interactions.0.id', 'forks-lowered');
    set('cmi.interactions.0.type', 'choice');
    set('cmi.interactions.0.correct_responses.0.pattern', 'b');
    set('cmi.interactions.0.' + E.response, 'b');
    set('cmi.interactions.0.result', 'correct');
    set('cmi.interactions.0.latency', v2004 ? 'PT12S' : '0000:00:12');
    set(v2004 ? 'cmi.score.raw' : 'cmi.core.score.raw', '80');
    if (v2004) set('cmi.score.scaled', '0.8');
    out('state', 'answered');
  });
  on('commit', function () {
    (v2004 ? api.Commit('') : api.LMSCommit(''));
    out('state', 'committed');
  });
  function finish(nav) {
    if (v2004) {
      set('cmi.completion_status', 'completed');
      set('cmi.success_status', 'passed');
      set('cmi.exit', 'normal');
      if (nav) set('adl.nav.request', nav);
      api.Terminate('');
    } else {
      set('cmi.core.lesson_status', 'passed');
      set('cmi.core.exit', '');
      api.LMSFinish('');
    }
    out('state', 'finished');
  }
  on('finish', function () { finish(null); });
  on('continue', function () { finish('continue'); });
})();
