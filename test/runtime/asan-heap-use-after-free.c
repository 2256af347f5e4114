// REQUIRES: asan-rt
// RUN: %ffipin_cc -fsanitize=address,ffi-pin -g -O0 %s -o %t && not %run %t 2>&1 | FileCheck %s

// Intent: with -fsanitize=address,ffi-pin, ASan's interceptors keep working
// behind FFIPinSanitizer's: a heap-use-after-free of a struct that held a
// foreign pointer is still reported by ASan, with its free stack, and the
// freed slot gives no FFIPinSanitizer report.

#include "Inputs/foreign_heap.h"

struct ctx {
  void *data;
};

int main(void) {
  char *obj = heap_obj(new_heap(), 1);
  __ffipin_pin(obj, OBJ_SIZE);
  struct ctx *volatile c = malloc(sizeof *c);
  c->data = obj;
  free(c);
  __ffipin_unpin(obj);
  fprintf(stderr, "unpinned\n");
  return c->data != NULL;
}

// CHECK-NOT: FFIPinSanitizer
// CHECK: {{^unpinned$}}
// CHECK-NEXT: =================================================================
// CHECK-NEXT: {{^==[0-9]+==ERROR: AddressSanitizer: heap-use-after-free}}
// CHECK: {{^    #0 0x[0-9a-f]+ in main .*asan-heap-use-after-free.c:}}[[@LINE-7]]
// CHECK: freed by thread T0 here:
// CHECK: {{in main .*asan-heap-use-after-free.c:}}[[@LINE-12]]
// CHECK: SUMMARY: AddressSanitizer: heap-use-after-free
