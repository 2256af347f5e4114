// RUN: %clang_ffipin -O1 %s -o %t
// RUN: %env_ffipin_opts=halt_on_error=0:symbolize=0:stack_depth=64 %run %t > %t.out 2>&1
// RUN: grep -c "ERROR: FFIPinSanitizer: unpinned-store" %t.out | FileCheck %s --check-prefix=COUNT
// RUN: grep "^done" %t.out | FileCheck %s

// Intent: deduplication never gives up: 10,000 distinct bugs (distinct store
// stacks), each hit 100 times, are written once each (10,000 reports, not
// 1,000,000 and not fewer).

#include "Inputs/foreign_heap.h"

void *g_slot;

/* 200 store sites x 50 call depths = 10,000 distinct store stacks (all
 * within stack_depth=64 frames). */
#define SITE(i)                                                                \
  __attribute__((noinline)) void site##i(char *p, int depth) {                 \
    if (depth > 0) {                                                           \
      site##i(p, depth - 1);                                                   \
      __asm__ volatile("" ::: "memory"); /* keep the frame: no tail call */    \
      return;                                                                  \
    }                                                                          \
    g_slot = p;                                                                \
  }
#define SITES10(i) SITE(i##0) SITE(i##1) SITE(i##2) SITE(i##3) SITE(i##4) \
  SITE(i##5) SITE(i##6) SITE(i##7) SITE(i##8) SITE(i##9)
SITES10(1) SITES10(2) SITES10(3) SITES10(4) SITES10(5)
SITES10(6) SITES10(7) SITES10(8) SITES10(9) SITES10(10)
SITES10(11) SITES10(12) SITES10(13) SITES10(14) SITES10(15)
SITES10(16) SITES10(17) SITES10(18) SITES10(19) SITES10(20)

#define REF(i) site##i,
#define REFS10(i) REF(i##0) REF(i##1) REF(i##2) REF(i##3) REF(i##4) \
  REF(i##5) REF(i##6) REF(i##7) REF(i##8) REF(i##9)
static void (*const sites[200])(char *, int) = {
    REFS10(1) REFS10(2) REFS10(3) REFS10(4) REFS10(5)
    REFS10(6) REFS10(7) REFS10(8) REFS10(9) REFS10(10)
    REFS10(11) REFS10(12) REFS10(13) REFS10(14) REFS10(15)
    REFS10(16) REFS10(17) REFS10(18) REFS10(19) REFS10(20)};

int main(void) {
  char *obj = heap_obj(new_heap(), 1);
  for (int round = 0; round < 100; round++)
    for (int s = 0; s < 200; s++)
      for (int depth = 0; depth < 50; depth++)
        sites[s](obj, depth);
  printf("done %p\n", g_slot == obj ? (void *)0 : g_slot);
  return 0;
}

// COUNT: {{^10000$}}
// CHECK: done (nil)
