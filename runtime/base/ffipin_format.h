/* Formatting into fixed buffers, for reports and messages. Nothing here
 * allocates. */
#ifndef FFIPIN_FORMAT_H
#define FFIPIN_FORMAT_H

#include <stdarg.h>

#include "base/ffipin_common.h"

/* How every address is printed: "0x" and at least 12 hex digits, as ASan. */
#define FFIPIN_ADDR "0x%012lx"

/* An append-only text buffer; output past the capacity is dropped and the
 * buffer marked truncated (never overflows; data stays NUL-terminated). */
typedef struct {
  char *data;
  size_t len, cap;
  bool truncated;
} ffipin_buf_t;

void ffipin_buf_init(ffipin_buf_t *b, char *storage, size_t cap) FFIPIN_INTERNAL;
__attribute__((format(printf, 2, 3))) void ffipin_buf_printf(ffipin_buf_t *b, const char *fmt,
                                                             ...) FFIPIN_INTERNAL;
void ffipin_buf_vprintf(ffipin_buf_t *b, const char *fmt, va_list ap) FFIPIN_INTERNAL;
/* Appends s as the contents of a JSON string (without the quotes). */
void ffipin_buf_json_escape(ffipin_buf_t *b, const char *s) FFIPIN_INTERNAL;

#endif
