// RUN: %clang_ffipin -O0 %s -o %t && %run %t 2>&1 | FileCheck %s

// Intent: __ffipin_is_foreign is true exactly for memory a managed runtime
// owns or lends right now: the registered heap (both ends), a pinned range
// while pinned, a range borrowed in the open call scope; false for C memory,
// just past the heap, after the unpin/scope end/unregister.

#include "Inputs/foreign_heap.h"

static int g_c_global;

int main(void) {
  char *heap = new_heap();
  char *buf = malloc(64);
  fprintf(stderr, "heap begin: %d\n", __ffipin_is_foreign(heap));
  fprintf(stderr, "heap last byte: %d\n", __ffipin_is_foreign(heap + HEAP_SIZE - 1));
  fprintf(stderr, "heap end: %d\n", __ffipin_is_foreign(heap + HEAP_SIZE));
  fprintf(stderr, "malloc: %d\n", __ffipin_is_foreign(buf));
  fprintf(stderr, "global: %d\n", __ffipin_is_foreign(&g_c_global));
  __ffipin_pin(buf, 64);
  fprintf(stderr, "pinned: %d\n", __ffipin_is_foreign(buf + 63));
  __ffipin_unpin(buf);
  fprintf(stderr, "unpinned: %d\n", __ffipin_is_foreign(buf));
  __ffipin_call_begin();
  __ffipin_borrow(buf, 64);
  fprintf(stderr, "borrowed: %d\n", __ffipin_is_foreign(buf + 10));
  __ffipin_call_end();
  fprintf(stderr, "scope ended: %d\n", __ffipin_is_foreign(buf + 10));
  __ffipin_heap_unregister(heap, HEAP_SIZE);
  fprintf(stderr, "unregistered: %d\n", __ffipin_is_foreign(heap));
  return 0;
}

// CHECK: heap begin: 1
// CHECK-NEXT: heap last byte: 1
// CHECK-NEXT: heap end: 0
// CHECK-NEXT: malloc: 0
// CHECK-NEXT: global: 0
// CHECK-NEXT: pinned: 1
// CHECK-NEXT: unpinned: 0
// CHECK-NEXT: borrowed: 1
// CHECK-NEXT: scope ended: 0
// CHECK-NEXT: unregistered: 0
