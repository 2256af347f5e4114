// RUN: %clang_ffipin -O0 %s -o %t.O0 && %run %t.O0 2>&1 | FileCheck %s
// RUN: %clang_ffipin -O2 %s -o %t.O2 && %run %t.O2 2>&1 | FileCheck %s

// Intent: a slot in the storing thread's own live stack (a local whose
// address escapes to an opaque function that stores through it) is not
// tracked by default: the unpin reports nothing.

#include "Inputs/foreign_heap.h"

__attribute__((noinline)) void out_param(void **out, void *p) { *out = p; }

int main(void) {
  char *obj = heap_obj(new_heap(), 1);
  void *local = NULL;
  fprintf(stderr, "start\n");
  __ffipin_pin(obj, OBJ_SIZE);
  out_param(&local, obj);
  __ffipin_unpin(obj);
  fprintf(stderr, "local still set: %d\n", local == obj);
  return 0;
}

// CHECK: {{^start$}}
// CHECK-NOT: FFIPinSanitizer
// CHECK: local still set: 1
