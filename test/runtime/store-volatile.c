// RUN: %clang_ffipin -O0 %s -o %t.O0 && not %run %t.O0 2>&1 | FileCheck %s
// RUN: %clang_ffipin -O2 %s -o %t.O2 && not %run %t.O2 2>&1 | FileCheck %s

// Intent: a volatile store of a foreign pointer is instrumented like a plain
// one: the unpin reports it.

#include "Inputs/foreign_heap.h"

struct dev {
  void *volatile dma_buf;
};
struct dev g_dev;

__attribute__((noinline)) void start_dma(struct dev *d, void *buf) {
  d->dma_buf = buf;
}

int main(void) {
  char *obj = heap_obj(new_heap(), 1);
  fprintf(stderr, "slot=%p obj=%p\n", (void *)&g_dev.dma_buf, (void *)obj);
  __ffipin_pin(obj, OBJ_SIZE);
  start_dma(&g_dev, obj);
  __ffipin_unpin(obj);
  return 0;
}

// CHECK: slot=[[SLOT:0x[0-9a-f]+]] obj=[[OBJ:0x[0-9a-f]+]]
// CHECK: ERROR: FFIPinSanitizer: pin-outlived on address [[SLOT]] (holds [[OBJ]]){{$}}
// CHECK: SUMMARY: FFIPinSanitizer: pin-outlived {{.*}}store-volatile.c:[[@LINE-14]]:{{[0-9]+}} in start_dma{{$}}
