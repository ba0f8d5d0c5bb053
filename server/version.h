/* version.h: the version of Stepwise, shown by --version, /healthz and /metrics. */
#ifndef STEPWISE_VERSION_H
#define STEPWISE_VERSION_H

#define STEPWISE_VERSION "0.1.0"

#endif
