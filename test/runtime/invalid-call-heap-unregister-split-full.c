// RUN: %clang_ffipin -O0 %s -o %t && %env_ffipin_opts=halt_on_error=0 %run %t 2>&1 | FileCheck %s

// Intent: with the heap table full (512 separate ranges), unregistering the
// middle of a range would split it into two: that is an invalid-call naming
// the limit, and the range stays registered whole (no part of it is
// silently dropped).

#include <stdint.h>
#include "Inputs/foreign_heap.h"

void *g_slot;

int main(void) {
  char *space = mmap(NULL, 512 * 8192, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  for (int i = 0; i < 512; i++) __ffipin_heap_register(space + i * 8192, 4096, "h");
  char *last = space + 511 * 8192;
  __ffipin_heap_unregister(last + 1024, 1024);
  fprintf(stderr, "upper part foreign: %d\n", __ffipin_is_foreign(last + 3072));
  return 0;
}

// CHECK: ERROR: FFIPinSanitizer: invalid-call
// CHECK-NEXT: heap_unregister of [{{0x[0-9a-f]+}},{{0x[0-9a-f]+}}) would split a registered range, and the heap table is full (512 ranges)
// CHECK: upper part foreign: 1
