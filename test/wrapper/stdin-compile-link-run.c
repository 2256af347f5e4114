// RUN: %clang_ffipin -x c - -o %t < %s
// RUN: %run %t | FileCheck %s
// RUN: %clang_ffipin -x c -c - -o %t.o < %s
// RUN: %clang_ffipin %t.o -o %t.2
// RUN: %run %t.2 | FileCheck %s

// Intent: a program read from stdin compiles, links with the runtime and
// runs, both in one command and compiled and linked separately.

// CHECK: hello from stdin

#include <stdio.h>
int main(void) {
  puts("hello from stdin");
  return 0;
}
