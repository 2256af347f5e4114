// RUN: %clang_ffipin -O0 %s -o %t
// RUN: %env_ffipin_opts=halt_on_error=0 %run %t 2>&1 | FileCheck %s
// RUN: not %run %t 2>&1 | FileCheck %s --check-prefix=HALT

// Intent: the callback set with __ffipin_set_error_report_callback receives
// the full text of each report once, after it is printed, also when the
// report then halts the program.

#include <string.h>
#include "Inputs/foreign_heap.h"

void *g_slot;
static char g_text[8192];
static int g_calls;

static void on_report(const char *report) {
  g_calls++;
  fprintf(stderr, "callback got a report\n");
  strncpy(g_text, report, sizeof g_text - 1);
}

int main(void) {
  char *obj = heap_obj(new_heap(), 1);
  __ffipin_set_error_report_callback(on_report);
  __ffipin_pin(obj, OBJ_SIZE);
  g_slot = obj;
  __ffipin_unpin(obj);
  fprintf(stderr, "calls=%d\n", g_calls);
  fprintf(stderr, "has header=%d\n", strstr(g_text, "ERROR: FFIPinSanitizer: pin-outlived on address") != NULL);
  fprintf(stderr, "has store stack=%d\n", strstr(g_text, "STORE of foreign pointer by thread T0:") != NULL);
  fprintf(stderr, "has summary=%d\n", strstr(g_text, "SUMMARY: FFIPinSanitizer: pin-outlived") != NULL);
  return 0;
}

// CHECK: ERROR: FFIPinSanitizer: pin-outlived
// CHECK: SUMMARY: FFIPinSanitizer: pin-outlived
// CHECK-NEXT: callback got a report
// CHECK-NEXT: calls=1
// CHECK-NEXT: has header=1
// CHECK-NEXT: has store stack=1
// CHECK-NEXT: has summary=1

// HALT: ERROR: FFIPinSanitizer: pin-outlived
// HALT: {{^==[0-9]+==ABORTING$}}
// HALT-NEXT: callback got a report
