/* Registered foreign heaps (Go arenas, a Boehm heap) and the bounding range
 * of everything that can be foreign, which the pass's inline fast path reads. */
#ifndef FFIPIN_HEAPS_H
#define FFIPIN_HEAPS_H

#include "ffipin_common.h"

enum { FFIPIN_MAX_HEAPS = 512 };

/* Adds [begin, begin+size) (merging with adjacent ranges of the same name).
 * False if the table is full. */
bool ffipin_heaps_add(uptr begin, uptr size, const char *name) FFIPIN_INTERNAL;
/* Removes [begin, begin+size) from whatever registered ranges overlap it
 * (splitting them). False if nothing overlapped. */
bool ffipin_heaps_remove(uptr begin, uptr size) FFIPIN_INTERNAL;
/* The name of the registered heap containing addr, or NULL. Lock-free. If
 * found and lo/hi are not NULL, the registered range around addr. */
const char *ffipin_heaps_find(uptr addr, uptr *lo, uptr *hi) FFIPIN_INTERNAL;

/* Grows the fast path's bounding range to include [begin, begin+size). */
void ffipin_range_include(uptr begin, uptr size) FFIPIN_INTERNAL;
/* Publishes the number of held slots for the pass's memcpy check. */
void ffipin_range_set_held(uint64_t n) FFIPIN_INTERNAL;
/* The fast path's check, for runtime code that scans memory. */
bool ffipin_range_may_contain(uptr value) FFIPIN_INTERNAL;

/* For fork: hold/release the writer lock. */
void ffipin_heaps_lock(void) FFIPIN_INTERNAL;
void ffipin_heaps_unlock(void) FFIPIN_INTERNAL;

#endif
