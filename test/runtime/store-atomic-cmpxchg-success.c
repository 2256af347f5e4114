// RUN: %clang_ffipin -O0 %s -o %t.O0 && not %run %t.O0 2>&1 | FileCheck %s
// RUN: %clang_ffipin -O2 %s -o %t.O2 && not %run %t.O2 2>&1 | FileCheck %s

// Intent: a successful atomic_compare_exchange_strong stores the foreign
// pointer, so the slot is held and the unpin reports it.

#include <stdatomic.h>
#include "Inputs/foreign_heap.h"

_Atomic(void *) g_once;

__attribute__((noinline)) int install_once(void *p) {
  void *expected = NULL;
  return atomic_compare_exchange_strong(&g_once, &expected, p);
}

int main(void) {
  char *obj = heap_obj(new_heap(), 1);
  fprintf(stderr, "slot=%p obj=%p\n", (void *)&g_once, (void *)obj);
  __ffipin_pin(obj, OBJ_SIZE);
  fprintf(stderr, "installed=%d\n", install_once(obj));
  __ffipin_unpin(obj);
  return 0;
}

// CHECK: slot=[[SLOT:0x[0-9a-f]+]] obj=[[OBJ:0x[0-9a-f]+]]
// CHECK: installed=1
// CHECK-NEXT: =================================================================
// CHECK-NEXT: ERROR: FFIPinSanitizer: pin-outlived on address [[SLOT]] (holds [[OBJ]]){{$}}
// CHECK: SUMMARY: FFIPinSanitizer: pin-outlived {{.*}}store-atomic-cmpxchg-success.c:[[@LINE-16]]:{{[0-9]+}} in install_once{{$}}
