/* Event counters for print_stats=1 and the benchmarks. Relaxed atomics:
 * only slow paths count, so the shared cache line is not a hot spot. */
#ifndef FFIPIN_STATS_H
#define FFIPIN_STATS_H

#include <stdatomic.h>

#include "ffipin_common.h"

typedef struct {
#define FFIPIN_STAT(Name, Meaning) atomic_ulong Name;
#include "ffipin_stats.inc"
} ffipin_stats_t;

extern ffipin_stats_t ffipin_stats FFIPIN_INTERNAL;

#define FFIPIN_COUNT(Name) \
  atomic_fetch_add_explicit(&ffipin_stats.Name, 1, memory_order_relaxed)

/* Prints one line "FFIPinSanitizer stats: name=N ..." to stderr. */
void ffipin_stats_print(void) FFIPIN_INTERNAL;

#endif
