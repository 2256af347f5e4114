// RUN: %clang_ffipin -O0 %s -o %t.O0 && %run %t.O0 2>&1 | FileCheck %s
// RUN: %clang_ffipin -O2 %s -o %t.O2 && %run %t.O2 2>&1 | FileCheck %s

// Intent: __ffipin_held_count counts the tracked slots pointing into a range,
// re-reading each: it follows stores, overwrites and frees, and counts only
// the range asked about.

#include "Inputs/foreign_heap.h"

void *volatile g_slot;
struct ctx {
  void *p;
};
struct ctx *volatile g_ctx;

int main(void) {
  char *heap = new_heap();
  char *obj = heap_obj(heap, 1), *other = heap_obj(heap, 2);
  __ffipin_pin(obj, OBJ_SIZE);
  __ffipin_pin(other, OBJ_SIZE);
  fprintf(stderr, "none: %zu\n", __ffipin_held_count(obj, OBJ_SIZE));
  g_slot = obj;
  fprintf(stderr, "global: %zu\n", __ffipin_held_count(obj, OBJ_SIZE));
  g_ctx = malloc(sizeof(struct ctx));
  g_ctx->p = obj + 8;
  fprintf(stderr, "global+field: %zu\n", __ffipin_held_count(obj, OBJ_SIZE));
  fprintf(stderr, "other: %zu\n", __ffipin_held_count(other, OBJ_SIZE));
  fprintf(stderr, "first 8 bytes: %zu\n", __ffipin_held_count(obj, 8));
  g_slot = NULL;
  fprintf(stderr, "after overwrite: %zu\n", __ffipin_held_count(obj, OBJ_SIZE));
  free(g_ctx);
  g_ctx = NULL;
  fprintf(stderr, "after free: %zu\n", __ffipin_held_count(obj, OBJ_SIZE));
  __ffipin_unpin(obj);
  __ffipin_unpin(other);
  fprintf(stderr, "done\n");
  return 0;
}

// CHECK: none: 0
// CHECK-NEXT: global: 1
// CHECK-NEXT: global+field: 2
// CHECK-NEXT: other: 0
// CHECK-NEXT: first 8 bytes: 1
// CHECK-NEXT: after overwrite: 1
// CHECK-NEXT: after free: 0
// CHECK-NEXT: {{^done$}}
