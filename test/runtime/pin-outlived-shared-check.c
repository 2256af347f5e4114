// RUN: %clang_ffipin -O0 %s -o %t.O0 && not %run %t.O0 2>&1 | FileCheck %s
// RUN: %clang_ffipin -O2 %s -o %t.O2 && not %run %t.O2 2>&1 | FileCheck %s

// Intent: two fields of one struct given the same pointer in a row (at -O2
// the pass checks both stores once, after the second) are both tracked,
// and the report names the line of the store that wrote the reported slot.

#include "Inputs/foreign_heap.h"

struct ctx {
  void *first;
  void *second;
};
struct ctx *g_ctx;

__attribute__((noinline)) void keep_twice(struct ctx *c, char *p) {
  c->first = p;
  c->second = p;
}

int main(void) {
  char *obj = heap_obj(new_heap(), 1);
  g_ctx = malloc(sizeof *g_ctx);
  __ffipin_pin(obj, OBJ_SIZE);
  keep_twice(g_ctx, obj);
  fprintf(stderr, "held: %zu\n", __ffipin_held_count(obj, OBJ_SIZE));
  g_ctx->second = NULL;
  __ffipin_unpin(obj);
  fprintf(stderr, "not reached: %p\n", g_ctx->first);
  return 0;
}

// CHECK: held: 2
// CHECK: ERROR: FFIPinSanitizer: pin-outlived
// CHECK: STORE of foreign pointer by thread T0:
// CHECK-NEXT: {{^    #0 0x[0-9a-f]+ in keep_twice .*pin-outlived-shared-check.c:}}[[@LINE-19]]:{{[0-9]+$}}
// CHECK: SUMMARY: FFIPinSanitizer: pin-outlived {{.*}}pin-outlived-shared-check.c:[[@LINE-20]]:{{[0-9]+}} in keep_twice
