// RUN: %clang_ffipin -O0 %s -o %t
// RUN: %env_ffipin_opts=exitcode=256 sh -c '%run %t; echo "exit code $?"' 2>&1 | FileCheck %s -DV=256
// RUN: %env_ffipin_opts=exitcode=-1 sh -c '%run %t; echo "exit code $?"' 2>&1 | FileCheck %s -DV=-1
// RUN: %env_ffipin_opts=exitcode=0 sh -c '%run %t; echo "exit code $?"' 2>&1 | FileCheck %s --check-prefix=ZERO

// Intent: an exit status is 0 to 255; exitcode=256 or a negative one (which
// the kernel would turn into 0 or another status) is a start-up error naming
// the option, while exitcode=0 is allowed and used.

#include "Inputs/foreign_heap.h"

void *g_slot;

int main(void) {
  char *obj = heap_obj(new_heap(), 1);
  fprintf(stderr, "main ran\n");
  __ffipin_pin(obj, OBJ_SIZE);
  g_slot = obj;
  __ffipin_unpin(obj);
  return 3;
}

// CHECK: {{^==[0-9]+==ERROR: FFIPinSanitizer: invalid value '}}[[V]]{{' for option 'exitcode'.*expected 0 to 255}}
// CHECK-NOT: main ran
// CHECK: exit code 1

// ZERO: main ran
// ZERO: ERROR: FFIPinSanitizer: pin-outlived
// ZERO: exit code 0
