/* The public interface (include/sanitizer/ffipin_interface.h): what a
 * managed runtime's binding calls. Every call that changes what is lent
 * is kept and replayed when it comes while the runtime is busy on its
 * thread (entry/ffipin_hook.h); the two queries then answer 0. Ranges that
 * cannot be memory are invalid calls, named as such; the decisions are
 * the checks layer's. */
#include <sanitizer/ffipin_interface.h>

#include "base/ffipin_format.h"
#include "checks/ffipin_checks.h"
#include "checks/ffipin_event_stack.h"
#include "diag/ffipin_log.h"
#include "entry/ffipin_hook.h"
#include "model/ffipin_foreign.h"
#include "model/ffipin_heaps.h"
#include "model/ffipin_held.h"
#include "model/ffipin_pins.h"
#include "model/ffipin_scope.h"
#include "model/ffipin_shadow.h"

static void do_heap_register(ffipin_thread_t *t, uintptr_t begin, uintptr_t size, uintptr_t n,
                             uintptr_t unused, uintptr_t pc, uintptr_t bp) {
  const char *name = n ? (const char *)n : "foreign";
  ffipin_heap_range_t other;
  if (!begin) {
    ffipin_check_invalid_callf(t, 0, pc, bp, "heap_register of a null pointer ('%s')", name);
  } else if (!size) {
    ffipin_check_invalid_callf(
        t, begin, pc, bp, "heap_register of an empty range at " FFIPIN_ADDR " ('%s')", begin, name);
  } else if (size > UINTPTR_MAX - begin) {
    ffipin_check_invalid_callf(t, begin, pc, bp,
                               "heap_register of " FFIPIN_ADDR " with size %lu ('%s'): the range "
                               "wraps past the end of the address space",
                               begin, size, name);
  } else {
    switch (ffipin_heaps_insert(begin, size, name, &other)) {
    case FFIPIN_HEAPS_OK:
      ffipin_verbose(1, "heap '%s' registered: [%p,%p)", name, (void *)begin,
                     (void *)(begin + size));
      break;
    case FFIPIN_HEAPS_OVERLAP:
      ffipin_check_invalid_callf(t, begin, pc, bp,
                                 "heap_register of [" FFIPIN_ADDR "," FFIPIN_ADDR
                                 ") ('%s') overlaps "
                                 "the registered heap '%s' [" FFIPIN_ADDR "," FFIPIN_ADDR ")",
                                 begin, begin + size, name, other.name, other.begin, other.end);
      break;
    default:
      ffipin_check_invalid_callf(t, begin, pc, bp,
                                 "heap_register of [" FFIPIN_ADDR "," FFIPIN_ADDR ") ('%s'): more "
                                 "separate heap ranges than the runtime tracks (%d)",
                                 begin, begin + size, name, FFIPIN_MAX_HEAPS);
      break;
    }
  }
}
FFIPIN_DEFERRABLE_HOOK(heap_register, (const void *begin, size_t size, const char *name), begin,
                       size, name, 0)

static void do_heap_unregister(ffipin_thread_t *t, uintptr_t begin, uintptr_t size, uintptr_t u2,
                               uintptr_t u3, uintptr_t pc, uintptr_t bp) {
  if (ffipin_check_range_wraps(t, "heap_unregister", begin, size, pc, bp)) return;
  switch (ffipin_heaps_erase(begin, size)) {
  case FFIPIN_HEAPS_OK:
    ffipin_verbose(1, "heap range unregistered: [%p,%p)", (void *)begin, (void *)(begin + size));
    break;
  case FFIPIN_HEAPS_FULL:
    ffipin_check_invalid_callf(t, begin, pc, bp,
                               "heap_unregister of [" FFIPIN_ADDR "," FFIPIN_ADDR ") would split a "
                               "registered range, and the heap table is full (%d ranges)",
                               begin, begin + size, FFIPIN_MAX_HEAPS);
    break;
  default:
    ffipin_check_invalid_call(t, begin, "heap_unregister of a range that is not a registered heap",
                              pc, bp);
    break;
  }
}
FFIPIN_DEFERRABLE_HOOK(heap_unregister, (const void *begin, size_t size), begin, size, 0, 0)

static void do_pin(ffipin_thread_t *t, uintptr_t base, uintptr_t size, uintptr_t u2, uintptr_t u3,
                   uintptr_t pc, uintptr_t bp) {
  /* counted where pins are added (model/ffipin_pins.c): Go's too */
  if (!size) size = 1;
  if (!base) {
    ffipin_check_invalid_call(t, 0, "pin of a null pointer", pc, bp);
  } else if (ffipin_check_range_wraps(t, "pin", base, size, pc, bp)) {
  } else if (base + size > FFIPIN_SHADOW_LIMIT) {
    ffipin_check_invalid_callf(t, base, pc, bp,
                               "pin of [" FFIPIN_ADDR "," FFIPIN_ADDR "): past the highest user "
                               "address (2^57)",
                               base, base + size);
  } else {
    ffipin_pins_add(base, size, ffipin_event_stack(pc, bp), t->tid);
  }
}
FFIPIN_DEFERRABLE_HOOK(pin, (const void *base, size_t size), base, size, 0, 0)

