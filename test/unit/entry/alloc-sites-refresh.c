// RUN: %clang_unit %s %ffipin_rt_link -ldl -Wl,--wrap=free -o %t && %run %t | FileCheck %s

// Intent: the allocation hook remembers what each caller's module is per
// thread, and the memo holds only until the module table is refreshed. A
// library loaded after the last refresh is no module yet (its blocks are
// recorded with module 0); after a refresh its next block names it. Blocks
// from 64 call sites of this program (built with the runtime: nothing is
// recorded) and 64 of libc's, alternating, so that sites share places in
// the memo: exactly libc's blocks are recorded.

#include <dlfcn.h>
#include <stdio.h>

#include "entry/ffipin_alloc_events.h"
#include "entry/ffipin_init.h"
#include "model/ffipin_allocs.h"
#include "model/ffipin_modules.h"

static unsigned module_of(uintptr_t addr) {
  static ffipin_alloc_t copy[256];
  size_t n = ffipin_allocs_recent_snapshot(FFIPIN_ALLOC_UNINSTRUMENTED, copy, 256);
  for (size_t i = 0; i < n; i++)
    if (copy[i].addr == addr) return copy[i].module;
  return (unsigned)-1;
}

static uintptr_t block = 0x100000000000;

/* A block "allocated" by the code at pc, as the malloc interceptor reports it. */
static uintptr_t record(uintptr_t pc) {
  block += 64;
  ffipin_alloc_record_block((void *)block, 48, pc, (uintptr_t)__builtin_frame_address(0));
  return block;
}

int main(void) {
  if (!ffipin_ready()) return 1;
  ffipin_modules_refresh();
  void *libm = dlopen("libm.so.6", RTLD_NOW);
  uintptr_t cos_pc = (uintptr_t)dlsym(libm, "cos") + 1;
  unsigned before = module_of(record(cos_pc));
  printf("a library loaded after the refresh: module %u\n", before);
  // CHECK: a library loaded after the refresh: module 0
  ffipin_modules_refresh();
  unsigned after = module_of(record(cos_pc)), id = ffipin_modules_find(cos_pc - 1);
  printf("after a refresh: its id %d\n", after != 0 && after == id);
  // CHECK-NEXT: after a refresh: its id 1

  size_t recorded = ffipin_allocs_count(FFIPIN_ALLOC_UNINSTRUMENTED);
  uintptr_t here = (uintptr_t)&main, libc = (uintptr_t)dlsym(RTLD_DEFAULT, "getpid");
  size_t wrong = 0;
  for (int round = 0; round < 10; round++) {
    for (uintptr_t i = 0; i < 64; i++) {
      uintptr_t mine = record(here + 16 * i + 1), theirs = record(libc + 16 * i + 1);
      wrong += module_of(mine) != (unsigned)-1;
      wrong += module_of(theirs) != ffipin_modules_find(libc + 16 * i);
    }
  }
  printf("recorded: %zu, wrong: %zu\n", ffipin_allocs_count(FFIPIN_ALLOC_UNINSTRUMENTED) - recorded,
         wrong);
  // CHECK-NEXT: recorded: 640, wrong: 0
  return 0;
}
