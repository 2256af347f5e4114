/* The wrapper's helpers: errors, allocation that cannot fail, a growable
 * argv. The wrapper is a short-lived process: nothing is ever freed. */
#include "ffipin_cc.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void ffipin_cc_die(const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  fputs(FFIPIN_CC_NAME ": error: ", stderr);
  vfprintf(stderr, fmt, ap);
  fputc('\n', stderr);
  va_end(ap);
  exit(1);
}

void *ffipin_xmalloc(size_t n) {
  void *p = malloc(n ? n : 1);
  if (!p) ffipin_cc_die("out of memory");
  return p;
}

char *ffipin_xstrdup(const char *s) {
  size_t n = strlen(s) + 1;
  return memcpy(ffipin_xmalloc(n), s, n);
}

char *ffipin_xasprintf(const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  int n = vsnprintf(NULL, 0, fmt, ap);
  va_end(ap);
  char *s = ffipin_xmalloc((size_t)n + 1);
  va_start(ap, fmt);
  vsnprintf(s, (size_t)n + 1, fmt, ap);
  va_end(ap);
  return s;
}

void ffipin_strvec_push(ffipin_strvec *sv, const char *s) {
  if (sv->n + 1 >= sv->cap) {
    size_t cap = sv->cap ? sv->cap * 2 : 64;
    const char **v = ffipin_xmalloc(cap * sizeof *v);
    if (sv->n) memcpy(v, sv->v, sv->n * sizeof *v);
    sv->v = v;
    sv->cap = cap;
  }
  sv->v[sv->n++] = s;
  sv->v[sv->n] = NULL;
}
