// RUN: %clang_ffipin -O0 %s -o %t.O0 && not %run %t.O0 2>&1 | FileCheck %s
// RUN: %clang_ffipin -O2 %s -o %t.O2 && not %run %t.O2 2>&1 | FileCheck %s

// Intent: a C11 atomic_store (release) of a foreign pointer is instrumented:
// the unpin reports it.

#include <stdatomic.h>
#include "Inputs/foreign_heap.h"

_Atomic(void *) g_published;

__attribute__((noinline)) void publish(void *p) {
  atomic_store_explicit(&g_published, p, memory_order_release);
}

int main(void) {
  char *obj = heap_obj(new_heap(), 1);
  fprintf(stderr, "slot=%p obj=%p\n", (void *)&g_published, (void *)obj);
  __ffipin_pin(obj, OBJ_SIZE);
  publish(obj);
  __ffipin_unpin(obj);
  return 0;
}

// CHECK: slot=[[SLOT:0x[0-9a-f]+]] obj=[[OBJ:0x[0-9a-f]+]]
// CHECK: ERROR: FFIPinSanitizer: pin-outlived on address [[SLOT]] (holds [[OBJ]]){{$}}
// CHECK: SUMMARY: FFIPinSanitizer: pin-outlived {{.*}}store-atomic-store.c:[[@LINE-14]]:{{[0-9]+}} in publish{{$}}
