// RUN: %clang_ffipin -O0 %s -o %t && not %run %t 2>&1 | FileCheck %s

// Intent: pins of one range nest: with two pins, the first unpin reports
// nothing; the second, which drops the count to 0, is pin-outlived and its
// unpin stack is the second unpin.

#include "Inputs/foreign_heap.h"

void *g_slot;

int main(void) {
  char *obj = heap_obj(new_heap(), 1);
  __ffipin_pin(obj, OBJ_SIZE);
  __ffipin_pin(obj, OBJ_SIZE);
  g_slot = obj;
  fprintf(stderr, "first unpin\n");
  __ffipin_unpin(obj);
  fprintf(stderr, "second unpin\n");
  __ffipin_unpin(obj);
  fprintf(stderr, "not reached\n");
  return 0;
}

// CHECK: first unpin
// CHECK-NOT: FFIPinSanitizer
// CHECK: second unpin
// CHECK-NEXT: =================================================================
// CHECK-NEXT: ERROR: FFIPinSanitizer: pin-outlived on address
// CHECK: unpinned by thread T0 here:
// CHECK-NEXT: {{^    #0 0x[0-9a-f]+ in main .*pin-outlived-nested-pins.c:}}[[@LINE-11]]:{{[0-9]+$}}
// CHECK: SUMMARY: FFIPinSanitizer: pin-outlived {{.*}}pin-outlived-nested-pins.c:[[@LINE-16]]:{{[0-9]+}} in main{{$}}
