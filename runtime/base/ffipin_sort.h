/* Sorting without libc (qsort is one of the functions other sanitizers
 * intercept): an in-place heapsort of fixed-size records, O(n log n) with
 * no extra memory, for the exit-time and scan-time checks. */
#ifndef FFIPIN_SORT_H
#define FFIPIN_SORT_H

#include "base/ffipin_common.h"

/* Sorts n records of size bytes (a multiple of sizeof(uintptr_t)) at base
 * so that less(a, b) never holds for a later a and an earlier b. */
void ffipin_sort(void *base, size_t n, size_t size,
                 bool (*less)(const void *a, const void *b)) FFIPIN_INTERNAL;

#endif
