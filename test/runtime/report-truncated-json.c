// RUN: %clang_ffipin -O0 %s -o %t
// RUN: %env_ffipin_opts=stack_depth=64:report_format=json not %run %t > %t.out 2>&1
// RUN: %python %S/Inputs/check_json_truncated.py %t.out | FileCheck %s
// REQUIRES: python3

// Intent: a JSON report longer than the report buffer is still one valid
// JSON object (fewer frames, long strings shortened), never a cut line.

#include "Inputs/long_stacks.h"

int main(void) {
  LONG_NAME(heap_obj(new_heap(), 1), 70);
  return g_sink;
}

// CHECK: reports=1 type=pin-outlived stacks=3 truncated=true
