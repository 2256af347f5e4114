// RUN: %clang_ffipin -O0 %s -o %t
// RUN: not %run %t 2>&1 | FileCheck %s --check-prefix=DEFAULT
// RUN: %env_ffipin_opts=print_summary=1 not %run %t 2>&1 | FileCheck %s --check-prefix=ENV

// Intent: __ffipin_default_options() defined in the program sets defaults
// (here print_summary=0), and FFIPIN_OPTIONS overrides them.

#include "Inputs/foreign_heap.h"

const char *__ffipin_default_options(void) { return "print_summary=0"; }

void *g_slot;

int main(void) {
  char *obj = heap_obj(new_heap(), 1);
  __ffipin_pin(obj, OBJ_SIZE);
  g_slot = obj;
  __ffipin_unpin(obj);
  return 0;
}

// DEFAULT: ERROR: FFIPinSanitizer: pin-outlived
// DEFAULT-NOT: SUMMARY:
// DEFAULT: {{^==[0-9]+==ABORTING$}}

// ENV: ERROR: FFIPinSanitizer: pin-outlived
// ENV: SUMMARY: FFIPinSanitizer: pin-outlived
// ENV-NEXT: {{^==[0-9]+==ABORTING$}}
