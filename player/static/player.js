// player.js: optional comfort only; every page works fully without it (links and a GET form).
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
