// RUN: %clang_unit %s %ffipin_rt_link -o %t && %run %t | FileCheck %s

// Intent: granule counts updated four at a time (one 64-bit word) stay
// exact lane by lane: a pin with ragged ends around whole words is seen on
// each of its granules and not on its neighbours; a lane pushed past
// 0xffff (its excess in the overflow table) neither carries into the next
// lane nor lets a word update skip it, and counts back to zero; a -1 that
// brings one lane to zero leaves the word's other lanes pinned.

#include <stdio.h>

#include "model/ffipin_shadow.h"

enum { G = 8, DEEP = 70000 }; /* bytes per granule; pins past one lane's 0xffff */

/* Which granules of [base, base + n * G) are pinned, as a string of 0/1. */
static const char *seen(uintptr_t base, int n) {
  static char s[64];
  for (int i = 0; i < n; i++) s[i] = ffipin_shadow_pinned(base + (uintptr_t)i * G) ? '1' : '0';
  s[n] = 0;
  return s;
}

int main(void) {
  const uintptr_t base = (uintptr_t)1 << 40; /* 32-byte aligned: a word's first granule */

  /* Granules 1..8: one lane short of word 0, word 1 whole, one lane of word 2. */
  ffipin_shadow_pin_add(base + 1 * G, 8 * G, +1);
  printf("ragged: %s\n", seen(base, 12));
  ffipin_shadow_pin_add(base + 1 * G, 8 * G, -1);
  printf("ragged unpinned: %s\n", seen(base, 12));

  /* Lane 2 of word 0 (granule 2) past 0xffff, then word 0 as a whole. */
  for (int i = 0; i < DEEP; i++) ffipin_shadow_pin_add(base + 2 * G, G, +1);
  ffipin_shadow_pin_add(base, 4 * G, +1);
  printf("deep lane and word: %s\n", seen(base, 8));
  ffipin_shadow_pin_add(base, 4 * G, -1);
  printf("word unpinned: %s\n", seen(base, 8));
  for (int i = 0; i < DEEP; i++) ffipin_shadow_pin_add(base + 2 * G, G, -1);
  printf("deep lane unpinned: %s\n", seen(base, 8));

  /* Word 0 pinned whole twice and granule 3 once more; the word's -1s
   * bring lanes 0-2 to zero first. */
  ffipin_shadow_pin_add(base, 4 * G, +1);
  ffipin_shadow_pin_add(base + 3 * G, G, +1);
  ffipin_shadow_pin_add(base, 4 * G, -1);
  printf("one lane left: %s\n", seen(base, 8));
  ffipin_shadow_pin_add(base + 3 * G, G, -1);
  printf("none left: %s\n", seen(base, 8));
  return 0;
}

// CHECK: ragged: 011111111000
// CHECK-NEXT: ragged unpinned: 000000000000
// CHECK-NEXT: deep lane and word: 11110000
// CHECK-NEXT: word unpinned: 00100000
// CHECK-NEXT: deep lane unpinned: 00000000
// CHECK-NEXT: one lane left: 00010000
// CHECK-NEXT: none left: 00000000
