/* The pass's out-of-line entry points. The inline fast path already found
 * the value inside the bounding range of foreign memory; here the value and
 * the slot are classified precisely, and a held slot is recorded. */
#include "ffipin_abi.h"
#include "ffipin_flags.h"
#include "ffipin_held.h"
#include "ffipin_heaps.h"
#include "ffipin_init.h"
#include "ffipin_output.h"
#include "ffipin_report.h"
#include "ffipin_scope.h"
#include "ffipin_shadow.h"
#include "ffipin_stats.h"
#include "ffipin_store.h"

/* Foreign memory is never a C-resident slot: the GC owns what is in it. */
static bool slot_is_foreign(ffipin_thread *t, uptr slot) {
  return ffipin_heaps_find(slot, NULL, NULL) || ffipin_shadow_pinned(slot) ||
         ffipin_scope_find_borrow(t, slot, NULL) >= 0;
}

/* A slot in the storing thread's live stack dies with its frame. */
static bool slot_is_live_stack(uptr slot) {
  uptr here = FFIPIN_FRAME;
  return slot >= here && slot < ffipin_thread_stack_hi();
}

void ffipin_store_slow(ffipin_thread *t, uptr slot, uptr value, ffipin_store_kind kind,
                       ffipin_stack_id *stack, uptr pc, uptr bp) {
  uptr hlo = 0, hhi = 0;
  const char *heap = ffipin_heaps_find(value, &hlo, &hhi);
  bool pinned = ffipin_shadow_pinned(value);
  FFIPIN_COUNT(slow_path_stores);
  if (!heap && !pinned && ffipin_scope_find_borrow(t, value, NULL) < 0)
    return; /* inside the bounding range, but not foreign */
  if (slot_is_foreign(t, slot)) return;
  if (!ffipin_flags.track_stack_slots && slot_is_live_stack(slot)) return;
  if (!*stack) *stack = ffipin_stack_capture(pc, bp);
  ffipin_held_record(slot, value, *stack, t->tid);
  FFIPIN_COUNT(held_records);
  ffipin_shadow_mark_held(value);
  ffipin_verbose(2, "held slot %p = %p (T%u, scope depth %u)", (void *)slot,
                 (void *)value, t->tid, t->depth);
  if (t->depth) {
    ffipin_scope_log_slot(t, slot);
  } else if (heap && !pinned && kind == ffipin_store_pointer) {
    ffipin_report r = {
        .kind = ffipin_bug_UnpinnedStore,
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

/* The two store entry points differ only in how sure the pass is that the
 * word is a pointer; a macro keeps the caller's pc/frame in each. */
#define STORE_ENTRY(kind)                                                  \
  ffipin_thread *t = ffipin_enter();                                       \
  if (!t) return;                                                          \
  ffipin_stack_id stack = 0;                                               \
  ffipin_store_slow(t, (uptr)slot, value, kind, &stack, FFIPIN_CALLER_PC,  \
                    FFIPIN_FRAME);                                         \
  ffipin_leave(t)

FFIPIN_EXPORT FFIPIN_NOINLINE void __ffipin_store(void *slot, uptr value) {
  STORE_ENTRY(ffipin_store_pointer);
}

FFIPIN_EXPORT FFIPIN_NOINLINE void __ffipin_store_int_copy(void *slot, uptr value) {
  STORE_ENTRY(ffipin_store_guess);
}

/* The copied bytes carry pointers with them. Bytes copied out of foreign
 * memory (a Go struct copied into a C one) may hold foreign pointers the
 * pass never saw stored: every aligned word of the destination in range
 * becomes a held slot (a guess: it may be data), stored at the copy's call
 * site. Bytes copied out of C memory carry only what was tracked there:
 * the held slots of the source are recorded again at the destination. */
FFIPIN_EXPORT FFIPIN_NOINLINE void __ffipin_memcpy(void *dst, const void *src, size_t n) {
  if (n < sizeof(uptr)) return;
  ffipin_thread *t = ffipin_enter();
  if (!t) return;
  uptr d = (uptr)dst, s = (uptr)src, end = d + n;
  uptr pc = FFIPIN_CALLER_PC, bp = FFIPIN_FRAME;
  if (slot_is_foreign(t, s)) {
    ffipin_stack_id stack = 0;
    for (uptr a = (d + 7) & ~(uptr)7; a + sizeof(uptr) <= end; a += sizeof(uptr)) {
      uptr w = *(const uptr *)a;
      if (ffipin_range_may_contain(w))
        ffipin_store_slow(t, a, w, ffipin_store_guess, &stack, pc, bp);
    }
  } else if (ffipin_held_size()) {
    ffipin_held_copy_range(s, s + n, d, pc, bp, t->tid);
  }
  ffipin_leave(t);
}
