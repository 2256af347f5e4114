/* For the unit tests of the recent blocks: whether a thread's recent
 * places hold a record of a (the copy a scan takes of them). */
#ifndef FFIPIN_TEST_RECENT_PLACES_H
#define FFIPIN_TEST_RECENT_PLACES_H

#include "model/ffipin_allocs.h"

static bool in_recent(uintptr_t a) {
  static ffipin_alloc_t copy[1024];
  size_t n = ffipin_allocs_recent_snapshot(copy, 1024);
  for (size_t i = 0; i < n; i++)
    if (copy[i].addr == a) return true;
  return false;
}

#endif
