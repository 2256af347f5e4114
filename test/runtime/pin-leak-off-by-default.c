// RUN: %clang_ffipin -O0 %s -o %t && %run %t 2>&1 | FileCheck %s

// Intent: pins never released are not reported unless detect_pin_leaks=1,
// and the program exits 0.

#include "Inputs/foreign_heap.h"

int main(void) {
  char *obj = heap_obj(new_heap(), 1);
  fprintf(stderr, "start\n");
  __ffipin_pin(obj, OBJ_SIZE);
  fprintf(stderr, "main returns\n");
  return 0;
}

// CHECK: {{^start$}}
// CHECK-NOT: FFIPinSanitizer
// CHECK: main returns
