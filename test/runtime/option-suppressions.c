// RUN: %clang_ffipin -O0 %s -o %t
// RUN: %env_ffipin_opts=suppressions=%S/Inputs/option-suppressions.supp %run %t 2>&1 | FileCheck %s --check-prefix=SUPP
// RUN: echo "pin-outlived:%s" > %t.file.supp
// RUN: %env_ffipin_opts=suppressions=%t.file.supp %run %t 2>&1 | FileCheck %s --check-prefix=SUPP
// RUN: echo "pin-outlived:*option-suppressions.c.tmp" > %t.module.supp
// RUN: %env_ffipin_opts=suppressions=%t.module.supp %run %t 2>&1 | FileCheck %s --check-prefix=SUPP
// RUN: echo "bad-unpin:stash_in_global" > %t.other-type.supp
// RUN: %env_ffipin_opts=suppressions=%t.other-type.supp not %run %t 2>&1 | FileCheck %s --check-prefix=REPORT

// Intent: a suppression "<type>:<glob>" silences reports of that type whose
// frames match by function name, file or module; a line for another type
// does not.

#include "Inputs/foreign_heap.h"

void *g_slot;

__attribute__((noinline)) void stash_in_global(void *p) { g_slot = p; }

int main(void) {
  char *obj = heap_obj(new_heap(), 1);
  fprintf(stderr, "start\n");
  __ffipin_pin(obj, OBJ_SIZE);
  stash_in_global(obj);
  __ffipin_unpin(obj);
  fprintf(stderr, "done\n");
  return 0;
}

// SUPP: {{^start$}}
// SUPP-NOT: FFIPinSanitizer
// SUPP: {{^done$}}

// REPORT: {{^start$}}
// REPORT-NEXT: =================================================================
// REPORT-NEXT: ERROR: FFIPinSanitizer: pin-outlived
// REPORT: SUMMARY: FFIPinSanitizer: pin-outlived {{.*}} in stash_in_global
