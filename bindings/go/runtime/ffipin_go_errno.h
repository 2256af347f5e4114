/* The hooks keep errno as they found it. cgo's two-value form
 * (`n, err := C.f()`) returns errno whenever it is not 0, even when f
 * succeeded, so a hook that runs inside f (a nested cgo call's begin and
 * end, a Pin or Unpin in an //export callback, a report made there: the
 * symbolizer's search sets ENOENT) must not change it. */
#ifndef FFIPIN_GO_ERRNO_H
#define FFIPIN_GO_ERRNO_H

#include <errno.h>

static inline void ffipin_go_errno_restore(const int *saved) { errno = *saved; }

/* Declared in a hook's body: errno is restored on every return after it. */
#define FFIPIN_GO_KEEP_ERRNO                                                                       \
  const int ffipin_go_saved_errno __attribute__((cleanup(ffipin_go_errno_restore))) = errno

#endif
