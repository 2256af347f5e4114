// RUN: %clang_ffipin -O0 %s -o %t
// RUN: rm -rf %t.dir && mkdir %t.dir
// RUN: %env_ffipin_opts=log_path=%t.dir/report not %run %t 2> %t.stderr
// RUN: FileCheck %s --check-prefix=STDERR < %t.stderr
// RUN: not grep FFIPinSanitizer %t.stderr
// RUN: ls %t.dir > %t.ls
// RUN: cat %t.ls %t.dir/report.* | FileCheck %s

// Intent: log_path=<path> writes the report to <path>.<pid>, not stderr, and
// the file holds the complete report although the process exits at once.

#include "Inputs/foreign_heap.h"

void *g_slot;

int main(void) {
  char *obj = heap_obj(new_heap(), 1);
  __ffipin_pin(obj, OBJ_SIZE);
  g_slot = obj;
  fprintf(stderr, "unpinning\n");
  __ffipin_unpin(obj);
  return 0;
}

// STDERR: {{^unpinning$}}

// CHECK: {{^}}report.[[PID:[0-9]+]]{{$}}
// CHECK-NEXT: =================================================================
// CHECK-NEXT: {{^}}==[[PID]]==ERROR: FFIPinSanitizer: pin-outlived on address
// CHECK: STORE of foreign pointer by thread T0:
// CHECK: pinned by thread T0 here:
// CHECK: unpinned by thread T0 here:
// CHECK: SUMMARY: FFIPinSanitizer: pin-outlived
// CHECK-NEXT: {{^}}==[[PID]]==ABORTING
