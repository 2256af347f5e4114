#include "model/ffipin_bounds.h"

#include <stddef.h>

#include "base/ffipin_abi.h"
#include "base/ffipin_lock.h"

/* Empty: nothing is foreign, and lo can only shrink from here. */
FFIPIN_EXPORT ffipin_bounds_t __ffipin_foreign_bounds = {
    .lo = UINT64_MAX, .hi = 0, .copy_lo = UINT64_MAX, .copy_hi = 0};

/* The pass addresses the fields by index (ffipin_abi.h). */
_Static_assert(offsetof(ffipin_bounds_t, lo) == FFIPIN_BOUNDS_LO * sizeof(uint64_t), "lo");
_Static_assert(offsetof(ffipin_bounds_t, hi) == FFIPIN_BOUNDS_HI * sizeof(uint64_t), "hi");
_Static_assert(offsetof(ffipin_bounds_t, copy_lo) == FFIPIN_BOUNDS_COPY_LO * sizeof(uint64_t),
               "copy_lo");
_Static_assert(offsetof(ffipin_bounds_t, copy_hi) == FFIPIN_BOUNDS_COPY_HI * sizeof(uint64_t),
               "copy_hi");
_Static_assert(sizeof(ffipin_bounds_t) == FFIPIN_BOUNDS_FIELDS * sizeof(uint64_t), "fields");

static ffipin_lock_t bounds_lock = FFIPIN_LOCK_INIT_TYPE(bounds);
/* Serialises the writers of the copy words, which run under bounds_lock
 * (ffipin_bounds_include) or under the held table's lock
 * (ffipin_bounds_set_held). fork's prepare handler holds both, so this lock
 * is never held at a fork and needs no place in the fork lock order. */
static ffipin_lock_t copy_lock = FFIPIN_LOCK_INIT_TYPE(copy_bounds);
/* Whether the held table has entries, as last published. */
static bool any_held;

void ffipin_bounds_lock(void) { ffipin_lock_acquire(&bounds_lock); }
void ffipin_bounds_unlock(void) { ffipin_lock_release(&bounds_lock); }
void ffipin_copy_bounds_lock(void) { ffipin_lock_acquire(&copy_lock); }
void ffipin_copy_bounds_unlock(void) { ffipin_lock_release(&copy_lock); }

static uint64_t load_word(const uint64_t *w) { return __atomic_load_n(w, __ATOMIC_RELAXED); }
static void store_word(uint64_t *w, uint64_t v) { __atomic_store_n(w, v, __ATOMIC_RELAXED); }

/* [copy_lo, copy_hi) from the bounds and held's zeroness, re-read under
 * copy_lock after every change of either, so the last writer leaves the
 * words matching both. Widening (a slot became held, the bounds grew) moves
 * each word one way; narrowing back to [lo, hi) happens only when the last
 * held slot went (ffipin_abi.h). */
static void publish_copy_bounds(void) {
  ffipin_lock_acquire(&copy_lock);
  bool held = __atomic_load_n(&any_held, __ATOMIC_RELAXED);
  uint64_t lo = load_word(&__ffipin_foreign_bounds.lo);
  uint64_t hi = load_word(&__ffipin_foreign_bounds.hi);
  store_word(&__ffipin_foreign_bounds.copy_hi, held ? UINT64_MAX : hi);
  store_word(&__ffipin_foreign_bounds.copy_lo, held ? 0 : lo);
  ffipin_lock_release(&copy_lock);
}

void ffipin_bounds_set_held(uint64_t n) {
  bool now = n != 0;
  if (__atomic_exchange_n(&any_held, now, __ATOMIC_RELAXED) != now) publish_copy_bounds();
}

void ffipin_bounds_get(uintptr_t *lo, uintptr_t *hi) {
  *lo = load_word(&__ffipin_foreign_bounds.lo);
  *hi = load_word(&__ffipin_foreign_bounds.hi);
}

void ffipin_bounds_include(uintptr_t begin, uintptr_t size) {
  if (size == 0) size = 1;
  uintptr_t end = begin + size;
  if (ffipin_bounds_may_contain(begin) && ffipin_bounds_may_contain(end - 1)) return;
  ffipin_lock_acquire(&bounds_lock);
  /* The writer's half: lo only shrinks and hi only grows (the empty bounds
   * are [UINT64_MAX, 0)), each stored on its own. */
  uint64_t lo = load_word(&__ffipin_foreign_bounds.lo);
  uint64_t hi = load_word(&__ffipin_foreign_bounds.hi);
  if (end > hi) store_word(&__ffipin_foreign_bounds.hi, end);
  if (begin < lo) store_word(&__ffipin_foreign_bounds.lo, begin);
  publish_copy_bounds();
  ffipin_lock_release(&bounds_lock);
}
