// RUN: %clang_unit %s %ffipin_rt_link -o %t && %run %t | FileCheck %s

// Intent: the allocation table's counts, kept per shard under its lock:
// records of each kind are counted exactly across all shards, a record
// replaced by one of another kind moves between the counts, a moved block
// keeps its count, and "any" (every free asks it) turns false only when
// the last record, in whichever shard, is gone, and true again with the
// next one.

#include <stdio.h>

#include "model/ffipin_allocs.h"

#define BASE ((uintptr_t)0x100000000000)
enum { N = 1000 };

static void show(const char *when) {
  printf("%s: managed %zu, uninstrumented %zu, any %d\n", when,
         ffipin_allocs_count(FFIPIN_ALLOC_MANAGED),
         ffipin_allocs_count(FFIPIN_ALLOC_UNINSTRUMENTED), ffipin_allocs_any());
}

int main(void) {
  show("empty");
  // CHECK: empty: managed 0, uninstrumented 0, any 0
  for (uintptr_t i = 0; i < N; i++)
    ffipin_allocs_record(BASE + i * 64, 16, 0, 0,
                         i % 4 ? FFIPIN_ALLOC_UNINSTRUMENTED : FFIPIN_ALLOC_MANAGED, 0);
  show("recorded");
  // CHECK-NEXT: recorded: managed 250, uninstrumented 750, any 1
  // The same address again, as the other kind: one record, counted once.
  ffipin_allocs_record(BASE, 16, 0, 0, FFIPIN_ALLOC_UNINSTRUMENTED, 0);
  show("replaced");
  // CHECK-NEXT: replaced: managed 249, uninstrumented 751, any 1
  ffipin_allocs_move(BASE, BASE + N * 64, 32);
  show("moved");
  // CHECK-NEXT: moved: managed 249, uninstrumented 751, any 1
  printf("old address forgotten again: %d\n", ffipin_allocs_forget(BASE));
  // CHECK-NEXT: old address forgotten again: 0
  for (uintptr_t i = 1; i < N; i++) ffipin_allocs_forget(BASE + i * 64);
  show("all but the moved one forgotten");
  // CHECK-NEXT: all but the moved one forgotten: managed 0, uninstrumented 1, any 1
  ffipin_allocs_forget(BASE + N * 64);
  show("all forgotten");
  // CHECK-NEXT: all forgotten: managed 0, uninstrumented 0, any 0
  ffipin_allocs_record(BASE + 8, 16, 0, 0, FFIPIN_ALLOC_MANAGED, 0);
  show("one more");
  // CHECK-NEXT: one more: managed 1, uninstrumented 0, any 1
  return 0;
}
