/* Formatting into fixed buffers, and the destination of reports. Nothing
 * here allocates. */
#ifndef FFIPIN_OUTPUT_H
#define FFIPIN_OUTPUT_H

#include <stdarg.h>
#include "ffipin_common.h"

/* An append-only text buffer; output past the capacity is dropped and the
 * buffer marked truncated (never overflows). */
typedef struct {
  char *data;
  size_t len, cap;
  bool truncated;
} ffipin_buf;

void ffipin_buf_init(ffipin_buf *b, char *storage, size_t cap) FFIPIN_INTERNAL;
__attribute__((format(printf, 2, 3)))
void ffipin_buf_printf(ffipin_buf *b, const char *fmt, ...) FFIPIN_INTERNAL;
void ffipin_buf_vprintf(ffipin_buf *b, const char *fmt, va_list ap) FFIPIN_INTERNAL;
/* Appends s as the contents of a JSON string (without the quotes). */
void ffipin_buf_json_escape(ffipin_buf *b, const char *s) FFIPIN_INTERNAL;

/* Writes text to the log_path destination (stderr, stdout or
 * <log_path>.<pid>, opened on first use and again after fork). */
void ffipin_log_write(const char *text, size_t len) FFIPIN_INTERNAL;
/* Diagnostics of the runtime itself, printed when verbosity >= level, as
 * "==PID==FFIPinSanitizer: ..." on stderr. */
__attribute__((format(printf, 2, 3)))
void ffipin_verbose(int level, const char *fmt, ...) FFIPIN_INTERNAL;

#endif
