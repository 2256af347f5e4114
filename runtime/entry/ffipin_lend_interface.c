/* The public interface of guarded lends (include/sanitizer/ffipin_interface.h):
 * for a managed runtime whose API lets C work on a copy of its memory. The
 * language bindings in this tree (CPython, JNI) call the same checks. */
#include <sanitizer/ffipin_interface.h>

#include "checks/ffipin_check_guard.h"
#include "entry/ffipin_init.h"
#include "entry/ffipin_signals.h"

FFIPIN_EXPORT FFIPIN_NOINLINE void *__ffipin_lend_copy(const void *base, size_t size,
                                                       int writable) {
  uintptr_t pc = FFIPIN_CALLER_PC, bp = FFIPIN_FRAME;
  ffipin_thread_t *t = ffipin_enter();
  if (!t) return (void *)base;
  ffipin_signals_ensure();
  void *lent = ffipin_check_lend(t, base, size, writable != 0, true, pc, bp);
  ffipin_leave(t);
  return lent;
}

FFIPIN_EXPORT FFIPIN_NOINLINE void __ffipin_lend_release(void *lent, int mode) {
  uintptr_t pc = FFIPIN_CALLER_PC, bp = FFIPIN_FRAME;
  ffipin_thread_t *t = ffipin_enter();
  if (!t) return;
  ffipin_release_mode_t m = mode == FFIPIN_LEND_COMMIT  ? FFIPIN_RELEASE_COMMIT
                            : mode == FFIPIN_LEND_ABORT ? FFIPIN_RELEASE_ABORT
                                                        : FFIPIN_RELEASE_END;
  ffipin_check_release(t, lent, m, false, pc, bp);
  ffipin_leave(t);
}
