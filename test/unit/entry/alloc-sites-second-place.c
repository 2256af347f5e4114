// RUN: %clang_unit %s %ffipin_rt_link -ldl -Wl,--wrap=free -o %t
// RUN: env FFIPIN_OPTIONS=print_stats=1 %run %t | FileCheck %s

// Intent: the allocation hook's common case (a call site the thread has
// judged, a one-frame native stack, a free recent place) makes no call,
// whichever of its two places the site's memo sits in. Two of libc's call
// sites share a memo hash (the second's memo takes the second place);
// each allocates and frees a block in turn, 1,000 times. Only the first
// block of each goes the whole way (the site is judged then): 2 where
// libc is judged to keep no frame pointers (Debian's), 3 where it keeps
// them (the first site's second block goes too: the first found the
// thread's stack bounds, so its one-frame stack was not kept yet). Before
// the fix the second site's every block did: 1,002.

#include <dlfcn.h>
#include <stdio.h>

#include "base/ffipin_stats.h"
#include "entry/ffipin_alloc_events.h"
#include "entry/ffipin_init.h"
#include "model/ffipin_allocs.h"
#include "model/ffipin_modules.h"

static uintptr_t block = 0x100000000000;

/* A block allocated by the code at pc and freed again, as the malloc
 * interceptor reports them; its caller's frame is a frame whose saved frame
 * pointer leads nowhere (a prebuilt library's leaf, whose stack is the pc
 * alone). */
static void alloc_and_free(uintptr_t pc) {
  volatile uintptr_t frame[2] = {0, 0};
  block += 64;
  ffipin_alloc_record_block((void *)block, 48, pc, (uintptr_t)frame);
  ffipin_alloc_forget_record((void *)block);
}

int main(void) {
  if (!ffipin_ready()) return 1;
  ffipin_modules_refresh();
  uintptr_t first = (uintptr_t)dlsym(RTLD_DEFAULT, "getpid") + 1, second = 0;
  for (uintptr_t pc = first + 16; !second; pc += 16)
    if (ffipin_alloc_site_hash(pc) == ffipin_alloc_site_hash(first) && pc != first) second = pc;
  printf("two libc sites, one pair: %d\n",
         ffipin_modules_find(first - 1) != 0 &&
             ffipin_modules_find(second - 1) == ffipin_modules_find(first - 1));
  // CHECK: two libc sites, one pair: 1
  unsigned long before = atomic_load(&ffipin_stats.blocks_recorded_slow);
  for (int i = 0; i < 1000; i++) {
    alloc_and_free(first);
    alloc_and_free(second);
  }
  printf("blocks recorded the whole way: %lu\n",
         atomic_load(&ffipin_stats.blocks_recorded_slow) - before);
  // CHECK-NEXT: blocks recorded the whole way: {{[23]$}}
  printf("records left: %zu\n", ffipin_allocs_count(FFIPIN_ALLOC_UNINSTRUMENTED));
  // CHECK-NEXT: records left: 0
  return 0;
}
