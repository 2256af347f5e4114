// RUN: %clang_ffipin -O0 %s -o %t.O0 && %run %t.O0 2>&1 | FileCheck %s
// RUN: %clang_ffipin -O2 %s -o %t.O2 && %run %t.O2 2>&1 | FileCheck %s

// Intent: outside any call scope, storing a heap pointer that a pin covers
// (here an interior pointer) is allowed; clearing it before the unpin keeps
// the program clean.

#include "Inputs/foreign_heap.h"

void *g_cache;

__attribute__((noinline)) void cache_object(void *obj) { g_cache = obj; }

int main(void) {
  char *obj = heap_obj(new_heap(), 5);
  fprintf(stderr, "start\n");
  __ffipin_pin(obj, OBJ_SIZE);
  cache_object(obj + 24);
  fprintf(stderr, "stored while pinned\n");
  cache_object(NULL);
  __ffipin_unpin(obj);
  fprintf(stderr, "done\n");
  return 0;
}

// CHECK: {{^start$}}
// CHECK-NOT: FFIPinSanitizer
// CHECK: stored while pinned
// CHECK-NOT: FFIPinSanitizer
// CHECK: {{^done$}}
