// RUN: %clang_ffipin -O0 %s -o %t && %env_ffipin_opts=halt_on_error=0 %run %t 2>&1 | FileCheck %s

// Intent: addresses at and above 2^47 (user addresses with 5-level paging)
// work like any other: a borrow there, a pin there and a heap registered
// there are tracked, and a store of such a pointer is judged, not a crash
// in the runtime.

#include <stdint.h>
#include "Inputs/foreign_heap.h"

void *g_borrowed, *g_pinned, *g_heap;

int main(void) {
  char *high = (char *)0x900000000000; /* above 2^47; need not be mapped */
  __ffipin_call_begin();
  __ffipin_borrow(high, 64);
  g_borrowed = high + 8;
  __ffipin_call_end(); /* borrow-escaped */
  g_borrowed = NULL;
  fprintf(stderr, "borrow done\n");
  __ffipin_pin(high + 4096, 64);
  g_pinned = high + 4096;
  fprintf(stderr, "held=%zu\n", __ffipin_held_count(high + 4096, 64));
  __ffipin_unpin(high + 4096); /* pin-outlived */
  g_pinned = NULL;
  __ffipin_heap_register(high + (1 << 20), 1 << 20, "high");
  g_heap = high + (1 << 20) + 64; /* unpinned-store */
  fprintf(stderr, "done\n");
  return 0;
}

// CHECK: ERROR: FFIPinSanitizer: borrow-escaped
// CHECK: borrow done
// CHECK-NEXT: held=1
// CHECK-NEXT: =================================================================
// CHECK-NEXT: ERROR: FFIPinSanitizer: pin-outlived
// CHECK: ERROR: FFIPinSanitizer: unpinned-store
// CHECK: (in heap 'high')
// CHECK: {{^done$}}
