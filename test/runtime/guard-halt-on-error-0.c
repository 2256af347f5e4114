// RUN: %clang_ffipin -O0 %s -o %t && %env_ffipin_opts=halt_on_error=0 %run %t 2>&1 | FileCheck %s

// Intent: with halt_on_error=0 a use-after-unpin is reported once and the
// program goes on: the access completes (a released copy's memory reads as
// zeros) and further accesses to the same lend are not faults.

#include <sanitizer/ffipin_interface.h>
#include <stdio.h>
#include <stdlib.h>

int main(void) {
  char *managed = malloc(8000);
  for (int i = 0; i < 8000; i++) managed[i] = 7;
  volatile char *lent = __ffipin_lend_copy(managed, 8000, 0);
  __ffipin_lend_release((void *)lent, FFIPIN_LEND_END);
  int first = lent[0];
  int later = lent[7999];
  lent[100] = 1;
  printf("continued: %d %d %d\n", first, later, lent[100]);
  return 0;
}

// CHECK: ERROR: FFIPinSanitizer: use-after-unpin
// CHECK-NOT: ERROR: FFIPinSanitizer
// CHECK: continued: 0 0 1
