// RUN: %clang_unit %s %ffipin_rt_link -o %t && %run %t | FileCheck %s

// Intent: the hash table gives memory back: once most entries are erased,
// shrink_to_fit halves it (while it stays at most a quarter full, and never
// below its first size), and every entry left is still found.

#include <stdio.h>

#include "base/ffipin_table.h"

typedef struct {
  uintptr_t key, value;
} cell_t;

int main(void) {
  ffipin_table_t t = FFIPIN_TABLE_INIT(cell_t, 16, "the test table");
  bool fresh;
  for (uintptr_t k = 1; k <= 10000; k++)
    ((cell_t *)ffipin_table_insert(&t, k * 8, &fresh))->value = k;
  printf("full: cap %zu used %zu\n", t.cap, t.used);
  for (uintptr_t k = 101; k <= 10000; k++)
    ffipin_table_erase_at(&t, ffipin_table_index(&t, ffipin_table_find(&t, k * 8)));
  ffipin_table_shrink_to_fit(&t);
  int found = 0;
  for (uintptr_t k = 1; k <= 100; k++) {
    cell_t *c = ffipin_table_find(&t, k * 8);
    found += c && c->value == k;
  }
  printf("shrunk: cap %zu used %zu, %d of 100 found\n", t.cap, t.used, found);
  for (uintptr_t k = 1; k <= 100; k++)
    ffipin_table_erase_at(&t, ffipin_table_index(&t, ffipin_table_find(&t, k * 8)));
  ffipin_table_shrink_to_fit(&t);
  printf("empty: cap %zu used %zu\n", t.cap, t.used);
  return 0;
}

// CHECK: full: cap 16384 used 10000
// CHECK-NEXT: shrunk: cap 512 used 100, 100 of 100 found
// CHECK-NEXT: empty: cap 16 used 0
