/* Event counters for print_stats=1 and the benchmarks. Counted only when
 * print_stats=1: the counters are shared atomics, and threads pinning in
 * parallel would otherwise trade their cache line on every call. */
#ifndef FFIPIN_STATS_H
#define FFIPIN_STATS_H

#include <stdatomic.h>

#include "base/ffipin_common.h"
#include "base/ffipin_flags.h"

typedef struct {
#define FFIPIN_STAT(Name, Meaning) atomic_ulong Name;
#include "ffipin_stats.inc"
} ffipin_stats_t;

extern ffipin_stats_t ffipin_stats FFIPIN_INTERNAL;

#define FFIPIN_COUNT(Name)                                                                         \
  do {                                                                                             \
    if (FFIPIN_UNLIKELY(ffipin_flags.print_stats))                                                 \
      atomic_fetch_add_explicit(&ffipin_stats.Name, 1, memory_order_relaxed);                      \
  } while (0)

/* Prints one line "FFIPinSanitizer stats: name=N ..." to stderr. */
void ffipin_stats_print(void) FFIPIN_INTERNAL;

#endif
