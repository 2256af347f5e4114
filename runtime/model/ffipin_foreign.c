#include "model/ffipin_foreign.h"

#include "model/ffipin_heaps.h"
#include "model/ffipin_scope.h"
#include "model/ffipin_shadow.h"

bool ffipin_foreign_contains(const ffipin_thread_t *t, uintptr_t addr) {
  return ffipin_heaps_find(addr, NULL, NULL) || ffipin_shadow_pinned(addr) ||
         ffipin_scope_find_borrow(t, addr, NULL) >= 0;
}
