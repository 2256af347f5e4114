// RUN: %clang_ffipin -O0 %s -o %t.O0 && %run %t.O0 2>&1 | FileCheck %s
// RUN: %clang_ffipin -O2 %s -o %t.O2 && %run %t.O2 2>&1 | FileCheck %s

// Intent: a slot that held a heap pointer during a call scope but was
// cleared before the scope ended is re-validated and not reported.

#include "Inputs/foreign_heap.h"

void *volatile g_current;

__attribute__((noinline)) void process(void *obj) {
  g_current = obj;
  /* ... work on the object ... */
  g_current = NULL;
}

int main(void) {
  char *obj = heap_obj(new_heap(), 3);
  fprintf(stderr, "start\n");
  __ffipin_call_begin();
  process(obj);
  __ffipin_call_end();
  fprintf(stderr, "done\n");
  return 0;
}

// CHECK: {{^start$}}
// CHECK-NOT: FFIPinSanitizer
// CHECK: {{^done$}}
