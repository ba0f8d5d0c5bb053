// sw.js: the service worker that keeps lessons readable offline (README, "Offline and shared
// tablets"). The server serves it as /sw.js (scope /) with its limits in front of this file:
//   var LESSONS = <--offline-lessons>, BYTES = <--offline-bytes>;
// Rules:
// - Only GET requests for lesson pages (/modules/ID), their media (/modules/ID/media/...), the
//   static files, the manifest and the icons are handled; everything else (sign-in, plans, the
//   LRS, the author pages) goes to the network untouched and is never stored.
// - Always the network first, so an edited module shows at once and the browser's own
//   ETag/If-None-Match revalidation works as without a worker; the stored copy is used only
//   when the network fails.
// - The stored copy of a lesson page is fetched a second time without cookies, so it is the
//   page any visitor sees: no name, no CSRF token, no plan box. Nothing of one learner is
//   stored for the next person on a shared tablet.
// - When a lesson page is stored, the media it names are stored too, each at most BYTES / 8
//   (none while the browser's data saver is on); the lessons opened last are kept, at most
//   LESSONS of them and BYTES in all.
'use strict';

var STORE = 'stepwise-offline-v1', INDEX = '/offline-index.json';
var LESSON = /^\/modules\/([a-z0-9-]+)$/, MEDIA = /^\/modules\/([a-z0-9-]+)\/media\//;
var SHARED = /^\/(static\/|icons\/|favicon\.ico$|manifest\.webmanifest$)/;
var queue = Promise.resolve();

// Changes of the store one after another, so two lessons saved at once keep a true index.
function serial(job) {
  queue = queue.then(job, job);
  return queue;
}

// What the worker never handles goes straight to the network, without waking it: above all the
// statements a lesson sends with keepalive as it is left, which Chromium lost now and then when
// they had to pass through the worker of a page that was going away (static routing; a browser
// without it sends them to the fetch handler below, which lets them through).
self.addEventListener('install', function (e) {
  self.skipWaiting();
  if (e.addRoutes) e.waitUntil(e.addRoutes({ condition: { not: { requestMethod: 'GET' } }, source: 'network' }).catch(function () {}));
});
self.addEventListener('activate', function (e) {
  e.waitUntil(caches.keys().then(function (keys) {
    return Promise.all(keys.filter(function (k) { return k !== STORE; }).map(function (k) { return caches.delete(k); }));
  }).then(function () { return self.clients.claim(); }));
});

self.addEventListener('fetch', function (e) {
  var url = new URL(e.request.url);
  if (e.request.method !== 'GET' || url.origin !== location.origin) return;
  var lesson = LESSON.exec(url.pathname);
  if (!lesson && !MEDIA.test(url.pathname) && !SHARED.test(url.pathname)) return;
  e.respondWith(fetch(e.request).then(function (res) {
    if (lesson && res.ok) e.waitUntil(serial(function () { return keep(lesson[1], url); }));
    else if (SHARED.test(url.pathname) && res.status === 200) {
      var copy = res.clone();
      e.waitUntil(caches.open(STORE).then(function (c) { return c.put(url.pathname, copy); }));
    }
    return res;
  }, function (err) {
    return caches.open(STORE).then(function (c) {
      return c.match(lesson ? url.pathname + url.search : url.pathname);
    }).then(function (hit) {
      if (!hit) throw err;
      return e.request.headers.has('Range') ? part(hit, e.request.headers.get('Range')) : hit;
    });
  }));
});

// A video asks for byte ranges: the part of the stored file it asked for (206).
function part(res, range) {
  var m = /^bytes=(\d*)-(\d*)$/.exec(range);
  return res.blob().then(function (all) {
    var size = all.size, from = m && m[1] ? +m[1] : 0, to = m && m[2] ? Math.min(+m[2], size - 1) : size - 1;
    if (m && !m[1] && m[2]) { from = Math.max(0, size - +m[2]); to = size - 1; }
    if (!m || from > to) return new Response('', { status: 416, headers: { 'Content-Range': 'bytes */' + size } });
    return new Response(all.slice(from, to + 1), { status: 206, headers: {
      'Content-Type': res.headers.get('Content-Type') || '', 'Content-Range': 'bytes ' + from + '-' + to + '/' + size,
      'Content-Length': String(to - from + 1) } });
  });
}

function load(c) {
  return c.match(INDEX).then(function (r) { return r ? r.json() : {}; }).catch(function () { return {}; });
}

// Fetches url without cookies and stores it when it is a plain 200 small enough; its size.
function store(c, url, max) {
  return fetch(url, { credentials: 'omit', cache: 'no-cache', redirect: 'error' }).then(function (res) {
    var n = +res.headers.get('Content-Length');
    if (res.status !== 200 || n > max) return 0;
    return res.clone().blob().then(function (b) {
      return b.size > max ? 0 : c.put(url, res).then(function () { return b.size; });
    });
  }).catch(function () { return 0; });
}

// Stores the visitor's copy of the lesson page at url and the media it names, then drops the
// lessons opened longest ago until the store is within its limits.
function keep(id, url) {
  return caches.open(STORE).then(function (c) {
    return load(c).then(function (index) {
      var page = url.pathname + url.search, entry = index[id] || { files: {} };
      return store(c, page, BYTES / 8).then(function (n) {
        if (!n) return;
        entry.files[page] = n;
        return c.match(page).then(function (r) { return r.text(); }).then(function (html) {
          // The browser's data saver on: the page only, no media downloaded in the background.
          var thrifty = navigator.connection && navigator.connection.saveData;
          var found = thrifty ? [] : html.match(/(src|href|poster)="\/modules\/[a-z0-9-]+\/media\/[^"]+"/g) || [];
          return Promise.all(found.map(function (a) {
            var media = a.slice(a.indexOf('"') + 1, -1).replace(/&amp;/g, '&');
            if (media.indexOf('/modules/' + id + '/') !== 0) return;
            return store(c, media, BYTES / 8).then(function (n) { if (n) entry.files[media] = n; });
          }));
        });
      }).then(function () {
        if (!Object.keys(entry.files).length) return;
        entry.time = Date.now();
        index[id] = entry;
        return trim(c, index);
      });
    });
  });
}

function trim(c, index) {
  var ids = Object.keys(index).sort(function (a, b) { return index[b].time - index[a].time; });
  var total = 0, gone = [];
  ids.forEach(function (id, i) {
    var bytes = 0;
    for (var f in index[id].files) bytes += index[id].files[f];
    if (i >= LESSONS || total + bytes > BYTES) gone.push(id);
    else total += bytes;
  });
  return Promise.all(gone.map(function (id) {
    var files = Object.keys(index[id].files);
    delete index[id];
    return Promise.all(files.map(function (f) { return c.delete(f); }));
  })).then(function () {
    return c.put(INDEX, new Response(JSON.stringify(index), { headers: { 'Content-Type': 'application/json' } }));
  });
}
