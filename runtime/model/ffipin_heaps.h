/* Registered foreign heaps (Go arenas, a Boehm heap): sorted ranges with
 * their names, read lock-free on the slow path. */
#ifndef FFIPIN_HEAPS_H
#define FFIPIN_HEAPS_H

#include "base/ffipin_common.h"

enum { FFIPIN_MAX_HEAPS = 512 };

/* Adds [begin, begin+size), merged with the ranges it overlaps or touches
 * (the merged range keeps the first name it had).
 * False if the table is full. */
bool ffipin_heaps_add(uintptr_t begin, uintptr_t size, const char *name) FFIPIN_INTERNAL;
/* Removes [begin, begin+size) from whatever registered ranges overlap it
 * (splitting them). False if nothing overlapped. */
bool ffipin_heaps_remove(uintptr_t begin, uintptr_t size) FFIPIN_INTERNAL;
/* The name of the registered heap containing addr, or NULL. Lock-free. If
 * found and lo/hi are not NULL, the registered range around addr. */
const char *ffipin_heaps_find(uintptr_t addr, uintptr_t *lo, uintptr_t *hi) FFIPIN_INTERNAL;

/* For fork: hold/release the writer lock. */
void ffipin_heaps_lock(void) FFIPIN_INTERNAL;
void ffipin_heaps_unlock(void) FFIPIN_INTERNAL;

#endif
