// player.js: optional comfort only; every page works fully without it (links and forms). The
// lesson player of a signed-in learner is lesson.js; this file registers the service worker that
// keeps lessons readable offline (sw.js, README "Offline and shared tablets").
'use strict';

if ('serviceWorker' in navigator) navigator.serviceWorker.register('/sw.js').catch(function () {});

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
