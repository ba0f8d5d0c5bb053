/* store_accounts.c: freeing what the accounts operations of the store hand out (the same for
 * every backend). */
#include "tracking/store_accounts.h"

#include <stdlib.h>
#include <string.h>

void store_user_clear(struct store_user *u)
{
    if (!u) return;
    free(u->login);
    free(u->display_name);
    free(u->language);
    free(u->password_hash);
    memset(u, 0, sizeof *u);
}

void store_users_free(struct store_user *list, size_t n)
{
    for (size_t i = 0; i < n; i++) store_user_clear(&list[i]);
    free(list);
}
