// RUN: %clang_ffipin -O0 %s -o %t && not %run %t 2>&1 | FileCheck %s

// Intent: unpinning a pointer that was never pinned is bad-unpin, with the
// unpin stack and no "holds" part in the header.

#include "Inputs/foreign_heap.h"

int main(void) {
  char *obj = heap_obj(new_heap(), 4);
  fprintf(stderr, "obj=%p\n", (void *)obj);
  __ffipin_unpin(obj);
  fprintf(stderr, "not reached\n");
  return 0;
}

// CHECK: obj=[[OBJ:0x[0-9a-f]+]]
// CHECK-NEXT: =================================================================
// CHECK-NEXT: {{^}}==[[PID:[0-9]+]]==ERROR: FFIPinSanitizer: bad-unpin on address [[OBJ]]{{$}}
// CHECK-NEXT: {{^}}unpin of [[OBJ]], which is not pinned
// CHECK-NEXT: {{^}}unpinned by thread T0 here:
// CHECK-NEXT: {{^    #0 0x[0-9a-f]+ in main .*bad-unpin-never-pinned.c:}}[[@LINE-10]]:{{[0-9]+$}}
// CHECK: SUMMARY: FFIPinSanitizer: bad-unpin {{.*}}bad-unpin-never-pinned.c:[[@LINE-11]]:{{[0-9]+}} in main{{$}}
// CHECK-NEXT: {{^}}==[[PID]]==ABORTING
