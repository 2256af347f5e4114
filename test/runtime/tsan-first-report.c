// REQUIRES: tsan-rt
// RUN: %ffipin_cc -fsanitize=thread,ffi-pin -g -O1 %s -o %t
// RUN: env TSAN_OPTIONS=report_signal_unsafe=0 not timeout 60 %run %t 2>&1 | FileCheck %s

// Intent: the first report of a -fsanitize=thread,ffi-pin program starts the
// symbolizer without running fork handlers: TSan's fork interception (which
// runs our atfork handler, which wants the report lock this thread holds)
// used to deadlock it with every signal blocked. The report comes out
// symbolized and the process exits.

#include "Inputs/foreign_heap.h"

void *g_slot;

int main(void) {
  char *obj = heap_obj(new_heap(), 1);
  __ffipin_pin(obj, OBJ_SIZE);
  g_slot = obj;
  __ffipin_unpin(obj);
  return 0;
}

// CHECK: ERROR: FFIPinSanitizer: pin-outlived on address
// CHECK: STORE of foreign pointer by thread T0:
// CHECK-NEXT: {{^    #0 0x[0-9a-f]+ in main .*tsan-first-report.c:}}[[@LINE-7]]
// CHECK: SUMMARY: FFIPinSanitizer: pin-outlived
