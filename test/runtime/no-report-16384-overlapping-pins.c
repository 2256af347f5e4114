// RUN: %clang_ffipin -O2 %s -o %t && %run %t 2>&1 | FileCheck %s

// Intent: 16,384 pins of distinct ranges that all cover one granule keep it
// pinned (the shadow's depth does not wrap): a store into it is no
// unpinned-store, and only the last unpin ends it.

#include "Inputs/foreign_heap.h"

#define PINS 16384

void *g_slot;

int main(void) {
  char *heap = new_heap();
  char *target = heap + PINS + 64; /* every pin [target - k, target + 1) covers it */
  for (int k = 0; k < PINS; k++) __ffipin_pin(target - k, (size_t)k + 1);
  g_slot = target;
  fprintf(stderr, "stored under %d pins, held=%zu\n", PINS, __ffipin_held_count(target, 1));
  for (int k = 0; k < PINS - 1; k++) __ffipin_unpin(target - k);
  fprintf(stderr, "one pin left\n");
  g_slot = NULL;
  __ffipin_unpin(target - (PINS - 1));
  fprintf(stderr, "done\n");
  return 0;
}

// CHECK-NOT: ERROR: FFIPinSanitizer
// CHECK: stored under 16384 pins, held=1
// CHECK-NEXT: one pin left
// CHECK-NEXT: {{^done$}}
