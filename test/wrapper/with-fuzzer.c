// REQUIRES: fuzzer-rt
// RUN: %ffipin_cc -fsanitize=fuzzer,ffi-pin -g %s -o %t
// RUN: %run %t -runs=100 2>&1 | FileCheck %s

// Intent: -fsanitize=fuzzer,ffi-pin links libFuzzer (with its main) and
// our runtime into one fuzz target that runs.

// CHECK: Done 100 runs

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static uint8_t *last;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  uint8_t *copy = malloc(size + 1);
  memcpy(copy, data, size);
  free(last);
  last = copy;
  return 0;
}
