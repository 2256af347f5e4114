// RUN: %clang_ffipin -O0 %s -o %t.O0 && %run %t.O0 2>&1 | FileCheck %s
// RUN: %clang_ffipin -O2 %s -o %t.O2 && %run %t.O2 2>&1 | FileCheck %s

// Intent: a held slot in a malloc'd struct overwritten with a C (non-
// foreign) pointer before the unpin is not reported.

#include "Inputs/foreign_heap.h"

struct ctx {
  void *buf;
};
struct ctx *g_ctx;
static char g_c_buffer[64];

__attribute__((noinline)) void set_buf(struct ctx *c, void *p) { c->buf = p; }

int main(void) {
  char *obj = heap_obj(new_heap(), 1);
  g_ctx = malloc(sizeof *g_ctx);
  fprintf(stderr, "start\n");
  __ffipin_pin(obj, OBJ_SIZE);
  set_buf(g_ctx, obj);
  set_buf(g_ctx, g_c_buffer);
  __ffipin_unpin(obj);
  fprintf(stderr, "done\n");
  return 0;
}

// CHECK: {{^start$}}
// CHECK-NOT: FFIPinSanitizer
// CHECK: {{^done$}}
