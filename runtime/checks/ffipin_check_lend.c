/* Lends that end: an unpin (pin-outlived, bad-unpin), a collected or moved
 * object (collected-while-held, moved-while-held), and pins never ended
 * (pin-leak at exit). */
#include "checks/ffipin_check_lend.h"

#include "diag/ffipin_report.h"

#include "base/ffipin_flags.h"
#include "base/ffipin_stats.h"
#include "model/ffipin_held.h"
#include "model/ffipin_pins.h"
#include "model/ffipin_shadow.h"

/* Where a lend ended: its stack (already captured by a binding), or the
 * pc/bp to capture it from, only if there is something to report (this
 * runs on every unpin). */
typedef struct {
  uintptr_t pc, bp;
  ffipin_stack_id_t stack;
} lend_end_t;

/* Reports every held slot that still points into [base, base+size) after
 * the lend described by `lend` ended (`end_what`, at `at`). Skips pointers
 * another pin still covers. */
static void report_held_into(ffipin_thread_t *t, ffipin_bug_kind_t kind, uintptr_t base,
                             uintptr_t size, uintptr_t moved_to, ffipin_report_stack_t lend,
                             const char *end_what, lend_end_t at) {
  uintptr_t pc = at.pc, bp = at.bp;
  if (!size) size = 1;
  if (!ffipin_shadow_any_held(base, size)) return;
  ffipin_report_stack_t end = {end_what, at.stack, t->tid};
  ffipin_held_t found[16];
  size_t cursor = 0, n;
  bool any_left = false;
  while ((n = ffipin_held_scan(base, base + size, &cursor, found, 16))) {
    for (size_t i = 0; i < n; i++) {
      any_left = true;
      if (kind == FFIPIN_BUG_PIN_OUTLIVED && ffipin_shadow_pinned(found[i].value)) continue;
      if (!end.stack) end.stack = ffipin_stack_capture(pc, bp);
      ffipin_report_t r = {
          .kind = kind,
          .slot = found[i].slot,
          .value = found[i].value,
          .range_begin = base,
          .range_size = size,
          .moved_to = moved_to,
          /* Collector events have no lend stack: the end goes second. */
          .stacks = {{"STORE of foreign pointer", found[i].stack, found[i].tid},
                     lend.what ? lend : end,
                     lend.what ? end : (ffipin_report_stack_t){NULL, 0, 0}},
      };
      ffipin_report_error(&r);
    }
  }
  /* Nothing holds into the range any more: later lends of it start clean. */
  if (!any_left) ffipin_shadow_clear_held(base, size);
}

static void check_unpin(ffipin_thread_t *t, uintptr_t base, lend_end_t at) {
  FFIPIN_COUNT(unpins);
  ffipin_pin_t ended;
  switch (ffipin_pins_remove(base, &ended)) {
  case FFIPIN_UNPIN_NOT_PINNED: {
    ffipin_report_t r = {
        .kind = FFIPIN_BUG_BAD_UNPIN,
        .range_begin = base,
        .stacks = {{"unpinned", at.stack ? at.stack : ffipin_stack_capture(at.pc, at.bp), t->tid}},
    };
    ffipin_report_error(&r);
    break;
  }
  case FFIPIN_UNPIN_NESTED:
    break;
  case FFIPIN_UNPIN_ENDED:
    report_held_into(t, FFIPIN_BUG_PIN_OUTLIVED, ended.base, ended.size, 0,
                     (ffipin_report_stack_t){"pinned", ended.stack, ended.tid}, "unpinned", at);
    break;
  }
}

void ffipin_check_unpin(ffipin_thread_t *t, uintptr_t base, uintptr_t pc, uintptr_t bp) {
  check_unpin(t, base, (lend_end_t){pc, bp, 0});
}

void ffipin_check_unpin_at(ffipin_thread_t *t, uintptr_t base, ffipin_stack_id_t stack) {
  check_unpin(t, base, (lend_end_t){0, 0, stack});
}

void ffipin_check_object_gone(ffipin_thread_t *t, ffipin_bug_kind_t kind, uintptr_t base,
                              uintptr_t size, uintptr_t moved_to, uintptr_t pc, uintptr_t bp) {
  report_held_into(t, kind, base, size, moved_to, (ffipin_report_stack_t){NULL, 0, 0},
                   kind == FFIPIN_BUG_MOVED_WHILE_HELD ? "moved" : "collected",
                   (lend_end_t){pc, bp, 0});
}

void ffipin_check_pin_dropped(ffipin_thread_t *t, uintptr_t base, ffipin_stack_id_t stack,
                              const char *why) {
  ffipin_pin_t pin;
  if (!ffipin_pins_lookup(base, &pin)) return;
  ffipin_report_t r = {
      .kind = FFIPIN_BUG_PIN_LEAK,
      .range_begin = pin.base,
      .range_size = pin.size,
      .pin_count = pin.count,
      .message = why,
      .stacks = {{"pinned", pin.stack, pin.tid}, {"dropped", stack, t->tid}},
  };
  ffipin_report_error(&r);
}

void ffipin_check_pin_leaks(void) {
  ffipin_pin_t pins[64];
  size_t cursor = 0, n;
  bool halt = ffipin_flags.halt_on_error, any = false;
  /* Every leak is listed before the process exits, as LeakSanitizer does. */
  ffipin_flags.halt_on_error = false;
  while ((n = ffipin_pins_snapshot(&cursor, pins, 64))) {
    for (size_t i = 0; i < n; i++) {
      ffipin_report_t r = {
          .kind = FFIPIN_BUG_PIN_LEAK,
          .range_begin = pins[i].base,
          .range_size = pins[i].size,
          .pin_count = pins[i].count,
          .stacks = {{"pinned", pins[i].stack, pins[i].tid}},
      };
      any |= ffipin_report_error(&r);
    }
  }
  ffipin_flags.halt_on_error = halt;
  if (any && halt) ffipin_die();
}
