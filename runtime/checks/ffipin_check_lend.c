/* Lends that end: an unpin (pin-outlived, bad-unpin), a collected or moved
 * object (collected-while-held, moved-while-held), and pins never ended
 * (pin-leak at exit). */
#include "checks/ffipin_check_lend.h"

#include "diag/ffipin_report.h"

#include "checks/ffipin_event_stack.h"

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

/* After an unpin of [base, last]: did the held entry e outlive it? A value
 * stored as an end pointer (one past a pinned granule: C's [begin, end)
 * pairs) belongs to the range it ends: last + 1 does, unless a pin still
 * covers it; base does not while the byte before it is pinned (the end of
 * the object before, still lent). A value stored while both its own
 * granule and the one before were pinned is ambiguous (the end of one
 * object, the start of the next): it is reported once neither is pinned. Any
 * other value in the range outlived the pin unless another pin covers it. */
static bool outlived_this_pin(const ffipin_held_t *e, uintptr_t base, uintptr_t last) {
  uintptr_t v = e->value;
  if (ffipin_shadow_pinned(v)) return false;
  if (v == last + 1 && last != UINTPTR_MAX) return e->end_pointer;
  return !(v == base && e->end_pointer && ffipin_shadow_pinned(v - 1));
}

/* Reports every held slot that still points into [base, base+size) after
 * the lend described by `lend` ended (`end_what`, at `at`). The end stack
 * is captured only if there is something to report: this runs on every
 * unpin. Costs what is held in the range (the index is ordered by value). */
static void report_held_into(ffipin_thread_t *t, ffipin_bug_kind_t kind, uintptr_t base,
                             uintptr_t size, uintptr_t moved_to, ffipin_report_stack_t lend,
                             const char *end_what, lend_end_t at) {
  uintptr_t pc = at.pc, bp = at.bp;
  if (!size) size = 1;
  if (!ffipin_held_size()) return;
  bool unpin = kind == FFIPIN_BUG_PIN_OUTLIVED;
  uintptr_t last = base + (size - 1);
  uintptr_t vlast = unpin && last != UINTPTR_MAX ? last + 1 : last;
  ffipin_report_stack_t end = {end_what, at.stack, t->tid};
  ffipin_held_t found[16];
  ffipin_held_cursor_t cursor = FFIPIN_HELD_CURSOR_INIT;
  size_t n;
  while ((n = ffipin_held_scan(base, vlast, &cursor, found, 16))) {
    for (size_t i = 0; i < n; i++) {
      if (unpin && !outlived_this_pin(&found[i], base, last)) continue;
      /* Still the same now that the pins were looked at (a program that
       * clears its slot before it unpins the object the slot points to
       * never has it reported against a neighbour's unpin), and still the
       * program's slot (not freed meanwhile: its bytes may linger). */
      uintptr_t again;
      if (!ffipin_held_reread(found[i].slot, &again) || again != found[i].value ||
          !ffipin_held_still(&found[i]))
        continue;
      if (!end.stack) end.stack = ffipin_event_stack(pc, bp);
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
}

static void check_unpin(ffipin_thread_t *t, uintptr_t base, lend_end_t at) {
  FFIPIN_COUNT(unpins);
  ffipin_pin_t ended;
  switch (ffipin_pins_remove(base, &ended)) {
  case FFIPIN_UNPIN_NOT_PINNED: {
    ffipin_report_t r = {
        .kind = FFIPIN_BUG_BAD_UNPIN,
        .range_begin = base,
        .stacks = {{"unpinned", at.stack ? at.stack : ffipin_event_stack(at.pc, at.bp), t->tid}},
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

/* halt_on_error is read by reports under the report lock: changed only
 * under it, so that reports on other threads never race with the change. */
static bool set_halt_on_error(bool halt) {
  ffipin_report_lock();
  bool was = ffipin_flags.halt_on_error;
  ffipin_flags.halt_on_error = halt;
  ffipin_report_unlock();
  return was;
}

void ffipin_check_pin_leaks(void) {
  ffipin_pin_t pins[64];
  size_t cursor = 0, n;
  bool any = false;
  /* Every leak is listed before the process exits, as LeakSanitizer does. */
  bool halt = set_halt_on_error(false);
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
  set_halt_on_error(halt);
  if (any && halt) ffipin_die();
}
