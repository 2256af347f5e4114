// RUN: %clang_unit %s %ffipin_rt_link -o %t && %run %t | FileCheck %s

// Intent: a thread's two most recent uninstrumented blocks are both among
// its recent places, whatever their addresses: two blocks whose addresses
// hash alike share a set of two places instead of evicting each other
// (with one place per hash, 1 pair in 64 did, and each eviction cost a
// shared-table insert and a lookup at the free). After 5,000 pairs of
// random addresses, every block is still found exactly once: the ones
// pushed out of their set are in the table.

#include <stdio.h>
#include <stdlib.h>

#include "model/ffipin_allocs.h"

enum { PAIRS = 5000 };

static uintptr_t addrs[2 * PAIRS];

static bool in_recent(uintptr_t a) {
  static ffipin_alloc_t copy[1024];
  size_t n = ffipin_allocs_recent_snapshot(FFIPIN_ALLOC_UNINSTRUMENTED, copy, 1024);
  for (size_t i = 0; i < n; i++)
    if (copy[i].addr == a) return true;
  return false;
}

int main(void) {
  srand(11);
  ffipin_thread_t *t = ffipin_thread_current();
  size_t both = 0;
  for (size_t i = 0; i < PAIRS; i++) {
    /* Distinct (the index in the low bits), 16-aligned as malloc's are,
     * and random above. */
    uintptr_t a = 0x100000000000 + ((uintptr_t)(rand() % 0x10000) << 24) + (2 * i) * 16;
    uintptr_t b = 0x100000000000 + ((uintptr_t)(rand() % 0x10000) << 24) + (2 * i + 1) * 16;
    addrs[2 * i] = a;
    addrs[2 * i + 1] = b;
    ffipin_allocs_keep_recent(t, a, 32, 0, 1);
    ffipin_allocs_keep_recent(t, b, 32, 0, 1);
    both += in_recent(a) && in_recent(b);
  }
  printf("pairs with both blocks recent: %zu of %d\n", both, PAIRS);
  // CHECK: pairs with both blocks recent: 5000 of 5000
  printf("records: %zu\n", ffipin_allocs_count(FFIPIN_ALLOC_UNINSTRUMENTED));
  // CHECK-NEXT: records: 10000
  size_t found = 0;
  for (size_t i = 0; i < 2 * PAIRS; i++) found += ffipin_allocs_forget(addrs[i]);
  size_t again = 0;
  for (size_t i = 0; i < 2 * PAIRS; i++) again += ffipin_allocs_forget(addrs[i]);
  printf("forgotten: %zu, then again: %zu, left: %zu\n", found, again,
         ffipin_allocs_count(FFIPIN_ALLOC_UNINSTRUMENTED));
  // CHECK-NEXT: forgotten: 10000, then again: 0, left: 0
  return 0;
}
