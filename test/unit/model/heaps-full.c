// RUN: %clang_unit %s %ffipin_rt_link -o %t && %run %t | FileCheck %s

// Intent: the heap table at its limit of 512 ranges: one more separate range
// is refused whole, a removal that would split a range is refused whole
// (the upper part is not dropped), a range of the same name that touches
// one is merged (no new entry needed), one that overlaps another name is
// refused with that range named, and after a removal there is room again.

#include <stdio.h>

#include "model/ffipin_heaps.h"

#define BASE ((uintptr_t)0x100000000000)
#define GAP 0x2000

int main(void) {
  for (int i = 0; i < FFIPIN_MAX_HEAPS; i++)
    if (ffipin_heaps_insert(BASE + (uintptr_t)i * GAP, 0x1000, "h", NULL) != FFIPIN_HEAPS_OK)
      printf("insert %d refused\n", i);
  uintptr_t last = BASE + (uintptr_t)(FFIPIN_MAX_HEAPS - 1) * GAP;
  printf("one more: %s\n",
         ffipin_heaps_insert(last + GAP, 0x1000, "h", NULL) == FFIPIN_HEAPS_FULL ? "full" : "?");
  printf("split: %s, upper part kept: %d\n",
         ffipin_heaps_erase(last + 0x400, 0x400) == FFIPIN_HEAPS_FULL ? "full" : "?",
         ffipin_heaps_find(last + 0xc00, NULL, NULL) != NULL);
  uintptr_t lo, hi;
  printf("touching, same name: %s, ",
         ffipin_heaps_insert(last + 0x1000, 0x1000, "h", NULL) == FFIPIN_HEAPS_OK ? "merged" : "?");
  ffipin_heaps_find(last, &lo, &hi);
  printf("now %lu bytes\n", (unsigned long)(hi - lo));
  ffipin_heap_range_t other;
  printf("overlapping another name: %s, with [0x%lx,0x%lx) '%s'\n",
         ffipin_heaps_insert(BASE + 0x800, 0x100, "g", &other) == FFIPIN_HEAPS_OVERLAP ? "refused"
                                                                                       : "?",
         (unsigned long)(other.begin - BASE), (unsigned long)(other.end - BASE), other.name);
  printf("remove one: %s; then one more: %s\n",
         ffipin_heaps_erase(BASE, 0x1000) == FFIPIN_HEAPS_OK ? "ok" : "?",
         ffipin_heaps_insert(last + 8 * GAP, 0x1000, "h", NULL) == FFIPIN_HEAPS_OK ? "ok" : "?");
  return 0;
}

// CHECK-NOT: refused
// CHECK: one more: full
// CHECK-NEXT: split: full, upper part kept: 1
// CHECK-NEXT: touching, same name: merged, now 8192 bytes
// CHECK-NEXT: overlapping another name: refused, with [0x0,0x1000) 'h'
// CHECK-NEXT: remove one: ok; then one more: ok
