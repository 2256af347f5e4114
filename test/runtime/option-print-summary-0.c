// RUN: %clang_ffipin -O0 %S/Inputs/pin_outlived_global.c -o %t && %env_ffipin_opts=print_summary=0 not %run %t 2>&1 | FileCheck %s

// Intent: print_summary=0 drops the SUMMARY: line and nothing else.

// The program: Inputs/pin_outlived_global.c (one pin-outlived report).

// CHECK: ERROR: FFIPinSanitizer: pin-outlived on address
// CHECK: unpinned by thread T0 here:
// CHECK: is located 0 bytes inside of global variable 'g_slot'
// CHECK-NOT: SUMMARY
// CHECK: {{^==[0-9]+==ABORTING$}}
