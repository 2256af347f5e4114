/* The runtime's internal assertions, in sanitizer_common's spirit:
 * FFIPIN_CHECK(cond) is always on, FFIPIN_DCHECK(cond) only in debug builds
 * (FFIPIN_DEBUG). A failure is a bug in the runtime, never in the program:
 * it prints "internal check failed at <file>:<line>: <cond>" with the
 * runtime's own message functions (no libc, no allocation) and exits. */
#ifndef FFIPIN_ASSERT_H
#define FFIPIN_ASSERT_H

#include "base/ffipin_common.h"

__attribute__((noreturn, cold)) void ffipin_check_failed(const char *file, int line,
                                                         const char *cond) FFIPIN_INTERNAL;

#define FFIPIN_CHECK(cond)                                                                         \
  do {                                                                                             \
    if (FFIPIN_UNLIKELY(!(cond))) ffipin_check_failed(__FILE__, __LINE__, #cond);                  \
  } while (0)

#if defined(FFIPIN_DEBUG) && FFIPIN_DEBUG
#define FFIPIN_DCHECK(cond) FFIPIN_CHECK(cond)
#else
#define FFIPIN_DCHECK(cond)                                                                        \
  do {                                                                                             \
  } while (0)
#endif

#endif
