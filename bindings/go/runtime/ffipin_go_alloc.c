/* Each block is recorded with its stack, which crosses into the goroutine
 * that asked (the Go line of the C.CString), for the leak check at exit
 * (checks/ffipin_check_leaks.c). Records are kept only when every free in
 * the process reaches the runtime: a block freed by a library we did not
 * see would look lost. */
#include "ffipin_go_alloc.h"

#include <stdlib.h>

#include "base/ffipin_flags.h"
#include "entry/ffipin_alloc_events.h"
#include "entry/ffipin_init.h"
#include "ffipin_go_errno.h"
#include "model/ffipin_allocs.h"

FFIPIN_NOINLINE void *__ffipin_go_cmalloc(size_t n) {
  uintptr_t pc = FFIPIN_CALLER_PC, bp = FFIPIN_FRAME;
  void *p = malloc(n); /* the program's own allocation, through its allocator */
  if (!p || !ffipin_flags.detect_cgo_leaks || !ffipin_alloc_frees_visible()) return p;
  FFIPIN_GO_KEEP_ERRNO;
  ffipin_thread_t *t = ffipin_enter();
  if (!t) return p;
  ffipin_allocs_record((uintptr_t)p, n, ffipin_stack_capture(pc, bp), t->tid, FFIPIN_ALLOC_MANAGED,
                       0);
  ffipin_leave(t);
  return p;
}
