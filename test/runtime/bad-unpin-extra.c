// RUN: %clang_ffipin -O0 %s -o %t && not %run %t 2>&1 | FileCheck %s

// Intent: one unpin more than pins is bad-unpin at the extra unpin; the
// balanced pin/unpin pair before it reports nothing.

#include "Inputs/foreign_heap.h"

int main(void) {
  char *obj = heap_obj(new_heap(), 4);
  fprintf(stderr, "obj=%p\n", (void *)obj);
  __ffipin_pin(obj, OBJ_SIZE);
  __ffipin_pin(obj, OBJ_SIZE);
  __ffipin_unpin(obj);
  __ffipin_unpin(obj);
  fprintf(stderr, "balanced\n");
  __ffipin_unpin(obj);
  fprintf(stderr, "not reached\n");
  return 0;
}

// CHECK: obj=[[OBJ:0x[0-9a-f]+]]
// CHECK-NOT: FFIPinSanitizer
// CHECK: {{^balanced$}}
// CHECK-NEXT: =================================================================
// CHECK-NEXT: ERROR: FFIPinSanitizer: bad-unpin on address [[OBJ]]{{$}}
// CHECK-NEXT: {{^}}unpin of [[OBJ]], which is not pinned
// CHECK-NEXT: {{^}}unpinned by thread T0 here:
// CHECK-NEXT: {{^    #0 0x[0-9a-f]+ in main .*bad-unpin-extra.c:}}[[@LINE-12]]:{{[0-9]+$}}
