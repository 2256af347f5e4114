// RUN: %clang_unit %s %ffipin_rt_link -o %t && %run %t | FileCheck %s

// Intent: walking the slots written in "the innermost scope" of a thread that
// has none open (C code ended a scope it did not begin) visits nothing and
// reads no scope record before the first.

#include <stdio.h>

#include "model/ffipin_scope.h"

static bool visit(const ffipin_held_t *e, uintptr_t now, void *arg) {
  ++*(int *)arg;
  return true;
}

int main(void) {
  ffipin_thread_t *t = ffipin_thread_current();
  t->depth = 0;
  int visited = 0;
  ffipin_scope_for_each_written(t, visit, &visited);
  printf("visited %d\n", visited);
  return 0;
}

// CHECK: visited 0
