// REQUIRES: asan-rt
// RUN: %clang_ffipin -fsanitize=address -O0 %s -o %t && not %run %t 2>&1 | FileCheck %s

// Intent: while a slot is held (so our free interceptor is active), a double
// free still reaches ASan as the program made it, and ASan reports it as a
// double free, not as a malloc_usable_size call on a pointer it does not own.

#include "Inputs/foreign_heap.h"

void *g_slot;
__attribute__((noinline)) void stash(void *p) { g_slot = p; }

int main(void) {
  char *obj = heap_obj(new_heap(), 1);
  __ffipin_pin(obj, OBJ_SIZE);
  stash(obj);
  char *p = malloc(24);
  free(p);
  free(p);
  return 0;
}

// CHECK-NOT: FFIPinSanitizer
// CHECK: ERROR: AddressSanitizer: attempting double-free on
// CHECK: SUMMARY: AddressSanitizer: double-free
