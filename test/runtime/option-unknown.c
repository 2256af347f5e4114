// RUN: %clang_ffipin -O0 %s -o %t
// RUN: %env_ffipin_opts=halt_on_error=0:foo=1 sh -c '%run %t; echo "exit code $?"' 2>&1 | FileCheck %s

// Intent: an unknown option is a start-up error that names it; main never
// runs and the exit status is 1.

#include <stdio.h>

int main(void) {
  fprintf(stderr, "main ran\n");
  return 0;
}

// CHECK-NOT: main ran
// CHECK: {{^==[0-9]+==ERROR: FFIPinSanitizer: .*unknown option 'foo'}}
// CHECK-NOT: main ran
// CHECK: exit code 1
