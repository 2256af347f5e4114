// RUN: %clang_ffipin -O0 %s -o %t.O0 && not %run %t.O0 2>&1 | FileCheck %s
// RUN: %clang_ffipin -O2 %s -o %t.O2 && not %run %t.O2 2>&1 | FileCheck %s

// Intent: inside a call scope, C stores a borrowed pointer in a heap struct,
// memcpy's the struct into a global and frees the heap copy: the global
// still holds the borrowed pointer when the scope ends (borrow-escaped), at
// the memcpy.

#include <string.h>
#include "Inputs/foreign_heap.h"

struct ctx {
  void *buf;
  long len;
};
struct ctx g_ctx;

__attribute__((noinline)) void keep(struct ctx *tmp) { memcpy(&g_ctx, tmp, sizeof g_ctx); }

int main(void) {
  char *obj = heap_obj(new_heap(), 1);
  __ffipin_call_begin();
  __ffipin_borrow(obj, OBJ_SIZE);
  struct ctx *tmp = malloc(sizeof *tmp);
  tmp->buf = obj;
  tmp->len = OBJ_SIZE;
  keep(tmp);
  free(tmp);
  fprintf(stderr, "ending the scope\n");
  __ffipin_call_end();
  fprintf(stderr, "not reached %p\n", g_ctx.buf);
  return 0;
}

// CHECK: ending the scope
// CHECK-NEXT: =================================================================
// CHECK-NEXT: ERROR: FFIPinSanitizer: borrow-escaped on address
// CHECK: STORE of foreign pointer by thread T0:
// CHECK-NEXT: {{^    #0 0x[0-9a-f]+ in keep .*borrow-escaped-memcpy-heap-to-global.c:}}[[@LINE-21]]:{{[0-9]+$}}
