// RUN: %clang_unit %s %ffipin_rt_link -o %t && %run %t | FileCheck %s

// Intent: the shadow covers the whole 57-bit address space (5-level
// paging): pins at 2^47 and right below 2^57 are seen at their edges and
// not one granule beyond, a pin that covers whole upper-level regions (1
// TiB, unaligned at both ends) is seen inside and not outside, and each
// unpin leaves nothing pinned.

#include <stdio.h>

#include "model/ffipin_shadow.h"

static void show(const char *what, uintptr_t base, uintptr_t size) {
  printf("%s: before %d first %d last %d after %d\n", what, ffipin_shadow_pinned(base - 1),
         ffipin_shadow_pinned(base), ffipin_shadow_pinned(base + size - 1),
         base + size < FFIPIN_SHADOW_LIMIT ? ffipin_shadow_pinned(base + size) : 0);
}

int main(void) {
  const uintptr_t ranges[][2] = {
      {(uintptr_t)1 << 47, 64},
      {FFIPIN_SHADOW_LIMIT - 64, 64},
      {((uintptr_t)1 << 46) + 8, ((uintptr_t)1 << 40) - 16},
  };
  const char *names[] = {"at 2^47", "below 2^57", "1 TiB"};
  for (int i = 0; i < 3; i++) {
    ffipin_shadow_pin_add(ranges[i][0], ranges[i][1], +1);
    show(names[i], ranges[i][0], ranges[i][1]);
    printf("  middle %d\n", ffipin_shadow_pinned(ranges[i][0] + ranges[i][1] / 2));
    ffipin_shadow_pin_add(ranges[i][0], ranges[i][1], -1);
    show("  unpinned", ranges[i][0], ranges[i][1]);
  }
  printf("past the limit: %d\n", ffipin_shadow_pinned(FFIPIN_SHADOW_LIMIT));
  return 0;
}

// CHECK: at 2^47: before 0 first 1 last 1 after 0
// CHECK-NEXT:   middle 1
// CHECK-NEXT:   unpinned: before 0 first 0 last 0 after 0
// CHECK-NEXT: below 2^57: before 0 first 1 last 1 after 0
// CHECK-NEXT:   middle 1
// CHECK-NEXT:   unpinned: before 0 first 0 last 0 after 0
// CHECK-NEXT: 1 TiB: before 0 first 1 last 1 after 0
// CHECK-NEXT:   middle 1
// CHECK-NEXT:   unpinned: before 0 first 0 last 0 after 0
// CHECK-NEXT: past the limit: 0
