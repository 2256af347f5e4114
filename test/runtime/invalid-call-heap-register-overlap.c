// RUN: %clang_ffipin -O0 %s -o %t && %env_ffipin_opts=halt_on_error=0 %run %t 2>&1 | FileCheck %s

// Intent: registering a heap range that overlaps a registered heap of
// another name is an invalid-call naming both, and the first heap keeps its
// name; a range that overlaps or touches a heap of the same name extends it
// (Go maps its arenas piece by piece).

#include <stdint.h>
#include "Inputs/foreign_heap.h"

void *g_a, *g_b;

int main(void) {
  char *heap = new_heap(); /* "test": [heap, heap + HEAP_SIZE) */
  __ffipin_heap_register(heap + HEAP_SIZE / 2, HEAP_SIZE, "other");
  __ffipin_heap_register(heap + HEAP_SIZE, HEAP_SIZE, "test"); /* touches: extends */
  g_a = heap + HEAP_SIZE / 2 + 64;                            /* unpinned-store in 'test' */
  g_b = heap + HEAP_SIZE + 64;                                /* unpinned-store in 'test' */
  return 0;
}

// CHECK: ERROR: FFIPinSanitizer: invalid-call
// CHECK-NEXT: heap_register of [{{0x[0-9a-f]+}},{{0x[0-9a-f]+}}) ('other') overlaps the registered heap 'test' [{{0x[0-9a-f]+}},{{0x[0-9a-f]+}})
// CHECK: ERROR: FFIPinSanitizer: unpinned-store
// CHECK-NEXT: (in heap 'test')
// CHECK: ERROR: FFIPinSanitizer: unpinned-store
// CHECK-NEXT: (in heap 'test')
