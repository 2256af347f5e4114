// RUN: %clang_ffipin -O0 %s -o %t.O0 && %run %t.O0 2>&1 | FileCheck %s
// RUN: %clang_ffipin -O2 %s -o %t.O2 && %run %t.O2 2>&1 | FileCheck %s

// Intent: a held slot overwritten with NULL before the unpin is re-validated
// at the unpin and not reported.

#include "Inputs/foreign_heap.h"

void *g_slot;

__attribute__((noinline)) void set_slot(void *p) { g_slot = p; }

int main(void) {
  char *obj = heap_obj(new_heap(), 1);
  fprintf(stderr, "start\n");
  __ffipin_pin(obj, OBJ_SIZE);
  set_slot(obj);
  set_slot(NULL);
  __ffipin_unpin(obj);
  fprintf(stderr, "done\n");
  return 0;
}

// CHECK: {{^start$}}
// CHECK-NOT: FFIPinSanitizer
// CHECK: {{^done$}}
