/* The public interface (include/sanitizer/ffipin_interface.h): what a
 * managed runtime's binding calls. Each entry point takes its caller's pc
 * and frame first, so stacks in reports start in the binding, never in the
 * runtime. */
#include <sanitizer/ffipin_interface.h>

#include "ffipin_flags.h"
#include "ffipin_held.h"
#include "ffipin_heaps.h"
#include "ffipin_init.h"
#include "ffipin_output.h"
#include "ffipin_pins.h"
#include "ffipin_report.h"
#include "ffipin_scope.h"
#include "ffipin_shadow.h"
#include "ffipin_stats.h"

/* Runs the body with the thread's recursion guard held; pc/bp are taken
 * here, in the exported function, so stacks start at its caller. */
#define ENTER()                                   \
  uptr pc = FFIPIN_CALLER_PC, bp = FFIPIN_FRAME;  \
  (void)pc; (void)bp;                             \
  ffipin_thread *t = ffipin_enter();              \
  if (!t) return RETVAL
#define LEAVE() ffipin_leave(t)

static void invalid_call(ffipin_thread *t, uptr addr, const char *msg, uptr pc, uptr bp) {
  ffipin_report r = {
      .kind = ffipin_bug_InvalidCall,
      .range_begin = addr,
      .message = msg,
      .stacks = {{"called", ffipin_stack_capture(pc, bp), t->tid}},
  };
  ffipin_report_error(&r);
}

/* Reports every held slot that still points into [base, base+size) after
 * the lend described by `lend` ended (`end_what`, at the caller of the entry
 * point that took pc/bp). Skips pointers another pin still covers. The end
 * stack is captured only if there is something to report: this runs on
 * every unpin. */
static void report_held_into(ffipin_thread *t, ffipin_bug_kind kind, uptr base,
                             uptr size, uptr moved_to, ffipin_report_stack lend,
                             const char *end_what, uptr pc, uptr bp) {
  if (!size) size = 1;
  if (!ffipin_shadow_any_held(base, size)) return;
  ffipin_report_stack end = {end_what, 0, t->tid};
  ffipin_held found[16];
  size_t cursor = 0, n;
  bool any_left = false;
  while ((n = ffipin_held_scan(base, base + size, &cursor, found, 16))) {
    for (size_t i = 0; i < n; i++) {
      any_left = true;
      if (kind == ffipin_bug_PinOutlived && ffipin_shadow_pinned(found[i].value))
        continue;
      if (!end.stack) end.stack = ffipin_stack_capture(pc, bp);
      ffipin_report r = {
          .kind = kind,
          .slot = found[i].slot,
          .value = found[i].value,
          .range_begin = base,
          .range_size = size,
          .moved_to = moved_to,
          /* Collector events have no lend stack: the end goes second. */
          .stacks = {{"STORE of foreign pointer", found[i].stack, found[i].tid},
                     lend.what ? lend : end,
                     lend.what ? end : (ffipin_report_stack){NULL, 0, 0}},
      };
      ffipin_report_error(&r);
    }
  }
  /* Nothing holds into the range any more: later lends of it start clean. */
  if (!any_left) ffipin_shadow_clear_held(base, size);
}

#define RETVAL
FFIPIN_EXPORT FFIPIN_NOINLINE void __ffipin_heap_register(const void *begin, size_t size, const char *name) {
  ENTER();
  if (!ffipin_heaps_add((uptr)begin, size, name))
    invalid_call(t, (uptr)begin, "heap_register: more separate heap ranges than the runtime tracks (512)", pc, bp);
  ffipin_verbose(1, "heap '%s' registered: [%p,%p)", name ? name : "foreign", begin,
                 (const char *)begin + size);
  LEAVE();
}

FFIPIN_EXPORT FFIPIN_NOINLINE void __ffipin_heap_unregister(const void *begin, size_t size) {
  ENTER();
  if (!ffipin_heaps_remove((uptr)begin, size))
    invalid_call(t, (uptr)begin, "heap_unregister of a range that is not a registered heap", pc, bp);
  ffipin_verbose(1, "heap range unregistered: [%p,%p)", begin, (const char *)begin + size);
  LEAVE();
}

