// REQUIRES: ubsan-rt
// RUN: %ffipin_cc -fsanitize=undefined,ffi-pin -g %s -o %t
// RUN: %run %t 2>&1 | FileCheck %s

// Intent: -fsanitize=undefined,ffi-pin links both runtimes into one program
// and UBSan's diagnostics still appear.

// CHECK: runtime error: signed integer overflow
// CHECK: ubsan and ffi-pin ok

#include <limits.h>
#include <stdio.h>

int main(int argc, char **argv) {
  (void)argv;
  int big = INT_MAX - 1 + argc;
  big += argc;
  printf("ubsan and ffi-pin ok\n");
  return 0;
}
