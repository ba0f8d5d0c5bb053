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
