// RUN: %clang_ffipin -O0 %s -o %t && %env_ffipin_opts=print_summary=0 not %run %t 2>&1 | FileCheck %s

// Intent: print_summary=0 drops the SUMMARY: line and nothing else.

#include "Inputs/foreign_heap.h"

void *g_slot;

int main(void) {
  char *obj = heap_obj(new_heap(), 1);
  __ffipin_pin(obj, OBJ_SIZE);
  g_slot = obj;
  __ffipin_unpin(obj);
  return 0;
}

// CHECK: ERROR: FFIPinSanitizer: pin-outlived on address
// CHECK: unpinned by thread T0 here:
// CHECK: is located 0 bytes inside of global variable 'g_slot'
// CHECK-NOT: SUMMARY
// CHECK: {{^==[0-9]+==ABORTING$}}
