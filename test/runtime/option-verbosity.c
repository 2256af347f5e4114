// RUN: %clang_ffipin -O0 %s -o %t
// RUN: %env_ffipin_opts=verbosity=1 %run %t 2>&1 | FileCheck %s --check-prefix=VERBOSE
// RUN: %run %t 2>&1 | FileCheck %s --check-prefix=QUIET

// Intent: verbosity=1 makes the runtime say something about itself on
// stderr (start-up, heap registration); the default verbosity=0 prints
// nothing for a clean program.

#include "Inputs/foreign_heap.h"

int main(void) {
  fprintf(stderr, "main started\n");
  char *obj = heap_obj(new_heap(), 1);
  __ffipin_pin(obj, OBJ_SIZE);
  __ffipin_unpin(obj);
  fprintf(stderr, "done\n");
  return 0;
}

// VERBOSE: {{^==[0-9]+==FFIPinSanitizer: initialised}}
// VERBOSE: main started
// VERBOSE: FFIPinSanitizer{{.*}}heap
// VERBOSE: {{^done$}}

// QUIET-NOT: FFIPinSanitizer
// QUIET: main started
// QUIET-NOT: FFIPinSanitizer
// QUIET: {{^done$}}
