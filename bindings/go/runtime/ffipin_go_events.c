/* The Go side knows its own stacks (frame pointers, walked by the glue on
 * the goroutine), so these events carry them; the C unwinder could not
 * reach them from the system stack without a cgo call's frame layout. */
#include "ffipin_go_events.h"

#include "base/ffipin_flags.h"
#include "checks/ffipin_checks.h"
#include "entry/ffipin_init.h"
#include "ffipin_go_errno.h"
#include "ffipin_go_stacks.h"
#include "model/ffipin_lends.h"
#include "model/ffipin_modules.h"
#include "model/ffipin_pins.h"

static ffipin_stack_id_t go_stack(const uintptr_t *frames, uintptr_t n) {
  size_t max = (size_t)ffipin_flags.stack_depth;
  if (n > FFIPIN_GO_EVENT_FRAMES) n = FFIPIN_GO_EVENT_FRAMES;
  return ffipin_stack_from_pcs(frames, n < max ? n : max);
}

void __ffipin_go_pin_event(ffipin_go_pin_event_t *ev) {
  FFIPIN_GO_KEEP_ERRNO;
  ffipin_thread_t *t = ffipin_enter();
  if (!t) return;
  ffipin_stack_id_t stack = go_stack(ev->frames, ev->nframes);
  ffipin_pin_t pin;
  if (ev->pinned) {
    ffipin_pins_add(ev->base, ev->size ? ev->size : 1, stack, t->tid);
  } else if (ffipin_lends_watched() && ffipin_pins_lookup(ev->base, &pin) && pin.count == 1) {
    ffipin_check_unpin_at(t, ev->base, stack);
    /* The pin ended: a lend for scan mode (no Go callback here: this runs
     * inside setPinned, under the span's lock). */
    ffipin_ended_lend_t l = {.base = pin.base,
                             .size = pin.size,
                             .lend = pin.stack,
                             .lend_tid = pin.tid,
                             .end = stack,
                             .end_tid = t->tid};
    uint64_t began;
    if (ffipin_check_unseen_begin(&began)) ffipin_check_unseen_lend_end(t, &l, NULL, began);
  } else {
    ffipin_check_unpin_at(t, ev->base, stack);
  }
  ffipin_leave(t);
}

void __ffipin_go_pinner_leaked(ffipin_go_leak_event_t *ev) {
  FFIPIN_GO_KEEP_ERRNO;
  ffipin_thread_t *t = ffipin_enter();
  if (!t) return;
  ffipin_stack_id_t stack = go_stack(ev->frames, ev->nframes);
  uintptr_t n = ev->nbases < FFIPIN_GO_EVENT_FRAMES ? ev->nbases : FFIPIN_GO_EVENT_FRAMES;
  for (uintptr_t i = 0; i < n; i++)
    ffipin_check_pin_dropped(t, ev->bases[i], stack,
                             "is still pinned by a runtime.Pinner that was garbage-collected "
                             "without Unpin (Go panics: found leaking pinned pointer)");
  ffipin_leave(t);
}

void __ffipin_go_start(void *unused) {
  ffipin_go_stacks_install();
  ffipin_thread_t *t = ffipin_enter();
  if (!t) return;
  if (ffipin_flags.scan_uninstrumented) {
    ffipin_modules_refresh();
    ffipin_lends_watch();
  }
  ffipin_leave(t);
}

void __ffipin_go_exit(void *unused) {
  /* Called by asmcgocall from the exiting goroutine: what lies below its
   * stack pointer is dead, and its stale words are no roots. */
  uintptr_t fp, sp, lo, hi;
  if (ffipin_go_switch_frame(FFIPIN_FRAME, &fp, &sp, &lo, &hi))
    ffipin_check_managed_leaks_exclude(lo, sp);
  ffipin_run_exit_checks();
}
