// RUN: %clang_unit %s %ffipin_rt_link -ldl -Wl,--wrap=free -o %t
// RUN: env FFIPIN_OPTIONS=print_stats=1 %run %t | FileCheck %s

// Intent: three blocks alive at once whose addresses share a set of two
// recent places are all kept on the allocation hook's common case: the
// third takes a place of its second set. glibc hands an op's blocks the
// same addresses op after op, so where ASLR put three of them in one set,
// every op recorded the third the whole way (and gave the set's older
// block up to the shared table): 2,045 slow records in 2,000 go-sqlite3
// Exec ops in 2 of 20 runs. Here 1,000 rounds allocate three such blocks
// from one libc call site and free them: only the site's first block goes
// the whole way (it is judged then). Before the fix: 1,001. Then the same
// with the third block's second set held by two blocks kept for good (in
// go-sqlite3, two of the connection's first blocks): the first round
// gives the older of those up to the shared table, and the third block
// keeps its place from then on, instead of the set's older short-lived
// block going to the table each round: 1 more. Before: 1,000 more.

#include <dlfcn.h>
#include <stdio.h>

#include "base/ffipin_stats.h"
#include "entry/ffipin_alloc_events.h"
#include "entry/ffipin_init.h"
#include "model/ffipin_allocs.h"
#include "model/ffipin_allocs_recent.h"
#include "model/ffipin_modules.h"

/* 1,000 rounds of the three blocks allocated at pc (the caller's frame:
 * its saved frame pointer leads nowhere, a prebuilt library's leaf whose
 * stack is the pc alone) and freed; prints how many went the whole way and
 * the records left. */
static void rounds(const char *what, const uintptr_t *a, uintptr_t pc) {
  volatile uintptr_t frame[2] = {0, 0};
  unsigned long before = atomic_load(&ffipin_stats.blocks_recorded_slow);
  for (int round = 0; round < 1000; round++) {
    for (int k = 0; k < 3; k++) ffipin_alloc_record_block((void *)a[k], 48, pc, (uintptr_t)frame);
    for (int k = 2; k >= 0; k--) ffipin_alloc_forget_record((void *)a[k]);
  }
  printf("%s: %lu recorded the whole way, %zu records left\n", what,
         atomic_load(&ffipin_stats.blocks_recorded_slow) - before,
         ffipin_allocs_count(FFIPIN_ALLOC_UNINSTRUMENTED));
}

int main(void) {
  if (!ffipin_ready()) return 1;
  ffipin_modules_refresh();
  ffipin_thread_t *t = ffipin_thread_current();
  /* Three 16-aligned addresses of one first set, each with its own second
   * set, none of them that first set. */
  uintptr_t a[3], base = 0x100000000000;
  ffipin_recent_block_t *set = ffipin_allocs_places_of(t, base), *alt[3];
  size_t n = 0;
  for (uintptr_t x = base; n < 3; x += 16) {
    ffipin_recent_block_t *s2 = ffipin_allocs_alt_places_of(t, x);
    bool fresh = ffipin_allocs_places_of(t, x) == set && s2 != set;
    for (size_t k = 0; k < n; k++) fresh = fresh && s2 != alt[k];
    if (fresh) alt[n] = s2, a[n++] = x;
  }
  /* Two more, kept for good, whose first set is the third block's second. */
  uintptr_t kept[2];
  size_t m = 0;
  for (uintptr_t x = base + (1u << 20); m < 2; x += 16)
    if (ffipin_allocs_places_of(t, x) == alt[2]) kept[m++] = x;
  uintptr_t pc = (uintptr_t)dlsym(RTLD_DEFAULT, "getpid") + 1;
  rounds("three live", a, pc);
  // CHECK: three live: 1 recorded the whole way, 0 records left
  volatile uintptr_t frame[2] = {0, 0};
  for (int k = 0; k < 2; k++) ffipin_alloc_record_block((void *)kept[k], 64, pc, (uintptr_t)frame);
  rounds("the second set held", a, pc);
  // CHECK-NEXT: the second set held: 1 recorded the whole way, 2 records left
  return 0;
}
