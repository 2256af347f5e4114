// REQUIRES: fuzzer-rt, asan-rt
// RUN: %ffipin_cc -fsanitize=fuzzer,address,ffi-pin -g -O1 %s -o %t
// RUN: rm -rf %t.dir && mkdir %t.dir && echo -n "abc" > %t.dir/input
// RUN: env ASAN_OPTIONS=handle_abort=1:handle_segv=1 sh -c '%run %t -runs=0 %t.dir; echo "exit code $?"' 2>&1 | FileCheck %s

// Intent: a report made before libFuzzer runs its first input (here in
// LLVMFuzzerInitialize) halts cleanly: libFuzzer's death callback, which
// needs the fuzzer to exist, is not called; no crash, no second report.

#include <sanitizer/ffipin_interface.h>
#include <stdint.h>
#include <stdlib.h>

void *g_kept;

__attribute__((noinline)) void keep(void *p) { g_kept = p; }

int LLVMFuzzerInitialize(int *argc, char ***argv) {
  char *buf = malloc(16);
  __ffipin_pin(buf, 16);
  keep(buf);
  __ffipin_unpin(buf);
  return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) { return g_kept == data; }

// CHECK: ERROR: FFIPinSanitizer: pin-outlived on address
// CHECK: SUMMARY: FFIPinSanitizer: pin-outlived {{.*}}fuzzer-report-in-initialize.c:[[@LINE-13]]:{{[0-9]+}} in keep
// CHECK-NEXT: {{^==[0-9]+==ABORTING$}}
// CHECK-NOT: {{Sanitizer|deadly|SEGV}}
// CHECK: exit code 1
