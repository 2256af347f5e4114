// RUN: %clang_ffipin -O0 %s -o %t.O0 && %run %t.O0 2>&1 | FileCheck %s
// RUN: %clang_ffipin -O2 %s -o %t.O2 && %run %t.O2 2>&1 | FileCheck %s

// Intent: the end pointer of a pinned buffer (one past its last byte) is the
// start of the next object; that object is pinned and unpinned while the
// buffer stays pinned, and its unpin is no pin-outlived.

#include "Inputs/foreign_heap.h"
#include "Inputs/span.h"

int main(void) {
  char *heap = new_heap();
  char *buf = heap_obj(heap, 1), *next = heap_obj(heap, 2);
  __ffipin_pin(buf, OBJ_SIZE);
  __ffipin_pin(next, OBJ_SIZE);
  span_set(&g_span, buf, OBJ_SIZE);
  __ffipin_unpin(next);
  fprintf(stderr, "neighbour unpinned, end %s next\n", g_span.end == next ? "is" : "is not");
  g_span.begin = g_span.end = NULL;
  __ffipin_unpin(buf);
  fprintf(stderr, "done\n");
  return 0;
}

// CHECK-NOT: ERROR: FFIPinSanitizer
// CHECK: neighbour unpinned, end is next
// CHECK-NEXT: {{^done$}}
