// RUN: %clang_ffipin -O0 %S/Inputs/pin_outlived_global.c -o %t
// RUN: %env_ffipin_opts=external_symbolizer_path=%S/Inputs/fake-symbolizer.sh not %run %t 2>&1 | FileCheck %s

// Intent: external_symbolizer_path replaces llvm-symbolizer: frames and the
// SUMMARY line show what that program answered.

// The program: Inputs/pin_outlived_global.c (one pin-outlived report).

// CHECK: ERROR: FFIPinSanitizer: pin-outlived on address
// CHECK: STORE of foreign pointer by thread T0:
// CHECK-NEXT: {{^    #0 0x[0-9a-f]+ in fake_symbolized_frame /fake/src.c:7:3$}}
// CHECK: SUMMARY: FFIPinSanitizer: pin-outlived /fake/src.c:7:3 in fake_symbolized_frame{{$}}
