// scorm-player.js: the SCORM runtime of the player page /play/ID (README, "Playing SCORM
// packages"). scorm-again (Scorm12API or Scorm2004API) holds the runtime data model with its
// checks and error codes; CrossFrameLMS answers the sandboxed SCO frame's calls with it
// (scorm-frame.js is the other side). Each commit sends only what changed since the last one,
// with an id of its own, to POST /scorm/ID/commit; commits wait in localStorage until the server
// has them, go out again after a failure or on the next visit, and leave with fetch keepalive
// when the page is hidden or closed. For SCORM 2004 scorm-again's sequencing runs choice and
// flow navigation (the table of contents, Previous and Next, adl.nav.request) and rollup.
(function () {
  'use strict';
  var block = document.getElementById('scorm-data');
  if (!block) return;
  var D = JSON.parse(block.textContent), T = D.texts, v12 = D.scorm === '1.2';
  var frame = document.getElementById('scorm-frame'), status = document.getElementById('scorm-status');
  var KEY = 'stepwise-scorm:' + location.host + '|' + D.login + '|' + D.package;
  var EL = v12
    ? { session: 'cmi.core.session_time', status: 'cmi.core.lesson_status', entry: 'cmi.core.entry' }
    : { session: 'cmi.session_time', status: 'cmi.completion_status', success: 'cmi.success_status', entry: 'cmi.entry' };
  // What the LMS sets: never sent back (the server refuses a SCO's write to them).
  var READ_ONLY = v12
    ? /^cmi\.(core\.(student_id|student_name|credit|entry|total_time|lesson_mode)|launch_data|student_data\.|comments_from_lms)/
    : /^cmi\.(learner_id|learner_name|credit|entry|total_time|mode|launch_data|completion_threshold|scaled_passing_score|max_time_allowed|time_limit_action|comments_from_lms)/;
  var Api = v12 ? window.Scorm12API : window.Scorm2004API;
  var api = null, current = null, baseline = {}, initialSession = '', started = null, startedAt = 0;
  var running = false, sending = false, retryTimer = null, refused = false, setBySco = {};

  function uuid() {
    var b = crypto.getRandomValues(new Uint8Array(16)), h = '';
    b[6] = (b[6] & 15) | 64;
    b[8] = (b[8] & 63) | 128;
    for (var i = 0; i < 16; i++) h += (i === 4 || i === 6 || i === 8 || i === 10 ? '-' : '') + (b[i] + 256).toString(16).slice(1);
    return h;
  }
  function load() {
    try { return JSON.parse(localStorage.getItem(KEY)) || []; } catch (e) { return []; }
  }
  function save(q) {
    try {
      if (q.length) localStorage.setItem(KEY, JSON.stringify(q)); else localStorage.removeItem(KEY);
    } catch (e) { /* storage full or off: commits still go out while online */ }
  }
  function show() {
    var text = refused ? T.refused : load().length ? (navigator.onLine ? T.pending : T.offline) : T.saved;
    if (status.textContent !== text) status.textContent = text;
  }

  function scoById(id) {
    for (var i = 0; i < D.scos.length; i++) if (D.scos[i].id === id) return D.scos[i];
    return null;
  }
  function stateOf(values) {
    var s = values[EL.success || EL.status], c = values[EL.status];
    if (s === 'passed') return 'passed';
    if (c === 'completed' || c === 'passed') return 'completed';
    if (s === 'failed') return 'failed';
    return Object.keys(values).length ? 'in-progress' : 'not-started';
  }
  function showState(sco) {
    var span = document.querySelector('[data-state-of="' + CSS.escape(sco.id) + '"]');
    if (!span) return;
    span.className = 'state ' + sco.state;
    span.textContent = T[sco.state];
  }

  // A SCORM time (HHHH:MM:SS.SS or an ISO 8601 duration) in centiseconds, and back.
  function centiseconds(text) {
    var m = v12 ? /^(\d+):(\d\d):(\d\d(?:\.\d+)?)$/.exec(text || '')
      : /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/.exec(text || '');
    if (!m) return 0;
    return v12 ? Math.round(((+m[1] * 60 + +m[2]) * 60 + +m[3]) * 100)
      : Math.round((((+(m[1] || 0) * 24 + +(m[2] || 0)) * 60 + +(m[3] || 0)) * 60 + +(m[4] || 0)) * 100);
  }
  function sessionTime(ms) {
    var cs = Math.round(ms / 10), s = Math.floor(cs / 100);
    if (!v12) return 'PT' + Math.floor(s / 3600) + 'H' + Math.floor(s / 60) % 60 + 'M' + (s % 60) + '.' + String(cs % 100).padStart(2, '0') + 'S';
    function two(n) { return String(n).padStart(2, '0'); }
    return String(Math.floor(s / 3600)).padStart(4, '0') + ':' + two(Math.floor(s / 60) % 60) + ':' + two(s % 60) + '.' + two(cs % 100);
  }

  // The elements that differ from what the server has (baseline); new empty ones are defaults.
  // A value the SCO set that the server does not have goes too, even when it equals the
  // runtime's own default (scorm-again starts 1.2's cmi.core.score.max at "100").
  function changes(flat) {
    var out = {};
    Object.keys(flat).forEach(function (k) {
      var v = flat[k];
      if ((typeof v !== 'string' && typeof v !== 'number') || READ_ONLY.test(k)) return;
      v = String(v);
      var same = k in baseline ? baseline[k] === v : v === '';
      if (same && !(setBySco[k] && v !== '' && current.values[k] !== v)) return;
      out[k] = v;
    });
    setBySco = {};
    return out;
  }

  // Queues what changed as a commit (final: the SCO's session ends) and sends it, unless the
  // page is leaving (the caller then sends the queue with keepalive).
  function commit(final, leaving) {
    if (!api || !current || !running) return;
    var flat = api.getFlattenedCMI(), values = changes(flat);
    if (final) {
      running = false;
      // The session's time: the SCO's own, else the time the frame was open.
      values[EL.session] = flat[EL.session] !== initialSession ? String(flat[EL.session]) : sessionTime(Date.now() - startedAt);
    }
    Object.keys(values).forEach(function (k) { baseline[k] = values[k]; current.values[k] = values[k]; });
    if (final) {
      // What the server makes of the session for the SCO's next launch in this page.
      var exit = current.values[v12 ? 'cmi.core.exit' : 'cmi.exit'], total = v12 ? 'cmi.core.total_time' : 'cmi.total_time';
      current.values[EL.entry] = exit === 'suspend' ? 'resume' : '';
      current.values[total] = sessionTime(10 * (centiseconds(current.values[total]) + centiseconds(values[EL.session])));
    }
    if (!final && !started && !Object.keys(values).length) return;
    var q = load();
    q.push({ commit: uuid(), attempt: D.attempt, sco: current.id, started: started, final: !!final, values: values });
    started = null;
    save(q);
    current.state = stateOf(current.values);
    showState(current);
    if (!leaving) flush();
  }

  function send(c, keepalive) {
    return fetch(D.commit, {
      method: 'POST', credentials: 'same-origin', keepalive: !!keepalive,
      headers: { 'content-type': 'application/json', 'x-csrf-token': D.csrf },
      body: JSON.stringify(c),
    });
  }
  function drop(id) { save(load().filter(function (c) { return c.commit !== id; })); }
  function retryLater() {
    if (!retryTimer) retryTimer = setTimeout(function () { retryTimer = null; flush(); }, 10000);
  }

  // Sends the queue in order; a refused commit (its data is not valid) is dropped with a notice,
  // anything else (offline, the server busy, signed out) stays for the next try.
  function flush(keepalive) {
    var q = load();
    if (keepalive) {
      q.forEach(function (c) { try { send(c, true); } catch (e) { /* over keepalive's 64 KB: next visit */ } });
      return Promise.resolve();
    }
    if (sending || !q.length) { show(); return Promise.resolve(); }
    sending = true;
    show();
    var c = q[0];
    return send(c).then(function (res) {
      sending = false;
      if (res.ok || (res.status >= 400 && res.status < 500 && [401, 408, 429].indexOf(res.status) < 0)) {
        if (!res.ok) {
          refused = true;
          res.text().then(function (t) { console.error('SCORM commit refused:', res.status, t); });
        }
        drop(c.commit);
        status.dataset.sent = String(+(status.dataset.sent || 0) + 1);   // commits the server has
        return flush();
      }
      retryLater();
      show();
    }, function () {
      sending = false;
      retryLater();
      show();
    });
  }

  // --- SCORM 2004 sequencing: the manifest's imsss:sequencing as scorm-again's settings ---
  function bool(o, k) { return o && o[k] !== undefined ? o[k] === 'true' : undefined; }
  function num(o, k) { return o && o[k] !== undefined ? Number(o[k]) : undefined; }
  function first(o, k) { return o && o[k] ? o[k][0] : undefined; }
  function clean(o) { Object.keys(o).forEach(function (k) { if (o[k] === undefined) delete o[k]; }); return o; }
  function rules(list) {
    return (list || []).map(function (r) {
      var conds = first(r, 'ruleConditions') || {};
      return clean({
        action: (first(r, 'ruleAction') || {}).action,
        conditionCombination: conds.conditionCombination,
        conditions: (conds.ruleCondition || []).map(function (c) {
          return clean({ condition: c.condition, operator: c.operator, referencedObjective: c.referencedObjective,
            parameters: c.measureThreshold !== undefined ? { threshold: Number(c.measureThreshold) } : undefined });
        }),
      });
    });
  }
  function objective(o, primary) {
    var min = first(o, 'minNormalizedMeasure');
    return clean({ objectiveID: o.objectiveID || '', isPrimary: primary, satisfiedByMeasure: bool(o, 'satisfiedByMeasure'),
      minNormalizedMeasure: min ? Number(min.value) : undefined,
      mapInfo: (o.mapInfo || []).map(function (m) {
        return clean({ targetObjectiveID: m.targetObjectiveID, readSatisfiedStatus: bool(m, 'readSatisfiedStatus'),
          readNormalizedMeasure: bool(m, 'readNormalizedMeasure'), writeSatisfiedStatus: bool(m, 'writeSatisfiedStatus'),
          writeNormalizedMeasure: bool(m, 'writeNormalizedMeasure') });
      }) });
  }
  // An item's imsss:sequencing, with what its IDRef names in the sequencing collection beneath
  // what the item sets itself.
  function sequencingOf(node) {
    var own = node.sequencing || {}, shared = D.collection && own.IDRef && D.collection[own.IDRef];
    return shared ? Object.assign({}, shared, own) : own;
  }
  function activity(node) {
    var seq = sequencingOf(node), cm = first(seq, 'controlMode'), rr = first(seq, 'rollupRules'),
      dc = first(seq, 'deliveryControls'), lc = first(seq, 'limitConditions'), sr = first(seq, 'sequencingRules'),
      ob = first(seq, 'objectives');
    var a = clean({ id: node.id, title: node.title, isVisible: node.isVisible,
      attemptLimit: num(lc, 'attemptLimit'), attemptAbsoluteDurationLimit: lc && lc.attemptAbsoluteDurationLimit,
      sequencingControls: clean({ choice: bool(cm, 'choice'), choiceExit: bool(cm, 'choiceExit'), flow: bool(cm, 'flow'),
        forwardOnly: bool(cm, 'forwardOnly'), useCurrentAttemptObjectiveInfo: bool(cm, 'useCurrentAttemptObjectiveInfo'),
        useCurrentAttemptProgressInfo: bool(cm, 'useCurrentAttemptProgressInfo'),
        rollupObjectiveSatisfied: bool(rr, 'rollupObjectiveSatisfied'), rollupProgressCompletion: bool(rr, 'rollupProgressCompletion'),
        objectiveMeasureWeight: num(rr, 'objectiveMeasureWeight') }),
      deliveryControls: dc ? clean({ tracked: bool(dc, 'tracked'), completionSetByContent: bool(dc, 'completionSetByContent'),
        objectiveSetByContent: bool(dc, 'objectiveSetByContent') }) : undefined,
      sequencingRules: sr ? { preConditionRules: rules(sr.preConditionRule), exitConditionRules: rules(sr.exitConditionRule),
        postConditionRules: rules(sr.postConditionRule) } : undefined,
      rollupRules: rr && rr.rollupRule ? { rules: rr.rollupRule.map(function (r) {
        var conds = first(r, 'rollupConditions') || {};
        return clean({ action: (first(r, 'rollupAction') || {}).action, consideration: r.childActivitySet,
          minimumCount: num(r, 'minimumCount'), minimumPercent: num(r, 'minimumPercent'),
          conditionCombination: conds.conditionCombination,
          conditions: (conds.rollupCondition || []).map(function (c) { return clean({ condition: c.condition, operator: c.operator }); }) });
      }) } : undefined,
      primaryObjective: ob && ob.primaryObjective ? objective(ob.primaryObjective[0], true) : undefined,
      objectives: ob && ob.objective ? ob.objective.map(function (o) { return objective(o, false); }) : undefined,
      children: node.children && node.children.length ? node.children.map(activity) : undefined });
    return a;
  }

  // --- delivery ---
  function seedOf() {
    var flat = api.getFlattenedCMI(), seed = Object.assign({}, current.values);
    Object.keys(flat).forEach(function (k) { if (typeof flat[k] !== 'object') seed[k] = flat[k]; });
    ['interactions', 'objectives'].forEach(function (c) {
      var n = 0;
      Object.keys(seed).forEach(function (k) {
        var m = new RegExp('^cmi\\.' + c + '\\.(\\d+)\\.').exec(k);
        if (m) n = Math.max(n, +m[1] + 1);
      });
      seed['cmi.' + c + '._count'] = String(n);
    });
    return seed;
  }

  function deliver(id) {
    var sco = scoById(id);
    if (!sco) return;
    if (running) commit(true);
    current = sco;
    api.reset(undefined, { preserveListeners: true });
    api.loadFromFlattenedJSON(sco.values);
    baseline = {};
    initialSession = '';
    // The SCO's data rides in the fragment (scorm-frame.js takes it), unless the launch has one.
    frame.src = D.files + sco.launch + (sco.launch.indexOf('#') < 0
      ? '#stepwise-seed=' + encodeURIComponent(JSON.stringify(seedOf())) : '');
    document.querySelectorAll('[data-sco]').forEach(function (b) {
      if (b.dataset.sco === id) b.setAttribute('aria-current', 'step'); else b.removeAttribute('aria-current');
    });
  }

  function onInitialize() {
    var flat = api.getFlattenedCMI();
    baseline = {};
    Object.keys(flat).forEach(function (k) { if (typeof flat[k] !== 'object') baseline[k] = String(flat[k]); });
    initialSession = baseline[EL.session];
    setBySco = {};
    started = baseline[EL.entry] || '';
    startedAt = Date.now();
    running = true;
    commit(false);
  }

  function order() { return D.scos.filter(function (s) { return s.visible; }); }
  function step(by) {
    var list = order(), i = list.indexOf(current) + by;
    if (i >= 0 && i < list.length) deliver(list[i].id);
  }

  // A navigation request from the page (table of contents, Previous, Next).
  function navigate(request, target) {
    if (!sequencing) {
      if (target) deliver(target); else step(request === 'continue' ? 1 : -1);
      return;
    }
    if (running) {
      // The SCO is still open: end it with the request, as adl.nav.request would.
      api.SetValue('adl.nav.request', target ? '{target=' + target + '}choice' : request);
      api.Terminate('');
      return;
    }
    api.processNavigationRequest(target ? 'choice' : request, target);
  }

  var sequencing = !v12 && D.tree && order().length > 1;
  var settings = { autocommit: false, lmsCommitUrl: false, logLevel: 5 };
  if (sequencing) {
    settings.sequencing = { activityTree: activity(D.tree), eventListeners: {
      onActivityDelivery: function (a) { deliver(a.id); },
      onSequencingError: function (e) { console.error('SCORM sequencing:', e); },
    } };
  }
  api = new Api(settings);
  // The SCO's origin is opaque ("null", which postMessage cannot address), so the bridge takes
  // any origin, and this listener, which runs first, lets only the SCO's frame (and frames
  // inside it) through.
  window.addEventListener('message', function (e) {
    for (var w = e.source; w; w = w === w.parent ? null : w.parent) if (w === frame.contentWindow) return;
    e.stopImmediatePropagation();
  }, true);
  new CrossFrameLMS(api, '*');
  api.on(v12 ? 'LMSInitialize' : 'Initialize', onInitialize);
  api.on(v12 ? 'LMSSetValue' : 'SetValue', function (element) { setBySco[element] = true; });
  api.on(v12 ? 'LMSCommit' : 'Commit', function () { commit(false); });
  api.on(v12 ? 'LMSFinish' : 'Terminate', function () { commit(true); });

  document.querySelectorAll('[data-sco]').forEach(function (b) {
    b.addEventListener('click', function () { navigate('choice', b.dataset.sco); });
  });
  var prev = document.getElementById('scorm-previous'), next = document.getElementById('scorm-next');
  if (prev) prev.addEventListener('click', function () { navigate('previous'); });
  if (next) next.addEventListener('click', function () { navigate('continue'); });

  // The page going away ends the SCO's session (its data goes out with keepalive); only
  // hidden (a phone locked, another tab), it sends what changed and goes on.
  addEventListener('pagehide', function () { commit(true, true); flush(true); });
  document.addEventListener('visibilitychange', function () {
    if (document.visibilityState === 'hidden') { commit(false, true); flush(true); }
  });
  addEventListener('online', function () { flush(); });

  function start() {
    var list = order(), open = list.filter(function (s) { return s.state !== 'completed' && s.state !== 'passed'; })[0];
    var target = open || list[0];
    if (!target) return;
    if (sequencing && !D.resumed && api.processNavigationRequest('start') && current) return;
    if (sequencing && api.processNavigationRequest('choice', target.id) && current) return;
    deliver(target.id);
  }

  // Commits left from an earlier visit go first: the page then shows what the server has.
  var left = load();
  if (left.length) {
    flush().then(function () {
      if (!load().length && left.some(function (c) { return c.attempt === D.attempt; })) location.reload();
      else start();
    });
  } else {
    show();
    start();
  }
})();
