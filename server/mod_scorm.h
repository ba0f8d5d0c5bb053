/* mod_scorm.h: the SCORM player's routes: the launch page of a package (/play/ID), the runtime
 * commits of its SCOs (POST /scorm/ID/commit, JSON) and the package's own files, served
 * sandboxed (/scorm-files/ID/VERSION/PATH). README.md, "Playing SCORM packages". */
#ifndef STEPWISE_MOD_SCORM_H
#define STEPWISE_MOD_SCORM_H

#include "server/http.h"

void mod_scorm_play(struct request *r);
void mod_scorm_commit(struct request *r);
void mod_scorm_file(struct request *r);

#endif
