/* The runtime's messages about itself, in sanitizer_common's shape:
 * "==PID==ERROR: FFIPinSanitizer: ..." and "==PID==WARNING: ...", one line on
 * stderr, composed in a stack buffer and written with one system call. */
#ifndef FFIPIN_MESSAGE_H
#define FFIPIN_MESSAGE_H

#include <stdarg.h>

#include "base/ffipin_common.h"

/* One line "==PID==<severity>FFIPinSanitizer: <message>\n" on stderr;
 * severity is "ERROR: ", "WARNING: " or "" (verbose diagnostics). */
void ffipin_message_v(const char *severity, const char *fmt, va_list ap) FFIPIN_INTERNAL;

/* A problem the runtime works around (a log file it cannot open). */
__attribute__((format(printf, 1, 2))) void ffipin_error(const char *fmt, ...) FFIPIN_INTERNAL;
__attribute__((format(printf, 1, 2))) void ffipin_warning(const char *fmt, ...) FFIPIN_INTERNAL;
/* An error in the sanitizer's own set-up (a bad option, a malformed
 * suppressions file, no memory left to map): the message, then exit 1. */
__attribute__((noreturn, format(printf, 1, 2))) void ffipin_fatal(const char *fmt,
                                                                  ...) FFIPIN_INTERNAL;

/* ffipin_map, or a fatal "out of memory mapping N bytes for <what>". */
void *ffipin_map_or_die(size_t size, const char *what) FFIPIN_INTERNAL;

#endif
