// RUN: %clang_ffipin -O0 %s -o %t && %env_ffipin_opts=halt_on_error=0 %run %t 2>&1 | FileCheck %s

// Intent: a pointer into a range borrowed in an inner call scope is judged
// when that inner scope ends, even though an outer scope is still open.

#include <sanitizer/ffipin_interface.h>
#include <stdio.h>
#include <stdlib.h>

const char *g_slot;

int main(void) {
  char *arg = calloc(1, 64);
  __ffipin_call_begin();
  __ffipin_call_begin();
  __ffipin_borrow(arg, 64);
  g_slot = arg;
  fprintf(stderr, "ending inner scope\n");
  __ffipin_call_end();
  fprintf(stderr, "inner scope ended\n");
  __ffipin_call_end();
  fprintf(stderr, "outer scope ended\n");
  return 0;
}

// CHECK: ending inner scope
// CHECK-NEXT: =================================================================
// CHECK-NEXT: ERROR: FFIPinSanitizer: borrow-escaped on address
// CHECK: call scope ended by thread T0 here:
// CHECK-NEXT: {{^    #0 0x[0-9a-f]+ in main .*borrow-escaped-nested-borrow.c:}}[[@LINE-11]]:{{[0-9]+$}}
// CHECK: SUMMARY: FFIPinSanitizer: borrow-escaped {{.*}}borrow-escaped-nested-borrow.c:[[@LINE-14]]:{{[0-9]+}} in main{{$}}
// CHECK-NEXT: inner scope ended
// CHECK-NOT: FFIPinSanitizer
// CHECK: outer scope ended
