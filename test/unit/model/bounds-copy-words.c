// RUN: %clang_unit %s %ffipin_rt_link -o %t && %run %t | FileCheck %s

// Intent: the bounds start empty, grow to cover what is included, and the
// copy bounds are the bounds while no slot is held and every address while
// any is, narrowing back to the bounds (grown meanwhile) when none is.

#include <stdio.h>

#include "base/ffipin_abi.h"
#include "model/ffipin_bounds.h"

extern ffipin_bounds_t __ffipin_foreign_bounds;

static void show(const char *when) {
  ffipin_bounds_t b = __ffipin_foreign_bounds;
  printf("%s: [%#llx, %#llx) copy [%#llx, %#llx) 0x1800:%d 0x5000:%d\n", when,
         (unsigned long long)b.lo, (unsigned long long)b.hi, (unsigned long long)b.copy_lo,
         (unsigned long long)b.copy_hi, ffipin_bounds_may_contain(0x1800),
         ffipin_bounds_may_contain(0x5000));
}

int main(void) {
  show("empty");
  ffipin_bounds_include(0x2000, 0x1000);
  show("one");
  ffipin_bounds_include(0x1000, 0x10);
  show("lower");
  ffipin_bounds_set_held(1);
  show("held");
  ffipin_bounds_set_held(3);
  ffipin_bounds_include(0x4000, 0x2000);
  show("grown while held");
  ffipin_bounds_set_held(0);
  show("none held");
  return 0;
}

// CHECK: empty: [0xffffffffffffffff, 0) copy [0xffffffffffffffff, 0) 0x1800:0 0x5000:0
// CHECK-NEXT: one: [0x2000, 0x3000) copy [0x2000, 0x3000) 0x1800:0 0x5000:0
// CHECK-NEXT: lower: [0x1000, 0x3000) copy [0x1000, 0x3000) 0x1800:1 0x5000:0
// CHECK-NEXT: held: [0x1000, 0x3000) copy [0, 0xffffffffffffffff) 0x1800:1 0x5000:0
// CHECK-NEXT: grown while held: [0x1000, 0x6000) copy [0, 0xffffffffffffffff) 0x1800:1 0x5000:1
// CHECK-NEXT: none held: [0x1000, 0x6000) copy [0x1000, 0x6000) 0x1800:1 0x5000:1
