/* The pass's out-of-line entry points (base/ffipin_abi.h), with the
 * preserve_most convention the pass calls them with (FFIPIN_ABI_ENTRY).
 * The inline fast path already found the value inside the bounds of
 * foreign memory; the checks layer decides the rest. */
#include "base/ffipin_abi.h"
#include "checks/ffipin_checks.h"
#include "entry/ffipin_init.h"
#include "model/ffipin_bounds.h"
#include "model/ffipin_foreign.h"
#include "model/ffipin_held.h"

/* The two store entry points differ only in how sure the pass is that the
 * word is a pointer; a macro keeps the caller's pc/frame in each. */
#define STORE_ENTRY(kind)                                                                          \
  ffipin_thread_t *t = ffipin_enter();                                                             \
  if (!t) return;                                                                                  \
  ffipin_stack_id_t stack = 0;                                                                     \
  ffipin_check_store(t, (uintptr_t)slot, value, kind, &stack, FFIPIN_CALLER_PC, FFIPIN_FRAME);     \
  ffipin_leave(t)

FFIPIN_EXPORT FFIPIN_NOINLINE FFIPIN_ABI_ENTRY void __ffipin_store(void *slot, uintptr_t value) {
  STORE_ENTRY(FFIPIN_STORE_POINTER);
}

FFIPIN_EXPORT FFIPIN_NOINLINE FFIPIN_ABI_ENTRY void __ffipin_store_int_copy(void *slot,
                                                                            uintptr_t value) {
  STORE_ENTRY(FFIPIN_STORE_GUESS);
}

/* The copied bytes carry pointers with them. Bytes copied out of foreign
 * memory (a Go struct copied into a C one) may hold foreign pointers the
 * pass never saw stored: every aligned word of the destination in range
 * becomes a held slot (a guess: it may be data), stored at the copy's call
 * site. Bytes copied out of C memory carry only what was tracked there:
 * the held slots of the source are recorded again at the destination. */
FFIPIN_EXPORT FFIPIN_NOINLINE FFIPIN_ABI_ENTRY void __ffipin_memcpy(void *dst, const void *src,
                                                                    size_t n) {
  if (n < sizeof(uintptr_t)) return;
  ffipin_thread_t *t = ffipin_enter();
  if (!t) return;
  uintptr_t d = (uintptr_t)dst, s = (uintptr_t)src, end = d + n;
  uintptr_t pc = FFIPIN_CALLER_PC, bp = FFIPIN_FRAME;
  if (ffipin_foreign_contains(t, s)) {
    ffipin_stack_id_t stack = 0;
    for (uintptr_t a = (d + 7) & ~(uintptr_t)7; a + sizeof(uintptr_t) <= end;
         a += sizeof(uintptr_t)) {
      uintptr_t w = *(const uintptr_t *)a;
      if (ffipin_bounds_may_contain(w))
        ffipin_check_store(t, a, w, FFIPIN_STORE_GUESS, &stack, pc, bp);
    }
  } else if (ffipin_held_size()) {
    ffipin_held_copy_range(s, s + n, d, pc, bp, t->tid);
  }
  ffipin_leave(t);
}
