// RUN: %clang_ffipin -O0 %s -o %t.O0 && not %run %t.O0 2>&1 | FileCheck %s
// RUN: %clang_ffipin -O2 %s -o %t.O2 && not %run %t.O2 2>&1 | FileCheck %s

// Intent: atomic_exchange (atomicrmw xchg) of a foreign pointer into a
// global is instrumented: the unpin reports it.

#include <stdatomic.h>
#include "Inputs/foreign_heap.h"

_Atomic(void *) g_current;

__attribute__((noinline)) void *swap_current(void *p) {
  return atomic_exchange(&g_current, p);
}

int main(void) {
  char *obj = heap_obj(new_heap(), 1);
  fprintf(stderr, "slot=%p obj=%p\n", (void *)&g_current, (void *)obj);
  __ffipin_pin(obj, OBJ_SIZE);
  void *old = swap_current(obj);
  fprintf(stderr, "old=%p\n", old);
  __ffipin_unpin(obj);
  return 0;
}

// CHECK: slot=[[SLOT:0x[0-9a-f]+]] obj=[[OBJ:0x[0-9a-f]+]]
// CHECK: old={{\(nil\)}}
// CHECK-NEXT: =================================================================
// CHECK-NEXT: ERROR: FFIPinSanitizer: pin-outlived on address [[SLOT]] (holds [[OBJ]]){{$}}
// CHECK: SUMMARY: FFIPinSanitizer: pin-outlived {{.*}}store-atomic-exchange.c:[[@LINE-17]]:{{[0-9]+}} in swap_current{{$}}