FFIPIN_EXPORT FFIPIN_NOINLINE void __ffipin_pin(const void *base, size_t size) {
  ENTER();
  FFIPIN_COUNT(pins);
  if (!base) {
    invalid_call(t, 0, "pin of a null pointer", pc, bp);
  } else {
    ffipin_pins_add((uptr)base, size ? size : 1, ffipin_stack_capture(pc, bp), t->tid);
  }
  LEAVE();
}

void ffipin_unpin_at(ffipin_thread *t, uptr base, uptr pc, uptr bp) {
  FFIPIN_COUNT(unpins);
  ffipin_pin ended;
  switch (ffipin_pins_remove(base, &ended)) {
    case ffipin_unpin_not_pinned: {
      ffipin_report r = {
          .kind = ffipin_bug_BadUnpin,
          .range_begin = base,
          .stacks = {{"unpinned", ffipin_stack_capture(pc, bp), t->tid}},
      };
      ffipin_report_error(&r);
      break;
    }
    case ffipin_unpin_nested:
      break;
    case ffipin_unpin_ended:
      report_held_into(t, ffipin_bug_PinOutlived, ended.base, ended.size, 0,
                       (ffipin_report_stack){"pinned", ended.stack, ended.tid},
                       "unpinned", pc, bp);
      break;
  }
}

FFIPIN_EXPORT FFIPIN_NOINLINE void __ffipin_unpin(const void *base) {
  ENTER();
  ffipin_unpin_at(t, (uptr)base, pc, bp);
  LEAVE();
}

FFIPIN_EXPORT FFIPIN_NOINLINE void __ffipin_call_begin(void) {
  ENTER();
  FFIPIN_COUNT(call_scopes);
  if (!ffipin_scope_begin(t, pc))
    invalid_call(t, 0, "call_begin: call scopes nested deeper than 32 on one thread", pc, bp);
  LEAVE();
}

FFIPIN_EXPORT FFIPIN_NOINLINE void __ffipin_call_end(void) {
  ENTER();
  if (!ffipin_scope_end(t, pc, bp))
    invalid_call(t, 0, "call_end without a matching call_begin on this thread", pc, bp);
  LEAVE();
}

FFIPIN_EXPORT FFIPIN_NOINLINE void __ffipin_borrow(const void *base, size_t size) {
  ENTER();
  if (!ffipin_scope_borrow(t, (uptr)base, size ? size : 1))
    invalid_call(t, (uptr)base, "borrow outside a call scope (call __ffipin_call_begin first)", pc, bp);
  LEAVE();
}

FFIPIN_EXPORT FFIPIN_NOINLINE void __ffipin_object_freed(const void *base, size_t size) {
  ENTER();
  report_held_into(t, ffipin_bug_CollectedWhileHeld, (uptr)base, size, 0,
                   (ffipin_report_stack){NULL, 0, 0}, "collected", pc, bp);
  LEAVE();
}

FFIPIN_EXPORT FFIPIN_NOINLINE void __ffipin_object_moved(const void *from, const void *to, size_t size) {
  ENTER();
  report_held_into(t, ffipin_bug_MovedWhileHeld, (uptr)from, size, (uptr)to,
                   (ffipin_report_stack){NULL, 0, 0}, "moved", pc, bp);
  LEAVE();
}
#undef RETVAL

#define RETVAL 0
FFIPIN_EXPORT FFIPIN_NOINLINE size_t __ffipin_held_count(const void *base, size_t size) {
  ENTER();
  size_t count = 0, cursor = 0, n;
  ffipin_held found[16];
  while ((n = ffipin_held_scan((uptr)base, (uptr)base + (size ? size : 1), &cursor, found, 16)))
    count += n;
  LEAVE();
  return count;
}

FFIPIN_EXPORT FFIPIN_NOINLINE int __ffipin_is_foreign(const void *p) {
  ENTER();
  uptr a = (uptr)p;
  int foreign = ffipin_heaps_find(a, NULL, NULL) || ffipin_shadow_pinned(a) ||
                ffipin_scope_find_borrow(t, a, NULL) >= 0;
  LEAVE();
  return foreign;
}
#undef RETVAL
