/* A buffer kept by C as [begin, end), end one past its last byte (the usual
 * C idiom), in a global: the one-past-the-end tests. */
#ifndef FFIPIN_TEST_SPAN_H
#define FFIPIN_TEST_SPAN_H

#include <stddef.h>

struct span {
  char *begin, *end;
};
struct span g_span;

__attribute__((noinline)) void span_set(struct span *s, char *buf, size_t len) {
  s->begin = buf;
  s->end = buf + len;
}

#endif
