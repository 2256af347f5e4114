// RUN: %clang_ffipin -O0 %s -o %t && %env_ffipin_opts=halt_on_error=0 %run %t 2>&1 | FileCheck %s

// Intent: a pin whose size runs past the end of the address space (SIZE_MAX,
// or a size that wraps) is an invalid-call naming the problem, not a pin of
// nothing; a borrow of such a range too.

#include <stdint.h>
#include "Inputs/foreign_heap.h"

int main(void) {
  char *obj = heap_obj(new_heap(), 1);
  __ffipin_pin(obj, SIZE_MAX);
  __ffipin_pin((void *)(UINTPTR_MAX - 16), 64);
  __ffipin_call_begin();
  __ffipin_borrow(obj, SIZE_MAX);
  __ffipin_call_end();
  fprintf(stderr, "done\n");
  return 0;
}

// CHECK: ERROR: FFIPinSanitizer: invalid-call
// CHECK-NEXT: pin of {{0x[0-9a-f]+}} with size 18446744073709551615: the range wraps past the end of the address space
// CHECK: ERROR: FFIPinSanitizer: invalid-call
// CHECK-NEXT: pin of 0x{{0*}}ffffffffffffffef with size 64: the range wraps past the end of the address space
// CHECK: ERROR: FFIPinSanitizer: invalid-call
// CHECK-NEXT: borrow of {{0x[0-9a-f]+}} with size 18446744073709551615: the range wraps past the end of the address space
// CHECK: {{^done$}}
