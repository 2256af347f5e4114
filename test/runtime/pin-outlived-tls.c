// RUN: %clang_ffipin -O0 %s -o %t.O0 && not %run %t.O0 2>&1 | FileCheck %s
// RUN: %clang_ffipin -O2 %s -o %t.O2 && not %run %t.O2 2>&1 | FileCheck %s

// Intent: a thread-local variable is C-resident memory: a pinned pointer
// kept in it after the unpin is pin-outlived.

#include "Inputs/foreign_heap.h"

_Thread_local void *t_last_obj;

__attribute__((noinline)) void remember(void *p) {
  t_last_obj = p;
}

int main(void) {
  char *obj = heap_obj(new_heap(), 1);
  fprintf(stderr, "slot=%p obj=%p\n", (void *)&t_last_obj, (void *)obj);
  __ffipin_pin(obj, OBJ_SIZE);
  remember(obj);
  __ffipin_unpin(obj);
  return 0;
}

// CHECK: slot=[[SLOT:0x[0-9a-f]+]] obj=[[OBJ:0x[0-9a-f]+]]
// CHECK-NEXT: =================================================================
// CHECK-NEXT: ERROR: FFIPinSanitizer: pin-outlived on address [[SLOT]] (holds [[OBJ]]){{$}}
// CHECK: SUMMARY: FFIPinSanitizer: pin-outlived {{.*}}pin-outlived-tls.c:[[@LINE-15]]:{{[0-9]+}} in remember{{$}}
