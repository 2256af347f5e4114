/* The pass's out-of-line entry points (base/ffipin_abi.h), with the
 * preserve_most convention the pass calls them with (FFIPIN_ABI_ENTRY).
 * The inline fast path already found the value inside the bounds of
 * foreign memory; the checks layer decides the rest. */
#include "base/ffipin_abi.h"
#include "checks/ffipin_checks.h"
#include "entry/ffipin_hook.h"
#include "model/ffipin_bounds.h"
#include "model/ffipin_foreign.h"
#include "model/ffipin_held.h"

/* The two store entry points differ only in how sure the pass is that the
 * word is a pointer. The hook's own frame (bp, its fourth argument) bounds
 * the storing thread's live stack at the store, also for a store that is
 * kept and replayed later. */
static void do_store(ffipin_thread_t *t, uintptr_t slot, uintptr_t value, uintptr_t kind,
                     uintptr_t live_from, uintptr_t pc, uintptr_t bp) {
  ffipin_store_site_t site = {0, t->tid, pc, bp, live_from};
  ffipin_check_store(t, slot, value, (ffipin_store_kind_t)kind, &site);
}
static void do_store_int_copy(ffipin_thread_t *t, uintptr_t slot, uintptr_t value, uintptr_t kind,
                              uintptr_t u3, uintptr_t pc, uintptr_t bp) {
  do_store(t, slot, value, kind, u3, pc, bp);
}
FFIPIN_DEFERRABLE_HOOK_WITH(FFIPIN_ABI_ENTRY, store, (void *slot, uintptr_t value), slot, value,
                            FFIPIN_STORE_POINTER, bp)
FFIPIN_DEFERRABLE_HOOK_WITH(FFIPIN_ABI_ENTRY, store_int_copy, (void *slot, uintptr_t value), slot,
                            value, FFIPIN_STORE_GUESS, bp)

/* The copied bytes carry pointers with them. Bytes copied out of foreign
 * memory (a Go struct copied into a C one) may hold foreign pointers the
 * pass never saw stored: every aligned word of the destination in range
 * becomes a held slot (a guess: it may be data), stored at the copy's call
 * site. Bytes copied out of C memory carry only what was tracked there:
 * the held slots of the source are recorded again at the destination. */
static void do_memcpy_hook(ffipin_thread_t *t, uintptr_t d, uintptr_t s, uintptr_t n, uintptr_t u3,
                           uintptr_t pc, uintptr_t bp) {
  ffipin_store_site_t site = {0, t->tid, pc, bp, 0};
  if (ffipin_foreign_contains(t, s)) {
    uintptr_t end = d + n;
    for (uintptr_t a = (d + 7) & ~(uintptr_t)7; a + sizeof(uintptr_t) <= end;
         a += sizeof(uintptr_t)) {
      uintptr_t w = *(const uintptr_t *)a;
      if (ffipin_bounds_may_contain(w)) ffipin_check_store(t, a, w, FFIPIN_STORE_GUESS, &site);
    }
  } else if (ffipin_held_size()) {
    ffipin_check_copy(t, d, s, n, &site);
  }
}

static void replay_memcpy(ffipin_thread_t *t, const ffipin_deferred_t *d) {
  do_memcpy_hook(t, d->arg[0], d->arg[1], d->arg[2], 0, d->pc, 0);
}

FFIPIN_EXPORT FFIPIN_NOINLINE FFIPIN_ABI_ENTRY void __ffipin_memcpy(void *dst, const void *src,
                                                                    size_t n) {
  if (n < sizeof(uintptr_t)) return;
  uintptr_t pc = FFIPIN_CALLER_PC, bp = FFIPIN_FRAME;
  ffipin_thread_t *t =
      ffipin_enter_or_defer(replay_memcpy, (uintptr_t)dst, (uintptr_t)src, n, 0, pc);
  if (!t) return;
  do_memcpy_hook(t, (uintptr_t)dst, (uintptr_t)src, n, 0, pc, bp);
  ffipin_leave(t);
}
