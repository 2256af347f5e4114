// RUN: %clang_ffipin -O0 %s -o %t
// RUN: %env_ffipin_opts=suppressions=%S/Inputs/option-suppressions-malformed.supp \
// RUN:   sh -c '%run %t; echo "exit code $?"' 2>&1 | FileCheck %s --check-prefixes=CHECK,NOCOLON
// RUN: echo "# comment" > %t.supp
// RUN: echo "no-such-bug:main" >> %t.supp
// RUN: %env_ffipin_opts=suppressions=%t.supp sh -c '%run %t; echo "exit code $?"' 2>&1 \
// RUN:   | FileCheck %s --check-prefixes=CHECK,BADTYPE
// RUN: %env_ffipin_opts=suppressions=%t.does-not-exist sh -c '%run %t; echo "exit code $?"' 2>&1 \
// RUN:   | FileCheck %s --check-prefixes=CHECK,MISSING

// Intent: a malformed suppressions file (a line without a bug type, or an
// unknown bug type) or a missing one is a start-up error naming the file and,
// for a bad line, its number; main never runs; the exit status is not 0.

#include <stdio.h>

int main(void) {
  fprintf(stderr, "main ran\n");
  return 0;
}

// CHECK-NOT: main ran
// NOCOLON: ERROR: FFIPinSanitizer: {{.*}}Inputs/option-suppressions-malformed.supp{{'?(:| line |, line |: line )}}3{{[^0-9]}}
// BADTYPE: ERROR: FFIPinSanitizer: {{.*}}option-suppressions-malformed.c.tmp.supp{{'?(:| line |, line |: line )}}2{{[^0-9]}}
// MISSING: ERROR: FFIPinSanitizer: {{.*}}option-suppressions-malformed.c.tmp.does-not-exist
// CHECK-NOT: main ran
// CHECK: exit code {{[1-9][0-9]*$}}
