// player.js: optional comfort only; every page works fully without it (links and a GET form).
// When one video or podcast starts, pause the others, so two never talk over each other on a
// shared tablet in a noisy room.
document.addEventListener('play', function (e) {
  var players = document.querySelectorAll('video, audio');
  for (var i = 0; i < players.length; i++) {
    if (players[i] !== e.target) players[i].pause();
  }
}, true);
