// RUN: %clang_unit %s %ffipin_rt_link -ldl -o %t && %run %t | FileCheck %s

// Intent: module lookups remember the range each thread found last, and
// the memo never answers for a pc outside that range or for an index a
// refresh replaced: lookups alternating between two modules, and one of
// an address no module holds right after a hit, give the same answers as
// the first lookups; after a refresh the ids are the same again.

#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdint.h>
#include <stdio.h>

#include "model/ffipin_modules.h"

int main(void) {
  ffipin_modules_refresh();
  uintptr_t here = (uintptr_t)&main, libc = (uintptr_t)dlsym(RTLD_DEFAULT, "getpid");
  unsigned a = ffipin_modules_find(here), b = ffipin_modules_find(libc);
  printf("two modules: %d\n", a != 0 && b != 0 && a != b);
  // CHECK: two modules: 1
  int same = 1;
  for (int i = 0; i < 100; i++) {
    same &= ffipin_modules_find(here) == a;
    same &= ffipin_modules_find(here + 1) == a;
    same &= ffipin_modules_find(libc) == b;
    same &= ffipin_modules_find(libc) == b;
  }
  printf("alternating: same ids %d\n", same);
  // CHECK-NEXT: alternating: same ids 1
  ffipin_modules_find(here);
  printf("no module right after a hit: %u\n", ffipin_modules_find(0x1000));
  // CHECK-NEXT: no module right after a hit: 0
  ffipin_modules_refresh();
  printf("after a refresh: same ids %d\n",
         ffipin_modules_find(here) == a && ffipin_modules_find(libc) == b);
  // CHECK-NEXT: after a refresh: same ids 1
  return 0;
}
