// RUN: %clang_ffipin -O0 %s -o %t && %env_ffipin_opts=halt_on_error=0 %run %t 2>&1 | FileCheck %s

// Intent: heap_register of a range that cannot be a heap (one that wraps
// past the end of the address space, one at the null page, an empty one) is
// an invalid-call naming the problem, and registers nothing.

#include <stdint.h>
#include "Inputs/foreign_heap.h"

int main(void) {
  char *heap = new_heap();
  char *x = heap + HEAP_SIZE * 4;
  __ffipin_heap_register(x, SIZE_MAX, "wraps");
  __ffipin_heap_register(NULL, 4096, "null");
  __ffipin_heap_register(x, 0, "empty");
  fprintf(stderr, "foreign: %d\n", __ffipin_is_foreign(x));
  return 0;
}

// CHECK: ERROR: FFIPinSanitizer: invalid-call
// CHECK-NEXT: heap_register of {{0x[0-9a-f]+}} with size 18446744073709551615 ('wraps'): the range wraps past the end of the address space
// CHECK: ERROR: FFIPinSanitizer: invalid-call
// CHECK-NEXT: heap_register of a null pointer ('null')
// CHECK: ERROR: FFIPinSanitizer: invalid-call
// CHECK-NEXT: heap_register of an empty range at {{0x[0-9a-f]+}} ('empty')
// CHECK: foreign: 0
