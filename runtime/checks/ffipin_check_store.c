/* The slow path of a store: the inline check found the value inside the
 * bounds of foreign memory; here the value and the slot are classified
 * precisely, and a held slot is recorded. */
#include "checks/ffipin_check_store.h"

#include "diag/ffipin_report.h"

#include "base/ffipin_flags.h"
#include "base/ffipin_stats.h"
#include "diag/ffipin_log.h"
#include "model/ffipin_foreign.h"
#include "model/ffipin_heaps.h"
#include "model/ffipin_held.h"
#include "model/ffipin_scope.h"
#include "model/ffipin_shadow.h"

/* A slot in the storing thread's live stack dies with its frame. */
static bool slot_is_live_stack(uintptr_t slot) {
  uintptr_t here = FFIPIN_FRAME;
  return slot >= here && slot < ffipin_thread_stack_hi();
}

void ffipin_check_store(ffipin_thread_t *t, uintptr_t slot, uintptr_t value,
                        ffipin_store_kind_t kind, ffipin_stack_id_t *stack, uintptr_t pc,
                        uintptr_t bp) {
  uintptr_t hlo = 0, hhi = 0;
  const char *heap = ffipin_heaps_find(value, &hlo, &hhi);
  bool pinned = ffipin_shadow_pinned(value);
  FFIPIN_COUNT(slow_path_stores);
  if (!heap && !pinned && ffipin_scope_find_borrow(t, value, NULL) < 0)
    return; /* inside the bounds, but not foreign */
  /* Foreign memory is never a C-resident slot: the GC owns what is in it. */
  if (ffipin_foreign_contains(t, slot)) return;
  if (!ffipin_flags.track_stack_slots && slot_is_live_stack(slot)) return;
  if (!*stack) *stack = ffipin_stack_capture(pc, bp);
  ffipin_held_record(slot, value, *stack, t->tid);
  FFIPIN_COUNT(held_records);
  ffipin_shadow_mark_held(value);
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
        .stacks = {{"STORE of foreign pointer", *stack, t->tid}},
    };
    ffipin_report_error(&r);
  }
}
