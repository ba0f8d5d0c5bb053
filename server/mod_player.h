/* mod_player.h: the per-learner part of a lesson page that the player script reads (who is
 * signed in, the public URL, the CSRF token, the plan), filled in per request so that the
 * lesson body itself stays in the page cache. */
#ifndef STEPWISE_MOD_PLAYER_H
#define STEPWISE_MOD_PLAYER_H

#include <stddef.h>

#include "server/http.h"

/* Replaces the player slot of html (len bytes, owned) with the signed-in learner's data, or
 * removes it for a visitor; returns the new page (owned), *len updated. Reads the database:
 * call it without holding srv->lock. */
char *mod_player_fill(struct request *r, const char *module_id, char *html, size_t *len);

/* GET /player/key: {"key": "..."}, the signed-in learner's own key for the statements the
 * player keeps on the device (AES-GCM, README "Offline and shared tablets"). Needs the session
 * and its CSRF token in X-CSRF-Token, so only the learner's own pages can ask; never cached. */
void mod_player_key(struct request *r);

#endif
