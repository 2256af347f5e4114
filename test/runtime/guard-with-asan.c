// REQUIRES: asan-rt
// RUN: %clang_ffipin -fsanitize=address -O1 %s -o %t
// RUN: not %run %t 2>&1 | FileCheck %s

// Intent: with ASan in the process (which installs its own SIGSEGV handler
// at start-up), a use of a released guarded copy is still reported by
// FFIPinSanitizer as use-after-unpin, not by ASan as a SEGV on an unknown
// address: the handler is put back in front before each guarded lend.

#include <sanitizer/ffipin_interface.h>
#include <stdio.h>
#include <stdlib.h>

int main(void) {
  char *managed = malloc(32);
  volatile char *lent = __ffipin_lend_copy(managed, 32, 0);
  __ffipin_lend_release((void *)lent, FFIPIN_LEND_END);
  return lent[3];
}

// CHECK: ERROR: FFIPinSanitizer: use-after-unpin on address
// CHECK-NOT: AddressSanitizer
// CHECK: {{^}}SUMMARY: FFIPinSanitizer: use-after-unpin {{.*}}guard-with-asan.c:[[@LINE-5]]:{{[0-9]+}} in main{{$}}
