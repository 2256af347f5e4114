// REQUIRES: fuzzer-rt
// RUN: %ffipin_cc -fsanitize=fuzzer,ffi-pin -g -O1 %s -o %t
// RUN: rm -rf %t.dir %t.corpus && mkdir %t.dir %t.corpus
// RUN: echo -n "Xyz" > %t.corpus/input
// RUN: not %run %t -artifact_prefix=%t.dir/ -runs=0 %t.corpus 2>&1 | FileCheck %s
// RUN: ls %t.dir | FileCheck %s --check-prefix=ARTIFACT
// RUN: echo -n "abc" > %t.clean
// RUN: %run %t %t.clean 2>&1 | FileCheck %s --check-prefix=CLEAN

// Intent: with -fsanitize=fuzzer,ffi-pin, a fuzz target that keeps a pinned
// buffer past its unpin on inputs starting with 'X' gets the pin-outlived
// report, and libFuzzer still saves the crashing input (it saves artifacts
// when it runs a corpus directory, not when it is given single files).

#include <sanitizer/ffipin_interface.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

const uint8_t *g_last_input;

__attribute__((noinline)) void remember(const uint8_t *p) {
  g_last_input = p;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  uint8_t *buf = malloc(size + 1);
  memcpy(buf, data, size);
  __ffipin_pin(buf, size + 1);
  if (size > 0 && buf[0] == 'X')
    remember(buf);
  __ffipin_unpin(buf);
  g_last_input = NULL;
  free(buf);
  return 0;
}

// CHECK: ERROR: FFIPinSanitizer: pin-outlived on address
// CHECK: SUMMARY: FFIPinSanitizer: pin-outlived {{.*}}fuzzer-pin-outlived.c:[[@LINE-16]]:{{[0-9]+}} in remember{{$}}
// CHECK: Test unit written to {{.*}}crash-{{[0-9a-f]+}}

// ARTIFACT: {{^crash-[0-9a-f]+$}}

// CLEAN-NOT: FFIPinSanitizer
// CLEAN: Executed {{.*}}clean