static void do_unpin(ffipin_thread_t *t, uintptr_t base, uintptr_t u1, uintptr_t u2, uintptr_t u3,
                     uintptr_t pc, uintptr_t bp) {
  ffipin_check_unpin(t, base, pc, bp);
}
FFIPIN_DEFERRABLE_HOOK(unpin, (const void *base), base, 0, 0, 0)

static void do_call_begin(ffipin_thread_t *t, uintptr_t u0, uintptr_t u1, uintptr_t u2,
                          uintptr_t u3, uintptr_t pc, uintptr_t bp) {
  /* counted where scopes begin (model/ffipin_scope.c): Go's too */
  if (!ffipin_scope_begin(t, pc))
    ffipin_check_invalid_call(t, 0, "call_begin: call scopes nested deeper than 32 on one thread",
                              pc, bp);
}
FFIPIN_DEFERRABLE_HOOK(call_begin, (void), 0, 0, 0, 0)

static void do_call_end(ffipin_thread_t *t, uintptr_t u0, uintptr_t u1, uintptr_t u2, uintptr_t u3,
                        uintptr_t pc, uintptr_t bp) {
  if (!ffipin_check_scope_end(t, pc, bp))
    ffipin_check_invalid_call(t, 0, "call_end without a matching call_begin on this thread", pc,
                              bp);
}
FFIPIN_DEFERRABLE_HOOK(call_end, (void), 0, 0, 0, 0)

static void do_borrow(ffipin_thread_t *t, uintptr_t base, uintptr_t size, uintptr_t u2,
                      uintptr_t u3, uintptr_t pc, uintptr_t bp) {
  if (!size) size = 1;
  if (ffipin_check_range_wraps(t, "borrow", base, size, pc, bp)) return;
  if (!ffipin_scope_borrow(t, base, size))
    ffipin_check_invalid_call(
        t, base, "borrow outside a call scope (call __ffipin_call_begin first)", pc, bp);
}
FFIPIN_DEFERRABLE_HOOK(borrow, (const void *base, size_t size), base, size, 0, 0)

static void do_object_freed(ffipin_thread_t *t, uintptr_t base, uintptr_t size, uintptr_t u2,
                            uintptr_t u3, uintptr_t pc, uintptr_t bp) {
  if (ffipin_check_range_wraps(t, "object_freed", base, size, pc, bp)) return;
  ffipin_check_object_gone(t, FFIPIN_BUG_COLLECTED_WHILE_HELD, base, size, 0, pc, bp);
}
FFIPIN_DEFERRABLE_HOOK(object_freed, (const void *base, size_t size), base, size, 0, 0)

static void do_object_moved(ffipin_thread_t *t, uintptr_t from, uintptr_t to, uintptr_t size,
                            uintptr_t u3, uintptr_t pc, uintptr_t bp) {
  if (ffipin_check_range_wraps(t, "object_moved", from, size, pc, bp)) return;
  ffipin_check_object_gone(t, FFIPIN_BUG_MOVED_WHILE_HELD, from, size, to, pc, bp);
}
FFIPIN_DEFERRABLE_HOOK(object_moved, (const void *from, const void *to, size_t size), from, to,
                       size, 0)

// Queries: answered only when the runtime is free on this thread.

FFIPIN_EXPORT FFIPIN_NOINLINE size_t __ffipin_held_count(const void *base, size_t size) {
  uintptr_t pc = FFIPIN_CALLER_PC, bp = FFIPIN_FRAME;
  ffipin_thread_t *t = ffipin_enter();
  if (!t) return 0;
  size_t count = 0, n;
  if (!size) size = 1;
  if (!ffipin_check_range_wraps(t, "held_count", (uintptr_t)base, size, pc, bp)) {
    ffipin_held_t found[16];
    ffipin_held_cursor_t cursor = FFIPIN_HELD_CURSOR_INIT;
    uintptr_t last = (uintptr_t)base + (size - 1);
    while ((n = ffipin_held_scan((uintptr_t)base, last, &cursor, found, 16))) count += n;
  }
  ffipin_leave(t);
  return count;
}

FFIPIN_EXPORT FFIPIN_NOINLINE int __ffipin_is_foreign(const void *p) {
  ffipin_thread_t *t = ffipin_enter();
  if (!t) return 0;
  int foreign = ffipin_foreign_contains(t, (uintptr_t)p);
  ffipin_leave(t);
  return foreign;
}
