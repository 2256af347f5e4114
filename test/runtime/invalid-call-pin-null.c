// RUN: %clang_ffipin -O0 %s -o %t && not %run %t 2>&1 | FileCheck %s

// Intent: __ffipin_pin(NULL, n) is an invalid-call, reported at the pin.

#include <sanitizer/ffipin_interface.h>
#include <stdio.h>

int main(int argc, char **argv) {
  void *volatile nothing = NULL;
  fprintf(stderr, "pinning null\n");
  __ffipin_pin(nothing, 32);
  fprintf(stderr, "not reached\n");
  return 0;
}

// CHECK: pinning null
// CHECK-NEXT: =================================================================
// CHECK-NEXT: {{^==[0-9]+==ERROR: FFIPinSanitizer: invalid-call( on address 0x0+)?$}}
// CHECK-NEXT: {{pin.*null}}
// CHECK: {{^    #0 0x[0-9a-f]+ in main .*invalid-call-pin-null.c:}}[[@LINE-9]]:{{[0-9]+$}}
// CHECK: SUMMARY: FFIPinSanitizer: invalid-call {{.*}}invalid-call-pin-null.c:[[@LINE-10]]:{{[0-9]+}} in main{{$}}
