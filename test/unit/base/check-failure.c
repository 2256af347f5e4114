// RUN: %clang_unit %s %ffipin_rt_link -o %t && not %run %t 2>&1 | FileCheck %s

// Intent: FFIPIN_CHECK names the file (from the project's top) and line of
// the failed check, and the condition, and stops the program.

#include "base/ffipin_assert.h"

int main(int argc, char **argv) {
  FFIPIN_CHECK(argc == 1);
  FFIPIN_CHECK(argc == 42 && "the arguments the runtime expected");
  return 0;
}

// CHECK: ==[[PID:[0-9]+]]==ERROR: FFIPinSanitizer: internal check failed at
// {{.*}}check-failure.c:10: argc == 42 && "the arguments the runtime expected"
