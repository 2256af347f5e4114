// RUN: %clang_ffipin -O0 %s -o %t
// RUN: %env_ffipin_opts=stack_depth=16 not %run %t 2>&1 | FileCheck %s --check-prefix=D16
// RUN: not %run %t 2>&1 | FileCheck %s --check-prefix=D32

// Intent: stack_depth bounds the frames kept for the store stack: with a
// store 40 calls deep, 16 keeps frames #0..#15, the default 32 keeps #0..#31.

#include "Inputs/foreign_heap.h"

void *g_slot;

__attribute__((noinline)) void deep(int n, void *p) {
  if (n == 0)
    g_slot = p;
  else
    deep(n - 1, p);
  __asm__ volatile("" ::: "memory"); /* no tail call */
}

int main(void) {
  char *obj = heap_obj(new_heap(), 1);
  __ffipin_pin(obj, OBJ_SIZE);
  deep(40, obj);
  __ffipin_unpin(obj);
  return 0;
}

// D16: STORE of foreign pointer by thread T0:
// D16: {{^    #15 0x[0-9a-f]+ in deep }}
// D16-NOT: {{^    #16 }}
// D16: pinned by thread T0 here:
// D32: STORE of foreign pointer by thread T0:
// D32: {{^    #31 0x[0-9a-f]+ in deep }}
// D32-NOT: {{^    #32 }}
// D32: pinned by thread T0 here:
