// RUN: %clang_ffipin -O0 %s -o %t.O0 && %run %t.O0 2>&1 | FileCheck %s
// RUN: %clang_ffipin -O2 %s -o %t.O2 && %run %t.O2 2>&1 | FileCheck %s

// Intent: freeing the malloc'd struct that held the pointer forgets the slot:
// the unpin afterwards reports nothing, and a new allocation reusing the
// same memory does not inherit the slot.

#include "Inputs/foreign_heap.h"

struct ctx {
  void *buf;
  long pad[3];
};

__attribute__((noinline)) struct ctx *ctx_new(void *buf) {
  struct ctx *c = malloc(sizeof *c);
  c->buf = buf;
  return c;
}

int main(void) {
  char *obj = heap_obj(new_heap(), 1);
  fprintf(stderr, "start\n");
  __ffipin_pin(obj, OBJ_SIZE);
  struct ctx *c = ctx_new(obj);
  fprintf(stderr, "held=%zu\n", __ffipin_held_count(obj, OBJ_SIZE));
  free(c);
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
