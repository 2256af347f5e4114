/* The fast path's bounds of foreign memory (base/ffipin_abi.h): the one
 * global the pass's inline checks read. They only grow, so that no racing
 * reader ever sees a hole (the protocol is in ffipin_abi.h). */
#ifndef FFIPIN_BOUNDS_H
#define FFIPIN_BOUNDS_H

#include "base/ffipin_common.h"

/* Grows the bounds to include [begin, begin+size). */
void ffipin_bounds_include(uintptr_t begin, uintptr_t size) FFIPIN_INTERNAL;
/* Publishes the number of held slots for the pass's memcpy check. */
void ffipin_bounds_set_held(uint64_t n) FFIPIN_INTERNAL;
/* The bounds now: [*lo, *lo + *size). */
void ffipin_bounds_get(uintptr_t *lo, uintptr_t *size) FFIPIN_INTERNAL;
/* The fast path's check, for runtime code that scans memory. */
bool ffipin_bounds_may_contain(uintptr_t value) FFIPIN_INTERNAL;

/* For fork: hold/release the writer lock. */
void ffipin_bounds_lock(void) FFIPIN_INTERNAL;
void ffipin_bounds_unlock(void) FFIPIN_INTERNAL;

#endif
