// RUN: %clang_ffipin -O0 %s -o %t
// RUN: %env_ffipin_opts=exitcode=42 sh -c '%run %t; echo "exit code $?"' 2>&1 | FileCheck %s

// Intent: exitcode sets the status a halting report exits with.

#include "Inputs/foreign_heap.h"

void *g_slot;

int main(void) {
  char *obj = heap_obj(new_heap(), 1);
  __ffipin_pin(obj, OBJ_SIZE);
  g_slot = obj;
  __ffipin_unpin(obj);
  fprintf(stderr, "not reached\n");
  return 0;
}

// CHECK: ERROR: FFIPinSanitizer: pin-outlived
// CHECK: {{^==[0-9]+==ABORTING$}}
// CHECK-NOT: not reached
// CHECK: exit code 42
