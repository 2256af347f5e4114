// RUN: %clang_ffipin -O0 %s -o %t && not %run %t 2>&1 | FileCheck %s

// Intent: __ffipin_call_end without a matching __ffipin_call_begin is an
// invalid-call, reported at the call_end.

#include <sanitizer/ffipin_interface.h>
#include <stdio.h>

int main(void) {
  __ffipin_call_begin();
  __ffipin_call_end();
  fprintf(stderr, "balanced\n");
  __ffipin_call_end();
  fprintf(stderr, "not reached\n");
  return 0;
}

// CHECK: {{^balanced$}}
// CHECK-NEXT: =================================================================
// CHECK-NEXT: {{^==[0-9]+==ERROR: FFIPinSanitizer: invalid-call( on address 0x0+)?$}}
// CHECK-NEXT: {{call_end.*call_begin}}
// CHECK: {{^    #0 0x[0-9a-f]+ in main .*invalid-call-end-without-begin.c:}}[[@LINE-9]]:{{[0-9]+$}}
// CHECK: SUMMARY: FFIPinSanitizer: invalid-call {{.*}}invalid-call-end-without-begin.c:[[@LINE-10]]:{{[0-9]+}} in main{{$}}
