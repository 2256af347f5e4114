// RUN: %clang_ffipin -O0 %s -o %t.O0 && %run %t.O0 2>&1 | FileCheck %s
// RUN: %clang_ffipin -O2 %s -o %t.O2 && %run %t.O2 2>&1 | FileCheck %s

// Intent: inside a call scope, storing an unpinned heap pointer into C
// memory is not reported at the store (it is judged when the scope ends;
// here the slot is cleared before that).

#include "Inputs/foreign_heap.h"

void *g_cache;

__attribute__((noinline)) void cache_object(void *obj) { g_cache = obj; }

int main(void) {
  char *obj = heap_obj(new_heap(), 5);
  fprintf(stderr, "start\n");
  __ffipin_call_begin();
  cache_object(obj);
  fprintf(stderr, "stored inside the scope\n");
  cache_object(NULL);
  __ffipin_call_end();
  fprintf(stderr, "done\n");
  return 0;
}

// CHECK: {{^start$}}
// CHECK-NOT: FFIPinSanitizer
// CHECK: stored inside the scope
// CHECK-NOT: FFIPinSanitizer
// CHECK: {{^done$}}
