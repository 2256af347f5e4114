/* The fast path's bounds of foreign memory (base/ffipin_abi.h): the one
 * global the pass's inline checks read. The foreign bounds only grow and
 * the copy bounds narrow only when the last held slot goes, so that no
 * racing reader ever sees a hole (the protocol is in ffipin_abi.h). */
#ifndef FFIPIN_BOUNDS_H
#define FFIPIN_BOUNDS_H

#include "base/ffipin_abi.h"
#include "base/ffipin_common.h"

/* Grows the bounds to include [begin, begin+size). */
void ffipin_bounds_include(uintptr_t begin, uintptr_t size) FFIPIN_INTERNAL;
/* Publishes the number of held slots (0: none) for the pass's memcpy check,
 * which folds "any held" into the copy bounds. Called under the held
 * table's lock. */
void ffipin_bounds_set_held(uint64_t n) FFIPIN_INTERNAL;
/* The bounds now, [*lo, *hi) (each word read on its own: a scan that
 * races a widening may miss the new part, as the fast path may). */
void ffipin_bounds_get(uintptr_t *lo, uintptr_t *hi) FFIPIN_INTERNAL;
/* The words the pass's inline checks read (defined in ffipin_bounds.c). */
extern ffipin_bounds_t __ffipin_foreign_bounds;
/* The fast path's check, for runtime code that scans memory and for hooks
 * that run on every foreign call (inline: two loads and two compares). The
 * reader's half of the protocol in ffipin_abi.h, as the pass emits it: each
 * word on its own, in any order. */
static inline bool ffipin_bounds_may_contain(uintptr_t value) {
  return value < __atomic_load_n(&__ffipin_foreign_bounds.hi, __ATOMIC_RELAXED) &&
         value >= __atomic_load_n(&__ffipin_foreign_bounds.lo, __ATOMIC_RELAXED);
}

/* For fork: hold/release the writer lock. */
void ffipin_bounds_lock(void) FFIPIN_INTERNAL;
void ffipin_bounds_unlock(void) FFIPIN_INTERNAL;
void ffipin_copy_bounds_lock(void) FFIPIN_INTERNAL;
void ffipin_copy_bounds_unlock(void) FFIPIN_INTERNAL;

#endif
