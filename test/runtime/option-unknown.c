// RUN: %clang_ffipin -O0 %s -o %t
// RUN: %env_ffipin_opts=halt_on_error=0:foo=1:bar=x sh -c '%run %t; echo "exit code $?"' 2>&1 | FileCheck %s

// Intent: names no sanitizer knows give sanitizer_common's warning, listing
// each, and the program runs on (as ASAN_OPTIONS=foo=1 does).

#include <stdio.h>

int main(void) {
  fprintf(stderr, "main ran\n");
  return 0;
}

// CHECK: {{^WARNING: found 2 unrecognized flag\(s\):$}}
// CHECK-NEXT: {{^    foo$}}
// CHECK-NEXT: {{^    bar$}}
// CHECK-NEXT: main ran
// CHECK-NEXT: exit code 0
