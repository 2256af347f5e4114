// RUN: %clang_ffipin -O0 %s -o %t.O0 && %run %t.O0 2>&1 | FileCheck %s
// RUN: %clang_ffipin -O2 %s -o %t.O2 && %run %t.O2 2>&1 | FileCheck %s

// Intent: realloc that shrinks a block in place ends the slots past the new
// size, also when the allocator keeps the tail in the block (too small to
// split off, so the usable size does not change): the bytes are no longer
// the program's, and the unpin that follows reports nothing for them.

#include <stdint.h>
#include "Inputs/foreign_heap.h"

__attribute__((noinline)) void put(void **block, int i, void *p) { block[i] = p; }

int main(void) {
  char *obj = heap_obj(new_heap(), 1);
  void **block = malloc(64);
  __ffipin_pin(obj, OBJ_SIZE);
  put(block, 0, obj);
  put(block, 7, obj); /* bytes 56..63: past the new size */
  uintptr_t before = (uintptr_t)block;
  void **shrunk = realloc(block, 48);
  fprintf(stderr, "in place=%d held=%zu\n", (uintptr_t)shrunk == before,
          __ffipin_held_count(obj, OBJ_SIZE));
  put(shrunk, 0, NULL);
  __ffipin_unpin(obj);
  free(shrunk);
  fprintf(stderr, "done\n");
  return 0;
}

// CHECK-NOT: ERROR: FFIPinSanitizer
// CHECK: in place=1 held=1
// CHECK-NEXT: {{^done$}}
