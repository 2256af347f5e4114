#include "model/ffipin_foreign.h"

#include "model/ffipin_heaps.h"
#include "model/ffipin_scope.h"
#include "model/ffipin_shadow.h"

bool ffipin_foreign_contains(const ffipin_thread_t *t, uintptr_t addr) {
  return ffipin_heaps_find(addr, NULL, NULL) || ffipin_shadow_pinned(addr) ||
         ffipin_scope_find_borrow(t, addr, NULL) >= 0;
}

/* Not granule-aligned: value - 1 is in value's own granule. */
static bool after_pinned_granule(uintptr_t value) {
  return value && (value & (((uintptr_t)1 << FFIPIN_GRANULE_SHIFT) - 1)) == 0 &&
         ffipin_shadow_pinned(value - 1);
}

bool ffipin_foreign_end_pointer(const ffipin_thread_t *t, uintptr_t value) {
  return !t->depth && after_pinned_granule(value);
}

bool ffipin_foreign_pinned(uintptr_t value) {
  return ffipin_shadow_pinned(value) || after_pinned_granule(value);
}
