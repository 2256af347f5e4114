// RUN: %clang_ffipin -fomit-frame-pointer -O0 %s -o %t.O0 && not %run %t.O0 2>&1 | FileCheck %s
// RUN: %clang_ffipin -fomit-frame-pointer -O2 %s -o %t.O2 && not %run %t.O2 2>&1 | FileCheck %s

// Intent: built with -fomit-frame-pointer, a report still names the storing
// function and line (frame #0 is the return address of the runtime's entry
// point) and its SUMMARY line; the frames above it may be missing.

#include "Inputs/foreign_heap.h"

struct ctx {
  void *data;
};
struct ctx *g_ctx;

__attribute__((noinline)) void init_ctx(struct ctx *c, char *buf) {
  c->data = buf;
}

int main(void) {
  char *obj = heap_obj(new_heap(), 1);
  g_ctx = malloc(sizeof *g_ctx);
  __ffipin_pin(obj, OBJ_SIZE);
  init_ctx(g_ctx, obj);
  __ffipin_unpin(obj);
  fprintf(stderr, "not reached: %p\n", g_ctx->data);
  return 0;
}

// CHECK: ERROR: FFIPinSanitizer: pin-outlived
// CHECK: STORE of foreign pointer by thread T0:
// CHECK-NEXT: {{^    #0 0x[0-9a-f]+ in init_ctx .*omit-frame-pointer-store-frame.c:}}[[@LINE-15]]:{{[0-9]+$}}
// CHECK: SUMMARY: FFIPinSanitizer: pin-outlived {{.*}}omit-frame-pointer-store-frame.c:[[@LINE-16]]:{{[0-9]+}} in init_ctx
