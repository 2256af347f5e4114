#include "model/ffipin_bounds.h"

#include <stddef.h>

#include "base/ffipin_abi.h"
#include "base/ffipin_lock.h"

FFIPIN_EXPORT ffipin_bounds_t __ffipin_foreign_bounds;

/* The pass addresses the fields by index (ffipin_abi.h). */
_Static_assert(offsetof(ffipin_bounds_t, lo) == FFIPIN_BOUNDS_LO * sizeof(uint64_t), "lo");
_Static_assert(offsetof(ffipin_bounds_t, size) == FFIPIN_BOUNDS_SIZE * sizeof(uint64_t), "size");
_Static_assert(offsetof(ffipin_bounds_t, held) == FFIPIN_BOUNDS_HELD * sizeof(uint64_t), "held");
_Static_assert(sizeof(ffipin_bounds_t) == FFIPIN_BOUNDS_FIELDS * sizeof(uint64_t), "fields");

static ffipin_lock_t bounds_lock = FFIPIN_LOCK_INIT;

void ffipin_bounds_lock(void) { ffipin_lock_acquire(&bounds_lock); }
void ffipin_bounds_unlock(void) { ffipin_lock_release(&bounds_lock); }

void ffipin_bounds_set_held(uint64_t n) {
  __atomic_store_n(&__ffipin_foreign_bounds.held, n, __ATOMIC_RELAXED);
}

/* The reader's half of the protocol in ffipin_abi.h, as the pass emits it. */
void ffipin_bounds_get(uintptr_t *lo, uintptr_t *size) {
  *lo = __atomic_load_n(&__ffipin_foreign_bounds.lo, __ATOMIC_ACQUIRE);
  *size = __atomic_load_n(&__ffipin_foreign_bounds.size, __ATOMIC_RELAXED);
}

bool ffipin_bounds_may_contain(uintptr_t value) {
  uintptr_t lo, size;
  ffipin_bounds_get(&lo, &size);
  return value - lo < size;
}

void ffipin_bounds_include(uintptr_t begin, uintptr_t size) {
  if (size == 0) size = 1;
  uintptr_t end = begin + size;
  if (ffipin_bounds_may_contain(begin) && ffipin_bounds_may_contain(end - 1)) return;
  ffipin_lock_acquire(&bounds_lock);
  uint64_t lo = __ffipin_foreign_bounds.lo, sz = __ffipin_foreign_bounds.size;
  uint64_t hi = lo + sz;
  if (sz == 0) {
    lo = begin;
    hi = end;
  }
  uint64_t nlo = begin < lo ? begin : lo;
  uint64_t nhi = end > hi ? end : hi;
  /* The writer's half: size first, then lo with release. */
  __atomic_store_n(&__ffipin_foreign_bounds.size, nhi - nlo, __ATOMIC_RELAXED);
  __atomic_store_n(&__ffipin_foreign_bounds.lo, nlo, __ATOMIC_RELEASE);
  ffipin_lock_release(&bounds_lock);
}
