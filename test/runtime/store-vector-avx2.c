// RUN: %clang -O3 -mavx2 -I%ffipin_include -S -emit-llvm %s -o - | FileCheck %s --check-prefix=IR
// RUN: %clang_ffipin -O3 -mavx2 %s -o %t && not %run %t 2>&1 | FileCheck %s

// Intent: an array of 4 pointers filled in a loop, vectorised at -O3 -mavx2
// into one <4 x ptr> store, makes all four slots held; the unpin reports.

#include "Inputs/foreign_heap.h"

void *g_fields[4];

__attribute__((noinline)) void fill_fields(void **out, char *obj) {
  for (int i = 0; i < 4; i++)
    out[i] = obj;
}

int main(void) {
  char *obj = heap_obj(new_heap(), 1);
  __ffipin_pin(obj, OBJ_SIZE);
  fill_fields(g_fields, obj);
  fprintf(stderr, "held=%zu\n", __ffipin_held_count(obj, OBJ_SIZE));
  __ffipin_unpin(obj);
  return 0;
}

// IR-LABEL: define {{.*}}void @fill_fields(
// IR: store <4 x ptr>

// CHECK: held=4
// CHECK-NEXT: =================================================================
// CHECK-NEXT: ERROR: FFIPinSanitizer: pin-outlived on address
// CHECK: SUMMARY: FFIPinSanitizer: pin-outlived {{.*}}store-vector-avx2.c:[[@LINE-18]]:{{[0-9]+}} in fill_fields{{$}}
