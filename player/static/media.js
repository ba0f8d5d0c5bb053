// media.js: the xAPI Video Profile (https://w3id.org/xapi/video) for each video and podcast of a
// lesson, sent through lesson.js's encrypted queue (window.stepwise; README, "Statements of the
// lesson player").
'use strict';
(function () {
  var S = window.stepwise;
  if (!S) return;
  var V = 'https://w3id.org/xapi/video/', X = V + 'extensions/', ADL = 'http://adlnet.gov/expapi/verbs/';
  var need = +S.P.dataset.threshold || 1;
  function r3(x) { return Math.round(x * 1000) / 1000; }
  function one(k, v) { var e = {}; e[X + k] = r3(v); return e; }

  S.body.querySelectorAll('video, audio').forEach(function (el) {
    var video = el.tagName === 'VIDEO', fig = el.closest('figure'), cap = fig && fig.querySelector('figcaption');
    var path = S.mediaPath(el), name = {};
    name[document.documentElement.lang] = cap ? cap.textContent : path.slice(path.lastIndexOf('/') + 1);
    var object = { objectType: 'Activity', id: S.home + path,
      definition: { name: name, type: V + 'activity-type/' + (video ? 'video' : 'audio') } };
    // sid: the session (the initialized statement's id); segs: the parts played, in order;
    // from: where the part being played began (null when not playing); last: the newest
    // position reached by playing.
    var sid = null, segs = [], from = null, last = 0, done = false, spent = 0, since = 0;

    function played() { return from !== null && last > from ? segs.concat([[from, last]]) : segs; }
    // The part of the media the played segments cover: a seek to the end adds nothing.
    function progress(list) {
      var sum = 0, end = 0, len = el.duration;
      list.slice().sort(function (a, b) { return a[0] - b[0]; }).forEach(function (g) {
        sum += Math.max(0, g[1] - Math.max(g[0], end));
        end = Math.max(end, g[1]);
      });
      return len ? r3(Math.min(1, sum / len)) : 0;
    }
    function result() {
      var e = one('time', el.currentTime), list = played();
      e[X + 'progress'] = progress(list);
      e[X + 'played-segments'] = list.map(function (g) { return g[0].toFixed(3) + '[.]' + g[1].toFixed(3); }).join('[,]');
      return { extensions: e };
    }
    function make(verb, result, ext) {
      ext = ext || {};
      ext[X + 'session-id'] = sid;
      ext[X + 'length'] = r3(el.duration || 0);
      ext[X + 'completion-threshold'] = need;
      var s = S.statement(verb, result, object, ext);
      s.context.contextActivities.category = [{ id: V }];
      if (verb === ADL + 'initialized') s.id = sid;
      return s;
    }
    function send(verb, result, ext) { S.record(make(verb, result, ext)); }
    function stop() {
      if (from !== null && last > from) segs.push([r3(from), r3(last)]);
      if (since) spent += Date.now() - since;
      from = null;
      since = 0;
    }
    function check() {
      if (done || progress(played()) < need) return;
      done = true;
      var r = result();
      r.completion = true;
      r.duration = 'PT' + Math.round((spent + (since && Date.now() - since)) / 1000) + 'S';
      send(ADL + 'completed', r);
    }

    // A podcast loads nothing before it is played: its length is known a moment later.
    el.addEventListener('play', function () {
      if (el.duration) begin(); else el.addEventListener('loadedmetadata', begin, { once: true });
    });
    function begin() {
      if (!sid) {
        sid = S.uuid();
        var ext = {}, on = [].filter.call(el.textTracks, function (t) { return t.mode === 'showing'; })[0];
        if (video) ext[X + 'cc-enabled'] = ext[X + 'cc-subtitle-enabled'] = !!on;
        if (on) ext[X + 'cc-subtitle-lang'] = on.language;
        send(ADL + 'initialized', null, ext);
      }
      send(V + 'verbs/played', { extensions: one('time', el.currentTime) });
      from = last = el.currentTime;
      since = Date.now();
    }
    // Playing moves the time a little at each update; a jump is a seek, never played.
    el.addEventListener('timeupdate', function () {
      var t = el.currentTime;
      if (from === null || el.seeking || t < last || t - last > 1.5 * Math.max(1, el.playbackRate)) return;
      last = t;
      check();
    });
    el.addEventListener('seeking', function () { if (sid) stop(); });
    el.addEventListener('seeked', function () {
      var e = one('time-from', last);
      last = el.currentTime;
      if (!sid) return;
      e[X + 'time-to'] = r3(last);
      send(V + 'verbs/seeked', { extensions: e });
      if (!el.paused) {
        from = last;
        since = Date.now();
      }
    });
    el.addEventListener('pause', function () {
      if (!sid || el.seeking) return;
      stop();
      send(V + 'verbs/paused', result());
      check();
    });
    // What leaving sends (lesson.js makes it ahead and keeps it): paused when playing, then
    // terminated; back from the back-forward cache, the media start a new session.
    S.byes.push(function () {
      if (!sid) return [];
      var r = result(), list = el.paused ? [] : [make(V + 'verbs/paused', r)];
      return list.concat(make(ADL + 'terminated', result()));
    });
    addEventListener('pageshow', function (e) { if (e.persisted) sid = null, segs = [], from = null; });
  });
})();
