/* Where reports go (log_path), and the runtime's verbose diagnostics. */
#ifndef FFIPIN_LOG_H
#define FFIPIN_LOG_H

#include "base/ffipin_common.h"

/* Writes text to the log_path destination (stderr, stdout or
 * <log_path>.<pid>, opened on first use and again after fork). */
void ffipin_log_write(const char *text, size_t len) FFIPIN_INTERNAL;

/* Diagnostics of the runtime itself, printed when verbosity >= level, as
 * "==PID==FFIPinSanitizer: ..." on stderr. */
__attribute__((format(printf, 2, 3))) void ffipin_verbose(int level, const char *fmt,
                                                          ...) FFIPIN_INTERNAL;

/* For fork: hold/release the log lock. */
void ffipin_log_lock(void) FFIPIN_INTERNAL;
void ffipin_log_unlock(void) FFIPIN_INTERNAL;

#endif
