// scorm-frame.js: the SCO's side of the runtime bridge, put by the server at the start of every
// HTML file of a SCORM package (server/mod_scorm.c). The package runs sandboxed in an origin of
// its own, so it cannot reach the player page; scorm-again's CrossFrameAPI (loaded just before)
// stands in for API (SCORM 1.2) and API_1484_11 (2004) on the SCO's own window, where SCORM's
// API discovery looks first, and sends every call by postMessage to the runtime in the player
// (scorm-player.js). The player puts the SCO's data in the fragment of the address it launches
// (taken away here before the package's own scripts run), so that GetValue answers at once,
// resume data included, before the first reply comes back.
(function () {
  'use strict';
  if (typeof CrossFrameAPI !== 'function' || window.top === window) return;
  var seed = null, PREFIX = '#stepwise-seed=';
  if (location.hash.indexOf(PREFIX) === 0) {
    try { seed = JSON.parse(decodeURIComponent(location.hash.slice(PREFIX.length))); } catch (e) { seed = null; }
    try { history.replaceState(null, '', location.pathname + location.search); } catch (e) { location.hash = ''; }
  }
  // The player's origin: the server names it when the package has an origin of its own
  // (--scorm-origin), else it is this file's.
  var lms = (document.currentScript && document.currentScript.dataset.lms) || new URL(document.URL).origin;
  var api = new CrossFrameAPI(lms, window.top);
  if (seed) Object.keys(seed).forEach(function (k) { api._cache.set(k, String(seed[k])); });
  window.API = api;
  window.API_1484_11 = api;
})();
