// RUN: %clang_unit %s %ffipin_rt_link -o %t && %run %t | FileCheck %s

// Intent: the stack depot gives one id per distinct stack (the same frames
// always the same id, a stack differing in one frame or in length another),
// returns the frames it was given, keeps at most 64 frames, and has no id
// for an empty stack; 100,000 distinct stacks all stay findable. The
// thread's last two stacks are tried first: the same buffer refilled with
// other frames, one frame more or less, the same frames again after another
// stack or two, and two stacks in turn with a third between them still get
// the right ids.

#include <stdio.h>

#include "diag/ffipin_stack.h"

int main(void) {
  uintptr_t a[3] = {0x1000, 0x2000, 0x3000}, b[3] = {0x1000, 0x2000, 0x3001};
  ffipin_stack_id_t ia = ffipin_stack_from_pcs(a, 3), ib = ffipin_stack_from_pcs(b, 3);
  ffipin_stack_id_t ia2 = ffipin_stack_from_pcs(a, 3), ishort = ffipin_stack_from_pcs(a, 2);
  printf("same %d differ %d shorter %d empty %u\n", ia == ia2, ia != ib, ishort != ia,
         ffipin_stack_from_pcs(a, 0));
  uintptr_t buf[4] = {0x1000, 0x2000, 0x3000, 0x5000};
  int hint_same = ffipin_stack_from_pcs(buf, 3) == ia && ffipin_stack_from_pcs(buf, 3) == ia;
  int hint_longer = ffipin_stack_from_pcs(buf, 4) != ia;
  int hint_shorter = ffipin_stack_from_pcs(buf, 3) == ia && ffipin_stack_from_pcs(buf, 2) == ishort;
  buf[2] = 0x3001; /* the last stack's buffer, refilled */
  int hint_refilled = ffipin_stack_from_pcs(buf, 3) == ib && ffipin_stack_from_pcs(a, 3) == ia;
  printf("hint same %d longer %d shorter %d refilled %d\n", hint_same, hint_longer, hint_shorter,
         hint_refilled);
  /* In turn (the older hint answers), then a third stack pushes a out. */
  uintptr_t c[3] = {0x1000, 0x2000, 0x3002};
  int turn = 1;
  for (int i = 0; i < 4; i++)
    turn &= ffipin_stack_from_pcs(a, 3) == ia && ffipin_stack_from_pcs(b, 3) == ib;
  ffipin_stack_id_t ic = ffipin_stack_from_pcs(c, 3);
  turn &= ic != ia && ic != ib && ffipin_stack_from_pcs(b, 3) == ib &&
          ffipin_stack_from_pcs(a, 3) == ia && ffipin_stack_from_pcs(c, 3) == ic;
  printf("in turn %d\n", turn);
  const uintptr_t *pcs;
  size_t n = ffipin_stack_get(ib, &pcs);
  printf("get %zu %lx %lx %lx none %zu\n", n, pcs[0], pcs[1], pcs[2], ffipin_stack_get(0, &pcs));
  uintptr_t deep[100];
  for (int i = 0; i < 100; i++) deep[i] = 0x4000 + (uintptr_t)i;
  printf("deep %zu\n", ffipin_stack_get(ffipin_stack_from_pcs(deep, 100), &pcs));
  static ffipin_stack_id_t ids[100000];
  int bad = 0;
  for (int i = 0; i < 100000; i++) {
    uintptr_t s[2] = {0x10000 + (uintptr_t)i, 0x99};
    ids[i] = ffipin_stack_from_pcs(s, 2);
  }
  for (int i = 0; i < 100000; i++) {
    uintptr_t s[2] = {0x10000 + (uintptr_t)i, 0x99};
    bad += ffipin_stack_from_pcs(s, 2) != ids[i] || !ids[i] ||
           ffipin_stack_get(ids[i], &pcs) != 2 || pcs[0] != s[0];
  }
  printf("many bad %d\n", bad);
  return 0;
}

// CHECK: same 1 differ 1 shorter 1 empty 0
// CHECK-NEXT: hint same 1 longer 1 shorter 1 refilled 1
// CHECK-NEXT: in turn 1
// CHECK-NEXT: get 3 1000 2000 3001 none 0
// CHECK-NEXT: deep 64
// CHECK-NEXT: many bad 0
