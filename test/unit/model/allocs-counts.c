// RUN: %clang_unit %s %ffipin_rt_link -o %t && %run %t | FileCheck %s

// Intent: the allocation records' counts. With only the shared table in
// use (managed blocks), "any" (every free asks it) turns false only when
// the last record, in whichever shard, is gone, and true again with the
// next one. Uninstrumented blocks are kept as the thread's recent ones
// first (256 places, two per hash) and move to the table when pushed out: the
// counts stay exact across both; a managed record of an address is
// replaced by a managed one, and a recent record of the same address is
// counted beside it (a recent block leaves a table record in place); a
// moved block keeps its count; once a recent block was kept, "any" stays
// true.

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
    ffipin_allocs_record(BASE + i * 64, 16, 0, 0, FFIPIN_ALLOC_MANAGED, 0);
  ffipin_allocs_record(BASE, 32, 0, 0, FFIPIN_ALLOC_MANAGED, 0);
  show("managed");
  // CHECK-NEXT: managed: managed 1000, uninstrumented 0, any 1
  for (uintptr_t i = 0; i < N; i++) ffipin_allocs_forget(BASE + i * 64);
  show("managed forgotten");
  // CHECK-NEXT: managed forgotten: managed 0, uninstrumented 0, any 0
  ffipin_allocs_record(BASE + 8, 16, 0, 0, FFIPIN_ALLOC_MANAGED, 0);
  show("one more");
  // CHECK-NEXT: one more: managed 1, uninstrumented 0, any 1
  ffipin_allocs_forget(BASE + 8);

  for (uintptr_t i = 0; i < N; i++)
    ffipin_allocs_record(BASE + i * 64, 16, 0, 0,
                         i % 4 ? FFIPIN_ALLOC_UNINSTRUMENTED : FFIPIN_ALLOC_MANAGED, 0);
  show("recorded");
  // CHECK-NEXT: recorded: managed 250, uninstrumented 750, any 1
  // A recent record of an address that has a managed one: both counted.
  ffipin_allocs_record(BASE, 16, 0, 0, FFIPIN_ALLOC_UNINSTRUMENTED, 0);
  ffipin_allocs_record(BASE, 16, 0, 0, FFIPIN_ALLOC_UNINSTRUMENTED, 0);
  show("recorded again");
  // CHECK-NEXT: recorded again: managed 250, uninstrumented 751, any 1
  ffipin_allocs_move(BASE, BASE + N * 64, 32);
  show("moved");
  // CHECK-NEXT: moved: managed 250, uninstrumented 751, any 1
  printf("the managed record is left: %d, then gone: %d\n", ffipin_allocs_forget(BASE),
         ffipin_allocs_forget(BASE));
  // CHECK-NEXT: the managed record is left: 1, then gone: 0
  for (uintptr_t i = 1; i < N; i++) ffipin_allocs_forget(BASE + i * 64);
  show("all but the moved one forgotten");
  // CHECK-NEXT: all but the moved one forgotten: managed 0, uninstrumented 1, any 1
  ffipin_allocs_forget(BASE + N * 64);
  show("all forgotten");
  // CHECK-NEXT: all forgotten: managed 0, uninstrumented 0, any 1
  return 0;
}
