// RUN: %clang_ffipin -O0 %s -o %t
// RUN: %env_ffipin_opts=abort_on_error=1 sh -c '%run %t; echo "exit code $?"' 2>&1 | FileCheck %s
// RUN: %env_ffipin_opts=abort_on_error=0:exitcode=9 sh -c '%run %t; echo "exit code $?"' 2>&1 | FileCheck %s --check-prefix=EXIT

// Intent: abort_on_error=1 ends a halting report with SIGABRT (what AFL++
// counts as a crash: 128 + 6 from the shell) instead of _exit(exitcode), and
// only after the whole report is out.

#include "Inputs/foreign_heap.h"

void *g_slot;

int main(void) {
  char *obj = heap_obj(new_heap(), 1);
  __ffipin_pin(obj, OBJ_SIZE);
  g_slot = obj;
  __ffipin_unpin(obj);
  return 0;
}

// CHECK: ERROR: FFIPinSanitizer: pin-outlived
// CHECK: {{^==[0-9]+==ABORTING$}}
// CHECK-NOT: FFIPinSanitizer
// CHECK: exit code 134

// EXIT: {{^==[0-9]+==ABORTING$}}
// EXIT-NEXT: exit code 9
