/* The slow path of a store: the inline check found the value inside the
 * bounds of foreign memory; here the value and the slot are classified
 * precisely, and a held slot is recorded. */
#include "checks/ffipin_check_store.h"

#include "diag/ffipin_report.h"

#include "checks/ffipin_event_stack.h"

#include "base/ffipin_asan.h"
#include "base/ffipin_flags.h"
#include "base/ffipin_stats.h"
#include "diag/ffipin_log.h"
#include "model/ffipin_foreign.h"
#include "model/ffipin_heaps.h"
#include "model/ffipin_held.h"
#include "model/ffipin_scope.h"
#include "model/ffipin_shadow.h"

/* A slot in the storing thread's live stack (at the store) dies with its
 * frame; so does one in a live frame ASan moved to its fake stack. */
static bool slot_is_live_stack(uintptr_t slot, uintptr_t live_from) {
  uintptr_t here = live_from ? live_from : FFIPIN_FRAME;
  if (slot >= here && slot < ffipin_thread_stack_hi()) return true;
  return ffipin_fake_stack_live_frame(slot, here);
}

/* C memory that outlives the store: not foreign memory (the GC owns what is
 * in it), not the storing thread's live stack. */
static bool slot_is_c_resident(const ffipin_thread_t *t, uintptr_t slot, uintptr_t live_from) {
  if (ffipin_foreign_contains(t, slot)) return false;
  return ffipin_flags.track_stack_slots || !slot_is_live_stack(slot, live_from);
}

void ffipin_check_store(ffipin_thread_t *t, uintptr_t slot, uintptr_t value,
                        ffipin_store_kind_t kind, ffipin_store_site_t *site) {
  /* Whether the store is in a call scope decides its judgement. */
  ffipin_scope_open_announced(t);
  uintptr_t hlo = 0, hhi = 0;
  const char *heap = ffipin_heaps_find(value, &hlo, &hhi);
  bool end_pointer = ffipin_foreign_end_pointer(t, value);
  bool pinned = ffipin_shadow_pinned(value) || end_pointer;
  bool borrowed = ffipin_scope_find_borrow(t, value, NULL) >= 0;
  FFIPIN_COUNT(slow_path_stores);
  if (!heap && !pinned && !borrowed) return; /* inside the bounds, but not foreign */
  if (!slot_is_c_resident(t, slot, site->live_from)) return;
  if (!site->stack) site->stack = ffipin_event_stack(site->pc, site->bp);
  uint64_t stamp = ffipin_held_record(slot, value, site->stack, site->tid, end_pointer);
  FFIPIN_COUNT(held_records);
  /* An unpin that ended the pin between the look above and the record did
   * not see the record: look again. Any unpin after the record finds it
   * (it updates the shadow before it scans, we record before we look). */
  if (pinned) pinned = ffipin_shadow_pinned(value) || ffipin_foreign_end_pointer(t, value);
  if (!heap && !pinned && !borrowed) {
    ffipin_held_forget_if(slot, stamp); /* the lend ended before the store */
    return;
  }
  ffipin_verbose(2, "held slot %p = %p (T%u, scope depth %u)", (void *)slot, (void *)value, t->tid,
                 t->depth);
  if (t->depth) {
    ffipin_scope_log_slot(t, slot);
  } else if (heap && !pinned && kind == FFIPIN_STORE_POINTER) {
    ffipin_report_t r = {
        .kind = FFIPIN_BUG_UNPINNED_STORE,
        .slot = slot,
        .value = value,
        .range_begin = hlo,
        .range_size = hhi - hlo,
        .heap_name = heap,
        .stacks = {{"STORE of foreign pointer", site->stack, site->tid}},
    };
    ffipin_report_error(&r);
  }
}
