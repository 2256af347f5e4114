// RUN: %clang_ffipin -O0 %s -o %t && %env_ffipin_opts=halt_on_error=0 %run %t 2>&1 | FileCheck %s

// Intent: object_freed, object_moved and held_count of a range that wraps
// past the end of the address space are invalid-calls naming the problem
// (held_count then answers 0), not a walk over the wrapped range.

#include <stdint.h>
#include "Inputs/foreign_heap.h"

int main(void) {
  char *obj = heap_obj(new_heap(), 1);
  __ffipin_object_freed(obj, SIZE_MAX);
  __ffipin_object_moved(obj, obj + 64, SIZE_MAX);
  fprintf(stderr, "held: %zu\n", __ffipin_held_count(obj, SIZE_MAX));
  return 0;
}

// CHECK: ERROR: FFIPinSanitizer: invalid-call
// CHECK-NEXT: object_freed of {{0x[0-9a-f]+}} with size 18446744073709551615: the range wraps past the end of the address space
// CHECK: ERROR: FFIPinSanitizer: invalid-call
// CHECK-NEXT: object_moved of {{0x[0-9a-f]+}} with size 18446744073709551615: the range wraps past the end of the address space
// CHECK: ERROR: FFIPinSanitizer: invalid-call
// CHECK-NEXT: held_count of {{0x[0-9a-f]+}} with size 18446744073709551615: the range wraps past the end of the address space
// CHECK: held: 0
