// RUN: %clang_ffipin -O0 %s -o %t.O0 && not %run %t.O0 2>&1 | FileCheck %s
// RUN: %clang_ffipin -O2 %s -o %t.O2 && not %run %t.O2 2>&1 | FileCheck %s

// Intent: mmap'd memory that is not a registered heap (a C library's own
// arena) is C-resident: a pinned pointer kept in it is pin-outlived.

#include "Inputs/foreign_heap.h"

__attribute__((noinline)) void arena_put(void **arena, int i, void *p) {
  arena[i] = p;
}

int main(void) {
  char *obj = heap_obj(new_heap(), 1);
  void **arena = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  fprintf(stderr, "slot=%p obj=%p\n", (void *)&arena[5], (void *)obj);
  __ffipin_pin(obj, OBJ_SIZE);
  arena_put(arena, 5, obj);
  __ffipin_unpin(obj);
  return 0;
}

// CHECK: slot=[[SLOT:0x[0-9a-f]+]] obj=[[OBJ:0x[0-9a-f]+]]
// CHECK-NEXT: =================================================================
// CHECK-NEXT: ERROR: FFIPinSanitizer: pin-outlived on address [[SLOT]] (holds [[OBJ]]){{$}}
// CHECK: SUMMARY: FFIPinSanitizer: pin-outlived {{.*}}pin-outlived-mmap-slot.c:[[@LINE-16]]:{{[0-9]+}} in arena_put{{$}}
