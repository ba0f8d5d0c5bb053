/* cli_xapi.h: the administrator's LRS commands of the `stepwise` command line: API clients
 * (`stepwise xapi-client add|list|revoke`) and data retention (`stepwise erase`). */
#ifndef STEPWISE_CLI_XAPI_H
#define STEPWISE_CLI_XAPI_H

/* Each takes the arguments from the command name on (argv[0] is "xapi-client" or "erase"),
 * prints results on stdout and problems on stderr, and returns the process exit status:
 * 0 done, 1 failed (database, unknown key), 2 bad usage. */
int cli_xapi_client(int argc, char **argv);
int cli_xapi_erase(int argc, char **argv);

#endif
