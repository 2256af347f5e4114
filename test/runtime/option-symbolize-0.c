// RUN: %clang_ffipin -O0 %s -o %t && %env_ffipin_opts=symbolize=0 not %run %t 2>&1 | FileCheck %s

// Intent: symbolize=0 prints frames as bare addresses (with module+offset),
// without function names or file:line.

#include "Inputs/foreign_heap.h"

void *g_slot;

__attribute__((noinline)) void stash(void *p) { g_slot = p; }

int main(void) {
  char *obj = heap_obj(new_heap(), 1);
  __ffipin_pin(obj, OBJ_SIZE);
  stash(obj);
  __ffipin_unpin(obj);
  return 0;
}

// CHECK: ERROR: FFIPinSanitizer: pin-outlived on address
// CHECK: STORE of foreign pointer by thread T0:
// CHECK-NEXT: {{^    #0 0x[0-9a-f]+ }}
// CHECK-NOT: {{ in (stash|main)}}
// CHECK-NOT: {{option-symbolize-0\.c:[0-9]}}
// CHECK: {{^==[0-9]+==ABORTING$}}
