// RUN: %clang_ffipin -O0 %S/Inputs/pin_outlived_global.c -o %t
// RUN: %env_ffipin_opts=external_symbolizer_path=%S/Inputs/sleeping-symbolizer.sh:symbolize_timeout_ms=500 \
// RUN:   sh -c 'timeout 30 %run %t; echo "exit code $?"' 2>&1 | FileCheck %s

// Intent: a symbolizer that never answers stalls a report only for
// symbolize_timeout_ms (once: it is then given up for the process), says so,
// and the frames fall back to module+offset.

// The program: Inputs/pin_outlived_global.c (one pin-outlived report).

// CHECK: {{^==[0-9]+==WARNING: FFIPinSanitizer: symbolizer '.*sleeping-symbolizer.sh' did not answer within 500 ms \(symbolize_timeout_ms\); frames show module\+offset from now on$}}
// CHECK: ERROR: FFIPinSanitizer: pin-outlived on address
// CHECK: STORE of foreign pointer by thread T0:
// CHECK-NEXT: {{^    #0 0x[0-9a-f]+  \(.*symbolizer-no-reply.c.tmp\+0x[0-9a-f]+\)$}}
// CHECK: SUMMARY: FFIPinSanitizer: pin-outlived
// CHECK-NEXT: {{^==[0-9]+==ABORTING$}}
// CHECK-NEXT: exit code 1
