/* cli_user.h: `stepwise user add|list|card`: the administrator's user commands, working on the
 * database file directly (the server may keep running: SQLite WAL). */
#ifndef STEPWISE_CLI_USER_H
#define STEPWISE_CLI_USER_H

/* argv[0] is "user". Prints results on stdout and problems on stderr; returns the process exit
 * status: 0 done, 1 failed (database, login taken, unknown login), 2 bad usage. */
int cli_user(int argc, char **argv);

#endif
