// RUN: %clang_ffipin -O0 %S/Inputs/pin_outlived_global.c -o %t
// RUN: %env_ffipin_opts=external_symbolizer_path=%S/Inputs/streaming-symbolizer.sh \
// RUN:   sh -c 'timeout 60 %run %t; echo "exit code $?"' 2>&1 | FileCheck %s

// Intent: a symbolizer that streams without ever ending its reply cannot
// hang the report: the reply is bounded, the runtime says what went wrong,
// and the frames fall back to module+offset.

// The program: Inputs/pin_outlived_global.c (one pin-outlived report).

// CHECK: {{^==[0-9]+==WARNING: FFIPinSanitizer: symbolizer '.*streaming-symbolizer.sh' sent a reply longer than [0-9]+ bytes; frames show module\+offset from now on$}}
// CHECK: ERROR: FFIPinSanitizer: pin-outlived on address
// CHECK: STORE of foreign pointer by thread T0:
// CHECK-NEXT: {{^    #0 0x[0-9a-f]+  \(.*symbolizer-endless-reply.c.tmp\+0x[0-9a-f]+\)$}}
// CHECK: SUMMARY: FFIPinSanitizer: pin-outlived
// CHECK-NEXT: {{^==[0-9]+==ABORTING$}}
// CHECK-NEXT: exit code 1
