// REQUIRES: asan-rt, ubsan-rt
// RUN: %ffipin_cc -fsanitize=address,ffi-pin -g -O1 %S/Inputs/pin_outlived_global.c -o %t.asan
// RUN: env ASAN_OPTIONS=handle_abort=1:symbolize=1 %env_ffipin_opts=handle_abort=1 sh -c '%run %t.asan; echo "exit code $?"' 2>&1 | FileCheck %s
// RUN: env ASAN_OPTIONS=handle_abort=1 %env_ffipin_opts=handle_abort=1:abort_on_error=1 sh -c '%run %t.asan; echo "exit code $?"' 2>&1 | FileCheck %s --check-prefix=ABORT
// RUN: %ffipin_cc -fsanitize=undefined,ffi-pin -g -O1 %S/Inputs/pin_outlived_global.c -o %t.ubsan
// RUN: env UBSAN_OPTIONS=handle_abort=1 %env_ffipin_opts=handle_abort=1 sh -c '%run %t.ubsan; echo "exit code $?"' 2>&1 | FileCheck %s
// RUN: env UBSAN_OPTIONS=handle_abort=1 %env_ffipin_opts=abort_on_error=1 sh -c '%run %t.ubsan; echo "exit code $?"' 2>&1 | FileCheck %s --check-prefix=ABORT

// Intent: with ASan or UBSan linked in and told to catch SIGABRT
// (handle_abort=1, as ClusterFuzz runs them), our report is the only one:
// halting never raises a SIGABRT the other tool would report as ABRT, and
// abort_on_error=1 aborts with SIGABRT's default action, unseen by it.

// The program: Inputs/pin_outlived_global.c (one pin-outlived report).

// CHECK: ERROR: FFIPinSanitizer: pin-outlived
// CHECK: SUMMARY: FFIPinSanitizer: pin-outlived
// CHECK-NEXT: {{^==[0-9]+==ABORTING$}}
// CHECK-NOT: {{Sanitizer|SUMMARY|ABRT}}
// CHECK: exit code 1

// ABORT: ERROR: FFIPinSanitizer: pin-outlived
// ABORT: {{^==[0-9]+==ABORTING$}}
// ABORT-NOT: {{Sanitizer|SUMMARY|ABRT}}
// ABORT: exit code 134
