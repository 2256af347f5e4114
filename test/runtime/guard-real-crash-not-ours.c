// RUN: %clang_ffipin -O0 %s -o %t && not --crash %run %t 2>&1 | FileCheck %s --implicit-check-not=FFIPinSanitizer

// Intent: a fault that is not on a guarded copy (a NULL dereference) goes to
// the default action as it would without the sanitizer: the process dies of
// SIGSEGV, and no FFIPinSanitizer report is made.

#include <sanitizer/ffipin_interface.h>
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv) {
  char *managed = malloc(16);
  char *lent = __ffipin_lend_copy(managed, 16, 0); /* the handler is in place */
  fprintf(stderr, "lent %d\n", lent != managed);
  volatile int *null = argc > 5 ? (int *)argv : NULL;
  return *null;
}

// CHECK: lent 1
