// REQUIRES: asan-rt
// RUN: %ffipin_cc -fsanitize=address,ffi-pin -g -O0 %s -o %t.O0 && not %run %t.O0 2>&1 | FileCheck %s
// RUN: %ffipin_cc -fsanitize=address,ffi-pin -g -O2 %s -o %t.O2 && not %run %t.O2 2>&1 | FileCheck %s

// Intent: built with -fsanitize=address,ffi-pin, the program still gets
// FFIPinSanitizer's pin-outlived report, for a slot in ASan's heap.

#include "Inputs/foreign_heap.h"

struct ctx {
  void *data;
};
struct ctx *g_ctx;

__attribute__((noinline)) void init_ctx(struct ctx *c, void *p) {
  c->data = p;
}

int main(void) {
  char *obj = heap_obj(new_heap(), 1);
  g_ctx = malloc(sizeof *g_ctx);
  fprintf(stderr, "slot=%p\n", (void *)&g_ctx->data);
  __ffipin_pin(obj, OBJ_SIZE);
  init_ctx(g_ctx, obj);
  __ffipin_unpin(obj);
  return 0;
}

// CHECK: slot=[[SLOT:0x[0-9a-f]+]]
// CHECK-NEXT: =================================================================
// CHECK-NEXT: ERROR: FFIPinSanitizer: pin-outlived on address [[SLOT]] (holds
// CHECK: {{^    #0 0x[0-9a-f]+ in init_ctx .*asan-pin-outlived.c:}}[[@LINE-16]]:{{[0-9]+$}}
// CHECK: {{^}}[[SLOT]] is located 0 bytes inside of a 8-byte heap region
// CHECK: SUMMARY: FFIPinSanitizer: pin-outlived {{.*}}asan-pin-outlived.c:[[@LINE-18]]:{{[0-9]+}} in init_ctx{{$}}
