// RUN: %clang_ffipin -O0 %s -o %t && %env_ffipin_opts=strip_path_prefix=%S/ not %run %t 2>&1 | FileCheck %s

// Intent: strip_path_prefix removes the prefix from file paths in frames
// and in the SUMMARY line.

#include "Inputs/foreign_heap.h"

void *g_slot;

__attribute__((noinline)) void stash(void *p) {
  g_slot = p;
}

int main(void) {
  char *obj = heap_obj(new_heap(), 1);
  __ffipin_pin(obj, OBJ_SIZE);
  stash(obj);
  __ffipin_unpin(obj);
  return 0;
}

// CHECK: STORE of foreign pointer by thread T0:
// CHECK-NEXT: {{^    #0 0x[0-9a-f]+ in stash option-strip-path-prefix.c:}}[[@LINE-12]]:{{[0-9]+$}}
// CHECK-NEXT: {{^    #1 0x[0-9a-f]+ in main option-strip-path-prefix.c:}}[[@LINE-7]]:{{[0-9]+$}}
// CHECK: {{^}}SUMMARY: FFIPinSanitizer: pin-outlived option-strip-path-prefix.c:[[@LINE-14]]:{{[0-9]+}} in stash{{$}}
