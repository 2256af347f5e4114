// REQUIRES: fuzzer-rt, asan-rt, ubsan-rt
// RUN: rm -rf %t.corpus && mkdir %t.corpus && echo -n "Xyz" > %t.corpus/seed
// RUN: %ffipin_cc -fsanitize=fuzzer,ffi-pin -g -O1 %s -o %t.fuzzer
// RUN: %ffipin_cc -fsanitize=fuzzer,address,ffi-pin -g -O1 %s -o %t.asan
// RUN: %ffipin_cc -fsanitize=fuzzer,undefined,ffi-pin -g -O1 %s -o %t.ubsan
// RUN: rm -rf %t.a1 && mkdir %t.a1 && env ASAN_OPTIONS=%{cf_asan} UBSAN_OPTIONS=%{cf_ubsan} %env_ffipin_opts=%{cf_common} \
// RUN:   sh -c '%run %t.fuzzer -artifact_prefix=%t.a1/ -runs=0 %t.corpus; echo "exit code $?"' > %t.out1 2>&1
// RUN: FileCheck %s < %t.out1 && ls %t.a1 | FileCheck %s --check-prefix=ARTIFACT
// RUN: rm -rf %t.a2 && mkdir %t.a2 && env ASAN_OPTIONS=%{cf_asan} UBSAN_OPTIONS=%{cf_ubsan} %env_ffipin_opts=%{cf_common} \
// RUN:   sh -c '%run %t.asan -artifact_prefix=%t.a2/ -runs=0 %t.corpus; echo "exit code $?"' > %t.out2 2>&1
// RUN: FileCheck %s < %t.out2 && ls %t.a2 | FileCheck %s --check-prefix=ARTIFACT
// RUN: rm -rf %t.a3 && mkdir %t.a3 && env ASAN_OPTIONS=%{cf_asan} UBSAN_OPTIONS=%{cf_ubsan} %env_ffipin_opts=%{cf_common} \
// RUN:   sh -c '%run %t.ubsan -artifact_prefix=%t.a3/ -runs=0 %t.corpus; echo "exit code $?"' > %t.out3 2>&1
// RUN: FileCheck %s < %t.out3 && ls %t.a3 | FileCheck %s --check-prefix=ARTIFACT
// RUN: grep -c "ERROR: " %t.out1 %t.out2 %t.out3 | FileCheck %s --check-prefix=ONE
// RUN: grep -c "SUMMARY: " %t.out1 %t.out2 %t.out3 | FileCheck %s --check-prefix=ONE

// Intent: a libFuzzer target that keeps its lent input, run as ClusterFuzz
// runs it (its ASAN_OPTIONS and UBSAN_OPTIONS, handle_abort=1 among them,
// exitcode=77, and the common options in FFIPIN_OPTIONS too), with libFuzzer
// alone, with ASan and with UBSan: exactly one report (ours), one ERROR and
// one SUMMARY line, no libFuzzer "deadly signal", the crash input saved and
// the exit status ClusterFuzz asked for.

#include <sanitizer/ffipin_interface.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

const uint8_t *g_kept;

__attribute__((noinline)) void keep_input(const uint8_t *p) { g_kept = p; }

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  uint8_t *buf = malloc(size + 1);
  memcpy(buf, data, size);
  __ffipin_pin(buf, size + 1);
  if (size > 0 && buf[0] == 'X')
    keep_input(buf);
  __ffipin_unpin(buf);
  int kept = g_kept != NULL;
  g_kept = NULL;
  free(buf);
  return kept - kept;
}

// CHECK: {{^==[0-9]+==ERROR: FFIPinSanitizer: pin-outlived on address}}
// CHECK: SUMMARY: FFIPinSanitizer: pin-outlived {{.*}}fuzzer-clusterfuzz-options.c:[[@LINE-16]]:{{[0-9]+}} in keep_input{{$}}
// CHECK-NEXT: {{^==[0-9]+==ABORTING$}}
// CHECK-NOT: deadly signal
// CHECK: Test unit written to {{.*}}crash-{{[0-9a-f]+}}
// CHECK-NOT: {{Sanitizer|deadly signal}}
// CHECK: exit code 77

// ARTIFACT: {{^crash-[0-9a-f]+$}}

// ONE-COUNT-3: .tmp.out{{[123]}}:1{{$}}
