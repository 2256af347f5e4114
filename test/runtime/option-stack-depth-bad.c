// RUN: %clang_ffipin -O0 %s -o %t
// RUN: %env_ffipin_opts=stack_depth=8 sh -c '%run %t; echo "exit code $?"' 2>&1 | FileCheck %s --check-prefixes=CHECK,LOW
// RUN: %env_ffipin_opts=stack_depth=65 sh -c '%run %t; echo "exit code $?"' 2>&1 | FileCheck %s --check-prefixes=CHECK,HIGH

// Intent: stack_depth outside 16..64 is a start-up error naming the option;
// the program does not run and exits with a non-zero status.

#include <stdio.h>

int main(void) {
  fprintf(stderr, "main ran\n");
  return 0;
}

// CHECK-NOT: main ran
// LOW: {{^==[0-9]+==ERROR: FFIPinSanitizer: .*'8'.*'stack_depth'}}
// HIGH: {{^==[0-9]+==ERROR: FFIPinSanitizer: .*'65'.*'stack_depth'}}
// CHECK-NOT: main ran
// CHECK: exit code {{[1-9][0-9]*$}}
