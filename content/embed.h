/* embed.h: ```video and ```audio blocks of "key: value" lines, which become native players with
 * captions or a transcript (see README.md, "Video and podcast"). */
#ifndef STEPWISE_EMBED_H
#define STEPWISE_EMBED_H

#include "content/diag.h"
#include "content/media.h"
#include "content/module.h"
#include "server/buf.h"

/* Returns "video" or "audio" when a fenced code block's info string makes it an embed, else NULL. */
const char *embed_kind(const char *info);

/* Appends the HTML of an embed of kind ("video" or "audio") whose block text is body; line is the
 * line of m->source_path holding the opening fence. Findings are added to diags; when a learner
 * would miss something (captions, transcript, the file) the HTML also shows a visible warning.
 * packaged: NULL on the server, else the media list of a package (media_put_url). */
void embed_render(struct buf *out, const struct module *m, const char *kind, const char *body,
                  int line, struct media_list *packaged, struct diag_list *diags);

#endif
