// RUN: %clang_ffipin -O0 %s -o %t && not %run %t 2>&1 | FileCheck %s

// Intent: __ffipin_borrow outside any call scope is an invalid-call naming
// the borrowed address.

#include <sanitizer/ffipin_interface.h>
#include <stdio.h>
#include <stdlib.h>

int main(void) {
  char *arg = malloc(64);
  fprintf(stderr, "arg=%p\n", (void *)arg);
  __ffipin_borrow(arg, 64);
  fprintf(stderr, "not reached\n");
  return 0;
}

// CHECK: arg=[[ARG:0x[0-9a-f]+]]
// CHECK-NEXT: =================================================================
// CHECK-NEXT: {{^}}=={{[0-9]+}}==ERROR: FFIPinSanitizer: invalid-call on address [[ARG]]{{$}}
// CHECK-NEXT: {{borrow}}
// CHECK: {{^    #0 0x[0-9a-f]+ in main .*invalid-call-borrow-outside-scope.c:}}[[@LINE-9]]:{{[0-9]+$}}
// CHECK: SUMMARY: FFIPinSanitizer: invalid-call {{.*}}invalid-call-borrow-outside-scope.c:[[@LINE-10]]:{{[0-9]+}} in main{{$}}
