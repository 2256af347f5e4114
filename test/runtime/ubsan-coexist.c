// REQUIRES: ubsan-rt
// RUN: %ffipin_cc -fsanitize=undefined,ffi-pin -g -O0 %s -o %t && not %run %t 2>&1 | FileCheck %s

// Intent: with -fsanitize=undefined,ffi-pin both runtimes work in one
// process: UBSan reports a signed overflow and the program goes on to
// FFIPinSanitizer's pin-outlived report.

#include <limits.h>
#include "Inputs/foreign_heap.h"

void *g_slot;

int main(int argc, char **argv) {
  volatile int big = INT_MAX;
  int sum = big + argc;
  fprintf(stderr, "sum=%d\n", sum);
  char *obj = heap_obj(new_heap(), 1);
  __ffipin_pin(obj, OBJ_SIZE);
  g_slot = obj;
  __ffipin_unpin(obj);
  return 0;
}

// CHECK: ubsan-coexist.c:[[@LINE-9]]:{{[0-9]+}}: runtime error: signed integer overflow
// CHECK: sum=
// CHECK-NEXT: =================================================================
// CHECK-NEXT: ERROR: FFIPinSanitizer: pin-outlived on address
// CHECK: SUMMARY: FFIPinSanitizer: pin-outlived {{.*}}ubsan-coexist.c:[[@LINE-9]]:{{[0-9]+}} in main{{$}}
