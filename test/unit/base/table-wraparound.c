// RUN: %clang_unit %s %ffipin_rt_link -o %t && %run %t | FileCheck %s

// Intent: the hash table keeps every key findable when probe runs wrap past
// the last cell and entries are erased in the middle of a wrapped run
// (backward-shift deletion across the wrap), and grows without losing any.

#include <stdio.h>

#include "base/ffipin_table.h"

typedef struct {
  uintptr_t key, value;
} cell_t;

/* Keys whose home (the table's Fibonacci hash) is the last cell of a
 * 16-cell table: their probe runs wrap to cell 0. */
static uintptr_t keys_homed_at(size_t home, size_t mask, uintptr_t *out, int n) {
  int found = 0;
  for (uintptr_t k = 8; found < n; k += 8)
    if (((((uint64_t)k * 0x9E3779B97F4A7C15ull) >> 17) & mask) == home) out[found++] = k;
  return out[0];
}

int main(void) {
  ffipin_table_t t = FFIPIN_TABLE_INIT(cell_t, 16, "the test table");
  uintptr_t keys[8];
  keys_homed_at(15, 15, keys, 8);
  bool fresh;
  for (int i = 0; i < 8; i++) ((cell_t *)ffipin_table_insert(&t, keys[i], &fresh))->value = i;
  printf("cap %zu used %zu\n", t.cap, t.used);
  /* Erase the second and fifth: later entries shift back across the wrap. */
  ffipin_table_erase_at(&t, ffipin_table_index(&t, ffipin_table_find(&t, keys[1])));
  ffipin_table_erase_at(&t, ffipin_table_index(&t, ffipin_table_find(&t, keys[4])));
  int ok = 0;
  for (int i = 0; i < 8; i++) {
    cell_t *c = ffipin_table_find(&t, keys[i]);
    if (i == 1 || i == 4)
      ok += c == NULL;
    else
      ok += c && c->value == (uintptr_t)i;
  }
  printf("after erase: %d of 8 right, used %zu\n", ok, t.used);
  for (uintptr_t k = 1; k <= 1000; k++)
    ((cell_t *)ffipin_table_insert(&t, k << 4, &fresh))->value = k;
  int grown = 0;
  for (uintptr_t k = 1; k <= 1000; k++) {
    cell_t *c = ffipin_table_find(&t, k << 4);
    grown += c && c->value == k;
  }
  printf("after growth: %d of 1000 found, cap %zu\n", grown, t.cap);
  return 0;
}

// CHECK: cap 16 used 8
// CHECK-NEXT: after erase: 8 of 8 right, used 6
// CHECK-NEXT: after growth: 1000 of 1000 found, cap 2048
