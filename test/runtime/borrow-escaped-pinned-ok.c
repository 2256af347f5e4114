// RUN: %clang_ffipin -O0 %s -o %t.O0 && %run %t.O0 2>&1 | FileCheck %s
// RUN: %clang_ffipin -O2 %s -o %t.O2 && %run %t.O2 2>&1 | FileCheck %s

// Intent: a heap pointer kept past the end of a call scope is fine when an
// explicit pin (runtime.Pinner) covers the pointee: no report at call_end.

#include "Inputs/foreign_heap.h"

void *g_handler_ctx;

__attribute__((noinline)) void register_handler(void *ctx) {
  g_handler_ctx = ctx;
}

int main(void) {
  char *obj = heap_obj(new_heap(), 3);
  fprintf(stderr, "start\n");
  __ffipin_pin(obj, OBJ_SIZE);
  __ffipin_call_begin();
  register_handler(obj + 16);
  __ffipin_call_end();
  fprintf(stderr, "done\n");
  return 0;
}

// CHECK: {{^start$}}
// CHECK-NOT: FFIPinSanitizer
// CHECK: {{^done$}}
