// RUN: %clang_ffipin -O2 -flto=thin -c %s -o %t.thin.o
// RUN: %clang_ffipin -O2 -flto=thin -fuse-ld=lld %t.thin.o -o %t.thin
// RUN: %run %t.thin | FileCheck %s
// RUN: %clang_ffipin -O2 -flto -c %s -o %t.full.o
// RUN: %clang_ffipin -O2 -flto -fuse-ld=lld %t.full.o -o %t.full-lld
// RUN: %run %t.full-lld | FileCheck %s
// RUN: %clang_ffipin -O2 -flto %t.full.o -o %t.full-gnu
// RUN: %run %t.full-gnu | FileCheck %s

// Intent: LTO builds (thin and full, through lld and through GNU ld with
// LLVMgold) compile, link with the runtime and run.

// CHECK: lto ok 3

#include <stdio.h>
#include <stdlib.h>

static int *stash;

__attribute__((noinline)) void keep(int *p) { stash = p; }

int main(void) {
  int *p = malloc(sizeof *p);
  *p = 3;
  keep(p);
  printf("lto ok %d\n", *stash);
  free(p);
  return 0;
}
