// RUN: %clang_ffipin -O0 %s -o %t.O0 && %run %t.O0 2>&1 | FileCheck %s
// RUN: %clang_ffipin -O2 %s -o %t.O2 && %run %t.O2 2>&1 | FileCheck %s

// Intent: foreign memory is not a C-resident slot: storing heap pointers
// into another heap object (the GC owns it) is neither an unpinned-store nor
// a held slot at the unpin.

#include "Inputs/foreign_heap.h"

__attribute__((noinline)) void link_objects(void **field, void *target) {
  *field = target;
}

int main(void) {
  char *heap = new_heap();
  char *a = heap_obj(heap, 1), *b = heap_obj(heap, 2), *c = heap_obj(heap, 3);
  fprintf(stderr, "start\n");
  link_objects((void **)(b + 8), a); /* unpinned, outside any scope */
  __ffipin_pin(c, OBJ_SIZE);
  link_objects((void **)(b + 16), c);
  __ffipin_unpin(c);
  fprintf(stderr, "held=%zu\n", __ffipin_held_count(heap, HEAP_SIZE));
  fprintf(stderr, "done\n");
  return 0;
}

// CHECK: {{^start$}}
// CHECK-NOT: FFIPinSanitizer
// CHECK: held=0
// CHECK-NEXT: {{^done$}}
