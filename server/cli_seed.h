/* cli_seed.h: `stepwise seed-demo`: fills a database with a demo mentoring program (an admin,
 * a mentor, two mentees and plans in different states) so that `make run` shows something. */
#ifndef STEPWISE_CLI_SEED_H
#define STEPWISE_CLI_SEED_H

/* argv[0] is "seed-demo". Idempotent: what exists is kept. Prints the demo sign-ins on stdout
 * and problems on stderr; returns the exit status: 0 done, 1 failed, 2 bad usage. */
int cli_seed_demo(int argc, char **argv);

#endif
