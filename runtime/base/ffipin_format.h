/* Formatting into fixed buffers, for reports and messages: the runtime's
 * own printf subset (see ffipin_format.c), so nothing here allocates or
 * calls libc. */
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
/* Appends n bytes of s as they are. */
void ffipin_buf_append(ffipin_buf_t *b, const char *s, size_t n) FFIPIN_INTERNAL;
/* Appends s as the contents of a JSON string (without the quotes); the _n
 * form stops after max bytes of s (never inside a UTF-8 sequence). */
void ffipin_buf_json_escape(ffipin_buf_t *b, const char *s) FFIPIN_INTERNAL;
void ffipin_buf_json_escape_n(ffipin_buf_t *b, const char *s, size_t max) FFIPIN_INTERNAL;

#endif
