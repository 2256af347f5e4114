// RUN: %clang_ffipin -O0 %s -o %t.O0 && not %run %t.O0 2>&1 | FileCheck %s
// RUN: %clang_ffipin -O2 %s -o %t.O2 && not %run %t.O2 2>&1 | FileCheck %s
// RUN: %clang_ffipin -O2 -Xclang -stats-file=%t.stats -c %s -o %t.o
// RUN: FileCheck %s --check-prefix=STATS < %t.stats

// Intent: a loop without calls that stores `page + (offset & 0xff)` (a
// range known before it starts) is checked once, before the loop, at -O2:
// here the range meets a pinned object, so the checked copy runs and every
// slot it wrote is held; the unpin reports the first, and there are 16.

#include "Inputs/foreign_heap.h"

#define CELLS 16
void *g_cells[CELLS];
unsigned short g_offs[CELLS];

__attribute__((noinline)) void index_cells(char *page, int n) {
  for (int i = 0; i < n; i++) g_cells[i] = page + (g_offs[i] & 0xff);
}

int main(void) {
  char *heap = new_heap();
  char *page = heap_obj(heap, 4);
  for (int i = 0; i < CELLS; i++) g_offs[i] = (unsigned short)(i % 8);
  __ffipin_pin(page, 256);
  index_cells(page, CELLS);
  fprintf(stderr, "held %zu\n", __ffipin_held_count(page, 256));
  __ffipin_unpin(page);
  return g_cells[3] != 0;
}

// CHECK: held 16
// CHECK: ERROR: FFIPinSanitizer: pin-outlived on address
// CHECK: STORE of foreign pointer by thread T0:
// CHECK-NEXT: {{^    #0 0x[0-9a-f]+ in index_cells .*pin-outlived-versioned-loop.c:}}[[@LINE-17]]:{{[0-9]+$}}
// STATS: "ffipin.NumLoopsVersioned": 1
