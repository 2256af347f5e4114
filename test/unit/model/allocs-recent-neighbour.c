// RUN: %clang_unit %s %ffipin_rt_link -o %t && %run %t | FileCheck %s

// Intent: a block whose set of two places is full takes a place of the
// neighbouring set before its set's older block goes to the shared table:
// the heap hands an op's blocks the same addresses op after op, so three
// blocks sharing a set used to push one into the table (a lock, an insert,
// and a search at its free) on every op. Here five live blocks share one
// set: four stay recent (two in their set, two next door), the fifth
// pushes the oldest into the table, and every block is forgotten exactly
// once. Before the change: two recent.

#include <stdio.h>

#include "model/ffipin_allocs.h"
#include "recent_places.h"

int main(void) {
  ffipin_thread_t *t = ffipin_thread_current();
  uintptr_t same[5], first = 0x100000000000;
  ffipin_recent_block_t *set = ffipin_allocs_places_of(t, first);
  size_t n = 0;
  for (uintptr_t a = first; n < 5; a += 16)
    if (ffipin_allocs_places_of(t, a) == set) same[n++] = a;
  for (size_t i = 0; i < 5; i++) ffipin_allocs_keep_recent(t, same[i], 32, 0, 1);
  size_t recent = 0;
  for (size_t i = 0; i < 5; i++) recent += in_recent(same[i]);
  printf("five blocks of one set: %zu recent, oldest recent %d, records %zu\n", recent,
         in_recent(same[0]), ffipin_allocs_count(FFIPIN_ALLOC_UNINSTRUMENTED));
  // CHECK: five blocks of one set: 4 recent, oldest recent 0, records 5
  size_t found = 0, again = 0;
  for (size_t i = 0; i < 5; i++) found += ffipin_allocs_forget(same[i]);
  for (size_t i = 0; i < 5; i++) again += ffipin_allocs_forget(same[i]);
  printf("forgotten: %zu, then again: %zu, left: %zu\n", found, again,
         ffipin_allocs_count(FFIPIN_ALLOC_UNINSTRUMENTED));
  // CHECK-NEXT: forgotten: 5, then again: 0, left: 0
  return 0;
}
