/* Fixed-buffer formatting: nothing here allocates or writes anywhere. */
#include "base/ffipin_format.h"

#include <stdio.h>

// Buffers

void ffipin_buf_init(ffipin_buf_t *b, char *storage, size_t cap) {
  b->data = storage;
  b->cap = cap;
  b->len = 0;
  b->truncated = false;
  if (cap > 0) storage[0] = '\0';
}

void ffipin_buf_vprintf(ffipin_buf_t *b, const char *fmt, va_list ap) {
  if (b->cap == 0) {
    b->truncated = true;
    return;
  }
  size_t room = b->cap - b->len; /* >= 1: len never passes cap - 1 */
  int n = vsnprintf(b->data + b->len, room, fmt, ap);
  if (n < 0) return;
  if ((size_t)n >= room) {
    b->len = b->cap - 1;
    b->truncated = true;
  } else {
    b->len += (size_t)n;
  }
}

void ffipin_buf_printf(ffipin_buf_t *b, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  ffipin_buf_vprintf(b, fmt, ap);
  va_end(ap);
}

/* Length of the valid UTF-8 sequence at s, or 0 if it is not one. */
static size_t utf8_len(const unsigned char *s) {
  size_t n;
  if (s[0] >= 0xc2 && s[0] <= 0xdf)
    n = 2;
  else if (s[0] >= 0xe0 && s[0] <= 0xef)
    n = 3;
  else if (s[0] >= 0xf0 && s[0] <= 0xf4)
    n = 4;
  else
    return 0;
  for (size_t i = 1; i < n; i++)
    if ((s[i] & 0xc0) != 0x80) return 0;
  return n;
}

/* JSON strings must be valid UTF-8: paths and names that are not become
 * U+FFFD rather than breaking the consumer's parser. */
void ffipin_buf_json_escape(ffipin_buf_t *b, const char *s) {
  const unsigned char *p = (const unsigned char *)s;
  while (*p) {
    unsigned char c = *p;
    if (c == '"' || c == '\\') {
      ffipin_buf_printf(b, "\\%c", c);
    } else if (c == '\n') {
      ffipin_buf_printf(b, "\\n");
    } else if (c == '\t') {
      ffipin_buf_printf(b, "\\t");
    } else if (c == '\r') {
      ffipin_buf_printf(b, "\\r");
    } else if (c < 0x20 || c == 0x7f) {
      ffipin_buf_printf(b, "\\u%04x", c);
    } else if (c < 0x80) {
      ffipin_buf_printf(b, "%c", c);
    } else {
      size_t n = utf8_len(p);
      if (n == 0) {
        ffipin_buf_printf(b, "\\ufffd");
        p++;
        continue;
      }
      ffipin_buf_printf(b, "%.*s", (int)n, (const char *)p);
      p += n;
      continue;
    }
    p++;
  }
}
