/* cli_import.h: `stepwise import FILE.zip`, which adds a SCORM package to the content folder as
 * a module (or a new version of one). */
#ifndef STEPWISE_CLI_IMPORT_H
#define STEPWISE_CLI_IMPORT_H

/* argv[0] is "import". Returns the exit status: 0 imported, 1 refused, 2 bad usage. */
int cli_import(int argc, char **argv);

#endif
