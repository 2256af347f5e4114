// RUN: %clang_ffipin -O0 %s -o %t.O0 && not %run %t.O0 2>&1 | FileCheck %s
// RUN: %clang_ffipin -O2 %s -o %t.O2 && not %run %t.O2 2>&1 | FileCheck %s

// Intent: a managed runtime whose heap is a static array (registered like
// any heap) has its objects' addresses stored as link-time constants; such
// a store into C memory is checked like any other (unpinned-store), even
// though the value is the address of a global.

#include <sanitizer/ffipin_interface.h>
#include <stdio.h>

static char managed_heap[1 << 16] __attribute__((aligned(64)));
char *volatile g_slot;

int main(void) {
  __ffipin_heap_register(managed_heap, sizeof(managed_heap), "static");
  g_slot = &managed_heap[64];
  fprintf(stderr, "not reached %p\n", (void *)g_slot);
  return 0;
}

// CHECK: ERROR: FFIPinSanitizer: unpinned-store on address
// CHECK-NEXT: {{^slot 0x[0-9a-f]+ was given 0x[0-9a-f]+ \(in heap 'static'\) outside any call scope, and no pin covers it$}}
// CHECK: {{^}}SUMMARY: FFIPinSanitizer: unpinned-store {{.*}}unpinned-store-static-heap.c:[[@LINE-7]]:{{[0-9]+}} in main{{$}}
