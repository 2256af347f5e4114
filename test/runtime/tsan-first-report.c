// REQUIRES: tsan-rt
// RUN: %ffipin_cc -fsanitize=thread,ffi-pin -g -O1 %S/Inputs/pin_outlived_global.c -o %t
// RUN: env TSAN_OPTIONS=report_signal_unsafe=0 not timeout 60 %run %t 2>&1 | FileCheck %s

// Intent: the first report of a -fsanitize=thread,ffi-pin program starts the
// symbolizer without running fork handlers: TSan's fork interception (which
// runs our atfork handler, which wants the report lock this thread holds)
// used to deadlock it with every signal blocked. The report comes out
// symbolized and the process exits.

// The program: Inputs/pin_outlived_global.c (its store is on line 12).

// CHECK: ERROR: FFIPinSanitizer: pin-outlived on address
// CHECK: STORE of foreign pointer by thread T0:
// CHECK-NEXT: {{^    #0 0x[0-9a-f]+ in main .*pin_outlived_global.c:12}}
// CHECK: SUMMARY: FFIPinSanitizer: pin-outlived
