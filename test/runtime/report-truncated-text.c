// RUN: %clang_ffipin -O0 %s -o %t
// RUN: %env_ffipin_opts=stack_depth=64 not %run %t > %t.out 2>&1
// RUN: FileCheck %s < %t.out

// Intent: a text report longer than the report buffer is cut at a line
// boundary with a marker, and still ends with its SUMMARY and ABORTING lines
// (log scrapers and ClusterFuzz look for them).

#include "Inputs/long_stacks.h"

int main(void) {
  LONG_NAME(heap_obj(new_heap(), 1), 70);
  return g_sink;
}

// CHECK: {{^==[0-9]+==ERROR: FFIPinSanitizer: pin-outlived on address}}
// CHECK: STORE of foreign pointer by thread T0:
// CHECK: {{^\.\.\.\(report truncated\)$}}
// CHECK-NEXT: {{^SUMMARY: FFIPinSanitizer: pin-outlived .*long_stacks.h:[0-9]+:[0-9]+ in deep}}
// CHECK-NEXT: {{^==[0-9]+==ABORTING$}}
