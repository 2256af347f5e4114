// RUN: %clang_ffipin -O0 %s -o %t.O0 && %run %t.O0 2>&1 | FileCheck %s
// RUN: %clang_ffipin -O2 %s -o %t.O2 && %run %t.O2 2>&1 | FileCheck %s

// Intent: munmap of C memory that held a pointer forgets the slot: the unpin
// afterwards reports nothing (and does not touch the unmapped page).

#include "Inputs/foreign_heap.h"

__attribute__((noinline)) void arena_put(void **arena, int i, void *p) { arena[i] = p; }

int main(void) {
  char *obj = heap_obj(new_heap(), 1);
  void **arena = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  fprintf(stderr, "start\n");
  __ffipin_pin(obj, OBJ_SIZE);
  arena_put(arena, 5, obj);
  fprintf(stderr, "held=%zu\n", __ffipin_held_count(obj, OBJ_SIZE));
  munmap(arena, 4096);
  fprintf(stderr, "held=%zu\n", __ffipin_held_count(obj, OBJ_SIZE));
  __ffipin_unpin(obj);
  fprintf(stderr, "done\n");
  return 0;
}

// CHECK: {{^start$}}
// CHECK-NEXT: held=1
// CHECK-NEXT: held=0
// CHECK-NOT: FFIPinSanitizer
// CHECK: {{^done$}}
