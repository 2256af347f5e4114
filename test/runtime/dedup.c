// RUN: %clang_ffipin -O0 %s -o %t.O0 && %env_ffipin_opts=halt_on_error=0 %run %t.O0 2>&1 | FileCheck %s
// RUN: %clang_ffipin -O2 %s -o %t.O2 && %env_ffipin_opts=halt_on_error=0 %run %t.O2 2>&1 | FileCheck %s

// Intent: identical reports (same type, same store stack) are printed once:
// ten rounds of pin, store, unpin from the same lines give one report.

#include "Inputs/foreign_heap.h"

void *g_slot;

__attribute__((noinline)) void stash(void *p) { g_slot = p; }

int main(void) {
  char *obj = heap_obj(new_heap(), 1);
  fprintf(stderr, "start\n");
  /* Not unrolled at -O2: every round must use the same call sites. */
#pragma clang loop unroll(disable)
  for (int i = 0; i < 10; i++) {
    __ffipin_pin(obj, OBJ_SIZE);
    stash(obj);
    __ffipin_unpin(obj);
  }
  fprintf(stderr, "10 rounds done\n");
  return 0;
}

// CHECK: {{^start$}}
// CHECK-NEXT: =================================================================
// CHECK-NEXT: ERROR: FFIPinSanitizer: pin-outlived
// CHECK-NOT: ERROR: FFIPinSanitizer
// CHECK: 10 rounds done
