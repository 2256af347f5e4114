// RUN: %clang_unit %s %ffipin_rt_link -o %t && %run %t | FileCheck %s

// Intent: a scan's copy of the recent blocks never waits for a fill that
// does not end (an owner stopped inside one, or the child of a fork that
// interrupted it there): the place is copied without, and again once the
// fill is over. The other places are copied as ever.

#include <stdio.h>

#include "model/ffipin_allocs.h"

#define BASE ((uintptr_t)0x300000000000)

static size_t copied(uintptr_t *has_first) {
  ffipin_alloc_t out[256];
  size_t n = ffipin_allocs_recent_snapshot(FFIPIN_ALLOC_UNINSTRUMENTED, out, 256);
  *has_first = 0;
  for (size_t i = 0; i < n; i++) *has_first |= out[i].addr == BASE;
  return n;
}

int main(void) {
  for (uintptr_t i = 0; i < 4; i++)
    ffipin_allocs_record(BASE + i * 4096, 64, 0, 0, FFIPIN_ALLOC_UNINSTRUMENTED, 0);
  ffipin_thread_t *t = ffipin_thread_current();
  ffipin_recent_block_t *r = NULL;
  for (size_t k = 0; k < FFIPIN_RECENT_BLOCKS; k++)
    if (atomic_load(&t->recent[k].addr) == BASE) r = &t->recent[k];
  if (!r) return 1;
  uintptr_t first;
  size_t n = copied(&first);
  printf("before: %zu copied, the first among them %d\n", n, (int)first);
  // CHECK: before: 4 copied, the first among them 1
  atomic_fetch_add(&r->version, 1); /* a fill begins and does not end */
  n = copied(&first);
  printf("inside a fill: %zu copied, the first among them %d\n", n, (int)first);
  // CHECK-NEXT: inside a fill: 3 copied, the first among them 0
  atomic_fetch_add(&r->version, 1);
  n = copied(&first);
  printf("after it: %zu copied, the first among them %d\n", n, (int)first);
  // CHECK-NEXT: after it: 4 copied, the first among them 1
  return 0;
}
