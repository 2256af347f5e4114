/* Registered foreign heaps (Go arenas, a Boehm heap): sorted ranges with
 * their names, read lock-free on the slow path. */
#ifndef FFIPIN_HEAPS_H
#define FFIPIN_HEAPS_H

#include "base/ffipin_common.h"

enum { FFIPIN_MAX_HEAPS = 512 };

typedef enum {
  FFIPIN_HEAPS_OK,
  FFIPIN_HEAPS_FULL,      /* more than FFIPIN_MAX_HEAPS separate ranges would be needed */
  FFIPIN_HEAPS_OVERLAP,   /* overlaps a registered range of another name */
  FFIPIN_HEAPS_NOT_FOUND, /* removal: nothing registered there */
} ffipin_heaps_result_t;

typedef struct {
  uintptr_t begin, end;
  const char *name;
} ffipin_heap_range_t;

/* Adds [begin, begin+size) (size > 0, no wrap): it extends the ranges of
 * the same name it overlaps or touches; ranges of other names that it only
 * touches stay apart. Changes nothing if it would overlap a range of
 * another name (copied to *conflict if not NULL) or need more ranges than
 * the table has. A NULL name is "foreign". */
ffipin_heaps_result_t ffipin_heaps_insert(uintptr_t begin, uintptr_t size, const char *name,
                                          ffipin_heap_range_t *conflict) FFIPIN_INTERNAL;
/* Removes [begin, begin+size) from whatever registered ranges overlap it
 * (splitting them); changes nothing if a split would need more ranges than
 * the table has. */
ffipin_heaps_result_t ffipin_heaps_erase(uintptr_t begin, uintptr_t size) FFIPIN_INTERNAL;
/* The same, true on FFIPIN_HEAPS_OK (for bindings that need no detail). */
bool ffipin_heaps_add(uintptr_t begin, uintptr_t size, const char *name) FFIPIN_INTERNAL;
bool ffipin_heaps_remove(uintptr_t begin, uintptr_t size) FFIPIN_INTERNAL;
/* The name of the registered heap containing addr, or NULL. Lock-free. If
 * found and lo/hi are not NULL, the registered range around addr. */
const char *ffipin_heaps_find(uintptr_t addr, uintptr_t *lo, uintptr_t *hi) FFIPIN_INTERNAL;

/* For fork: hold/release the writer lock. */
void ffipin_heaps_lock(void) FFIPIN_INTERNAL;
void ffipin_heaps_unlock(void) FFIPIN_INTERNAL;

#endif
