// RUN: %clang_ffipin -O0 %s -o %t
// RUN: %env_ffipin_opts=halt_on_error=maybe sh -c '%run %t; echo "exit code $?"' 2>&1 | FileCheck %s --check-prefixes=CHECK,BOOL
// RUN: %env_ffipin_opts=exitcode=abc sh -c '%run %t; echo "exit code $?"' 2>&1 | FileCheck %s --check-prefixes=CHECK,INT
// RUN: %env_ffipin_opts=report_format=xml sh -c '%run %t; echo "exit code $?"' 2>&1 | FileCheck %s --check-prefixes=CHECK,FORMAT

// Intent: a value that does not parse for its option's type is a start-up
// error naming the option and the value; main never runs; the exit status
// is not 0.

#include <stdio.h>

int main(void) {
  fprintf(stderr, "main ran\n");
  return 0;
}

// CHECK-NOT: main ran
// BOOL: {{^==[0-9]+==ERROR: FFIPinSanitizer: .*'maybe'.*'halt_on_error'}}
// INT: {{^==[0-9]+==ERROR: FFIPinSanitizer: .*'abc'.*'exitcode'}}
// FORMAT: {{^==[0-9]+==ERROR: FFIPinSanitizer: .*'xml'.*'report_format'}}
// CHECK-NOT: main ran
// CHECK: exit code {{[1-9][0-9]*$}}
