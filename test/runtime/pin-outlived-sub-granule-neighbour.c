// RUN: %clang_ffipin -O0 %s -o %t && not %run %t 2>&1 | FileCheck %s

// Intent: two 4-byte objects share one 8-byte granule; unpinning the one
// nothing points into does not make the runtime forget that a slot holds a
// pointer into the other, whose unpin is then pin-outlived.

#include "Inputs/foreign_heap.h"

void *g_slot;

int main(void) {
  char *granule = heap_obj(new_heap(), 1);
  char *x = granule, *y = granule + 4;
  __ffipin_pin(x, 4);
  __ffipin_pin(y, 4);
  g_slot = x;
  __ffipin_unpin(y);
  fprintf(stderr, "neighbour unpinned\n");
  __ffipin_unpin(x);
  fprintf(stderr, "not reached\n");
  return 0;
}

// CHECK: neighbour unpinned
// CHECK-NEXT: =================================================================
// CHECK-NEXT: ERROR: FFIPinSanitizer: pin-outlived on address
// CHECK: unpinned by thread T0 here:
// CHECK-NEXT: {{^    #0 0x[0-9a-f]+ in main .*pin-outlived-sub-granule-neighbour.c:}}[[@LINE-9]]:{{[0-9]+$}}
