// RUN: %clang_ffipin -O0 %s -o %t
// RUN: %env_ffipin_opts=handle_abort=sometimes sh -c '%run %t; echo "exit code $?"' 2>&1 | FileCheck %s --check-prefixes=CHECK,MODE
// RUN: %env_ffipin_opts=detect_leaks=2 sh -c '%run %t; echo "exit code $?"' 2>&1 | FileCheck %s --check-prefixes=CHECK,BOOL
// RUN: %env_ffipin_opts=malloc_context_size=many sh -c '%run %t; echo "exit code $?"' 2>&1 | FileCheck %s --check-prefixes=CHECK,INT

// Intent: an accepted-and-ignored sanitizer_common option still has a type: a
// value that does not parse is a start-up error naming the option, as for the
// options the runtime honours.

#include <stdio.h>

int main(void) {
  fprintf(stderr, "main ran\n");
  return 0;
}

// CHECK-NOT: main ran
// MODE: {{^==[0-9]+==ERROR: FFIPinSanitizer: invalid value 'sometimes' for option 'handle_abort'}}
// BOOL: {{^==[0-9]+==ERROR: FFIPinSanitizer: invalid value '2' for option 'detect_leaks'}}
// INT: {{^==[0-9]+==ERROR: FFIPinSanitizer: invalid value 'many' for option 'malloc_context_size'}}
// CHECK-NOT: main ran
// CHECK: exit code 1
