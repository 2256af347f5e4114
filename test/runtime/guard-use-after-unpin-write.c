// RUN: %clang_ffipin -O0 %s -o %t.O0 && not %run %t.O0 2>&1 | FileCheck %s
// RUN: %clang_ffipin -O2 %s -o %t.O2 && not %run %t.O2 2>&1 | FileCheck %s

// Intent: a write through a stale pointer into a released guarded copy is a
// use-after-unpin WRITE at the writing line; the managed memory the copy
// stood for is not touched.

#include <sanitizer/ffipin_interface.h>
#include <stdio.h>
#include <stdlib.h>

__attribute__((noinline)) void poke(volatile char *p) { p[10] = 'X'; }

int main(void) {
  char *managed = calloc(1, 64);
  char *lent = __ffipin_lend_copy(managed, 64, 1);
  __ffipin_lend_release(lent, FFIPIN_LEND_END);
  poke(lent);
  fprintf(stderr, "not reached %d\n", managed[10]);
  return 0;
}

// CHECK: ERROR: FFIPinSanitizer: use-after-unpin on address 0x{{[0-9a-f]+}} at pc
// CHECK-NEXT: {{^0x[0-9a-f]+ is 10 bytes inside of the 64-byte guarded copy}}
// CHECK-NEXT: {{^}}WRITE of lent memory by thread T0:{{$}}
// CHECK-NEXT: {{^    #0 0x[0-9a-f]+ in poke .*guard-use-after-unpin-write.c:}}[[@LINE-14]]:{{[0-9]+$}}
// CHECK: SUMMARY: FFIPinSanitizer: use-after-unpin {{.*}}guard-use-after-unpin-write.c:[[@LINE-15]]:{{[0-9]+}} in poke{{$}}
