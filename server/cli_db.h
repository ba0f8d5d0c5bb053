/* cli_db.h: `stepwise backup`, `stepwise restore` and `stepwise check-db`: the operator's
 * database commands, on the database file directly. */
#ifndef STEPWISE_CLI_DB_H
#define STEPWISE_CLI_DB_H

/* argv[0] is the command's name. Each returns the process exit status: 0 done (check-db: the
 * database is sound), 1 failed (check-db: problems were found), 2 bad usage. */
int cli_backup(int argc, char **argv);
int cli_restore(int argc, char **argv);
int cli_check_db(int argc, char **argv);

#endif
