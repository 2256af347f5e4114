// RUN: %clang_ffipin -O0 %s -o %t.O0 && not %run %t.O0 2>&1 | FileCheck %s
// RUN: %clang_ffipin -O2 %s -o %t.O2 && not %run %t.O2 2>&1 | FileCheck %s

// Intent: a write one byte past the end of a live guarded copy hits the
// inaccessible page after it and is reported as lend-overflow, with the
// lend stack and no release stack.

#include <sanitizer/ffipin_interface.h>
#include <stdio.h>
#include <stdlib.h>

__attribute__((noinline)) void fill(volatile char *p, int n) {
  for (int i = 0; i <= n; i++) p[i] = 1; /* one too many */
}

int main(void) {
  char *managed = aligned_alloc(16, 64);
  char *lent = __ffipin_lend_copy(managed, 64, 1);
  fill(lent, 64);
  fprintf(stderr, "not reached\n");
  return 0;
}

// CHECK: ERROR: FFIPinSanitizer: lend-overflow on address 0x{{[0-9a-f]+}} at pc
// CHECK-NEXT: {{^0x[0-9a-f]+ is 0 bytes after the end of the 64-byte guarded copy \[0x[0-9a-f]+,0x[0-9a-f]+\) of 0x[0-9a-f]+, still lent$}}
// CHECK-NEXT: {{^}}WRITE of lent memory by thread T0:{{$}}
// CHECK-NEXT: {{^    #0 0x[0-9a-f]+ in fill .*guard-lend-overflow.c:}}[[@LINE-14]]:{{[0-9]+$}}
// CHECK: {{^}}lent by thread T0 here:{{$}}
// CHECK-NEXT: {{^    #0 0x[0-9a-f]+ in main .*guard-lend-overflow.c:}}[[@LINE-11]]:{{[0-9]+$}}
// CHECK-NOT: released by
// CHECK: SUMMARY: FFIPinSanitizer: lend-overflow {{.*}}guard-lend-overflow.c:[[@LINE-18]]:{{[0-9]+}} in fill{{$}}
