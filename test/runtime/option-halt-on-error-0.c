// RUN: %clang_ffipin -O0 %s -o %t
// RUN: %env_ffipin_opts=halt_on_error=0 %run %t 2>&1 | FileCheck %s

// Intent: with halt_on_error=0 a report does not stop the program: two
// different reports are printed, the program runs on and exits 0, and no
// report says ABORTING.

#include "Inputs/foreign_heap.h"

void *g_slot;

int main(void) {
  char *heap = new_heap();
  char *obj = heap_obj(heap, 1);
  __ffipin_pin(obj, OBJ_SIZE);
  g_slot = obj;
  __ffipin_unpin(obj);
  fprintf(stderr, "after first report\n");
  __ffipin_unpin(heap_obj(heap, 2));
  fprintf(stderr, "after second report\n");
  return 0;
}

// CHECK: ERROR: FFIPinSanitizer: pin-outlived
// CHECK-NOT: ABORTING
// CHECK: after first report
// CHECK-NEXT: =================================================================
// CHECK-NEXT: ERROR: FFIPinSanitizer: bad-unpin
// CHECK-NOT: ABORTING
// CHECK: after second report
