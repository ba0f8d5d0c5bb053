/* i18n_plural.h: the plural rule of a gettext catalogue ("Plural-Forms: nplurals=2;
 * plural=(n != 1);"), parsed once and evaluated for a count. Internal to player/i18n.c. */
#ifndef STEPWISE_I18N_PLURAL_H
#define STEPWISE_I18N_PLURAL_H

struct plural_rule;

/* Parses the C expression after "plural=" in a Plural-Forms header value; NULL when it is not a
 * well-formed gettext plural expression (only n, whole numbers, ! * / % + - < <= > >= == != && ||
 * ?: and parentheses). nplurals is read from the same value; *nplurals is set when not NULL. */
struct plural_rule *plural_rule_parse(const char *plural_forms, unsigned *nplurals);
/* The index of the plural form for n (0 .. nplurals-1; clamped to that range). */
unsigned plural_rule_eval(const struct plural_rule *rule, unsigned long n);
void plural_rule_free(struct plural_rule *rule);

#endif
