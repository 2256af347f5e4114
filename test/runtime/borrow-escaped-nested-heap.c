// RUN: %clang_ffipin -O0 %s -o %t && %env_ffipin_opts=halt_on_error=0 %run %t 2>&1 | FileCheck %s

// Intent: a heap pointer stored in an inner call scope while an outer one is
// still open (a callback into Go that calls C again) is judged when the
// outer scope ends, not the inner one.

#include "Inputs/foreign_heap.h"

void *g_slot;

int main(void) {
  char *obj = heap_obj(new_heap(), 3);
  __ffipin_call_begin();
  __ffipin_call_begin();
  g_slot = obj;
  __ffipin_call_end();
  fprintf(stderr, "inner scope ended\n");
  __ffipin_call_end();
  fprintf(stderr, "outer scope ended\n");
  return 0;
}

// CHECK: inner scope ended
// CHECK-NOT: FFIPinSanitizer
// CHECK: ERROR: FFIPinSanitizer: borrow-escaped on address
// CHECK: call scope ended by thread T0 here:
// CHECK-NEXT: {{^    #0 0x[0-9a-f]+ in main .*borrow-escaped-nested-heap.c:}}[[@LINE-9]]:{{[0-9]+$}}
// CHECK: SUMMARY: FFIPinSanitizer: borrow-escaped {{.*}}borrow-escaped-nested-heap.c:[[@LINE-13]]:{{[0-9]+}} in main{{$}}
// CHECK-NOT: FFIPinSanitizer
// CHECK: outer scope ended
