/* cli_export.h: `stepwise export ID --scorm 1.2|2004 -o FILE.zip`, which writes a Markdown module
 * of the content folder as a SCORM package for another LMS. */
#ifndef STEPWISE_CLI_EXPORT_H
#define STEPWISE_CLI_EXPORT_H

/* argv[0] is "export". Returns the exit status: 0 written, 1 refused, 2 bad usage. */
int cli_export(int argc, char **argv);

#endif
