/* The one place that formats the runtime's messages about itself. */
#include "base/ffipin_message.h"

#include <unistd.h>

#include "base/ffipin_format.h"
#include "base/ffipin_sys.h"

void ffipin_message_v(const char *severity, const char *fmt, va_list ap) {
  char storage[1024];
  ffipin_buf_t b;
  ffipin_buf_init(&b, storage, sizeof(storage) - 1);
  ffipin_buf_printf(&b, "==%d==%sFFIPinSanitizer: ", ffipin_getpid(), severity);
  ffipin_buf_vprintf(&b, fmt, ap);
  storage[b.len++] = '\n'; /* the byte kept free above */
  ffipin_write_all(2, storage, b.len);
}

void ffipin_error(const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  ffipin_message_v("ERROR: ", fmt, ap);
  va_end(ap);
}

void ffipin_warning(const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  ffipin_message_v("WARNING: ", fmt, ap);
  va_end(ap);
}

void ffipin_fatal(const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  ffipin_message_v("ERROR: ", fmt, ap);
  va_end(ap);
  _exit(1);
}

void *ffipin_map_or_die(size_t size, const char *what) {
  void *p = ffipin_map(size);
  if (!p) ffipin_fatal("out of memory mapping %zu bytes for %s", size, what);
  return p;
}
