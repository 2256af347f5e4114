/* The public interface (include/sanitizer/ffipin_interface.h): what a
 * managed runtime's binding calls. Each entry point takes its caller's pc
 * and frame first, so stacks in reports start in the binding, never in the
 * runtime; the decisions are the checks layer's. */
#include <sanitizer/ffipin_interface.h>

#include "checks/ffipin_checks.h"
#include "diag/ffipin_log.h"
#include "entry/ffipin_init.h"
#include "model/ffipin_foreign.h"
#include "model/ffipin_heaps.h"
#include "model/ffipin_held.h"
#include "model/ffipin_pins.h"
#include "model/ffipin_scope.h"

/* Runs the body with the thread's recursion guard held; pc/bp are taken
 * here, in the exported function, so stacks start at its caller. */
#define ENTER()                                                                                    \
  uintptr_t pc = FFIPIN_CALLER_PC, bp = FFIPIN_FRAME;                                              \
  (void)pc;                                                                                        \
  (void)bp;                                                                                        \
  ffipin_thread_t *t = ffipin_enter();                                                             \
  if (!t) return RETVAL
#define LEAVE() ffipin_leave(t)

#define RETVAL
FFIPIN_EXPORT FFIPIN_NOINLINE void __ffipin_heap_register(const void *begin, size_t size,
                                                          const char *name) {
  ENTER();
  if (!ffipin_heaps_add((uintptr_t)begin, size, name))
    ffipin_check_invalid_call(
        t, (uintptr_t)begin,
        "heap_register: more separate heap ranges than the runtime tracks (512)", pc, bp);
  ffipin_verbose(1, "heap '%s' registered: [%p,%p)", name ? name : "foreign", begin,
                 (const char *)begin + size);
  LEAVE();
}

FFIPIN_EXPORT FFIPIN_NOINLINE void __ffipin_heap_unregister(const void *begin, size_t size) {
  ENTER();
  if (!ffipin_heaps_remove((uintptr_t)begin, size))
    ffipin_check_invalid_call(t, (uintptr_t)begin,
                              "heap_unregister of a range that is not a registered heap", pc, bp);
  ffipin_verbose(1, "heap range unregistered: [%p,%p)", begin, (const char *)begin + size);
  LEAVE();
}

FFIPIN_EXPORT FFIPIN_NOINLINE void __ffipin_pin(const void *base, size_t size) {
  ENTER();
  if (!base) {
    ffipin_check_invalid_call(t, 0, "pin of a null pointer", pc, bp);
  } else {
    ffipin_pins_add((uintptr_t)base, size ? size : 1, ffipin_stack_capture(pc, bp), t->tid);
  }
  LEAVE();
}

FFIPIN_EXPORT FFIPIN_NOINLINE void __ffipin_unpin(const void *base) {
  ENTER();
  ffipin_check_unpin(t, (uintptr_t)base, pc, bp);
  LEAVE();
}

FFIPIN_EXPORT FFIPIN_NOINLINE void __ffipin_call_begin(void) {
  ENTER();
  if (!ffipin_scope_begin(t, pc))
    ffipin_check_invalid_call(t, 0, "call_begin: call scopes nested deeper than 32 on one thread",
                              pc, bp);
  LEAVE();
}

FFIPIN_EXPORT FFIPIN_NOINLINE void __ffipin_call_end(void) {
  ENTER();
  if (!ffipin_check_scope_end(t, pc, bp))
    ffipin_check_invalid_call(t, 0, "call_end without a matching call_begin on this thread", pc,
                              bp);
  LEAVE();
}

FFIPIN_EXPORT FFIPIN_NOINLINE void __ffipin_borrow(const void *base, size_t size) {
  ENTER();
  if (!ffipin_scope_borrow(t, (uintptr_t)base, size ? size : 1))
    ffipin_check_invalid_call(
        t, (uintptr_t)base, "borrow outside a call scope (call __ffipin_call_begin first)", pc, bp);
  LEAVE();
}

FFIPIN_EXPORT FFIPIN_NOINLINE void __ffipin_object_freed(const void *base, size_t size) {
  ENTER();
  ffipin_check_object_gone(t, FFIPIN_BUG_COLLECTED_WHILE_HELD, (uintptr_t)base, size, 0, pc, bp);
  LEAVE();
}

FFIPIN_EXPORT FFIPIN_NOINLINE void __ffipin_object_moved(const void *from, const void *to,
                                                         size_t size) {
  ENTER();
  ffipin_check_object_gone(t, FFIPIN_BUG_MOVED_WHILE_HELD, (uintptr_t)from, size, (uintptr_t)to, pc,
                           bp);
  LEAVE();
}
#undef RETVAL

#define RETVAL 0
FFIPIN_EXPORT FFIPIN_NOINLINE size_t __ffipin_held_count(const void *base, size_t size) {
  ENTER();
  size_t count = 0, cursor = 0, n;
  ffipin_held_t found[16];
  while ((n = ffipin_held_scan((uintptr_t)base, (uintptr_t)base + (size ? size : 1), &cursor, found,
                               16)))
    count += n;
  LEAVE();
  return count;
}

FFIPIN_EXPORT FFIPIN_NOINLINE int __ffipin_is_foreign(const void *p) {
  ENTER();
  int foreign = ffipin_foreign_contains(t, (uintptr_t)p);
  LEAVE();
  return foreign;
}
#undef RETVAL
