// RUN: %clang_ffipin -O0 %s -o %t
// RUN: %env_ffipin_opts=handle_abort=1:handle_segv=1:handle_sigbus=1:handle_sigfpe=1:handle_sigill=1:use_sigaltstack=1:allocator_may_return_null=1:detect_leaks=0:fast_unwind_on_fatal=1:malloc_context_size=32:allow_user_segv_handler=0:print_suppressions=0:color=never:print_scariness=1 \
// RUN:   sh -c '%run %t; echo "exit code $?"' 2>&1 | FileCheck %s

// Intent: the options ClusterFuzz and OSS-Fuzz put into every sanitizer's
// *_OPTIONS are accepted (sanitizer_common names, ignored where they do not
// apply; print_scariness is ASan's and only warned about) and the program runs
// to its report, which still halts with the default exit code.

#include "Inputs/foreign_heap.h"

void *g_slot;

int main(void) {
  char *obj = heap_obj(new_heap(), 1);
  fprintf(stderr, "main ran\n");
  __ffipin_pin(obj, OBJ_SIZE);
  g_slot = obj;
  __ffipin_unpin(obj);
  return 0;
}

// CHECK: {{^WARNING: found 1 unrecognized flag\(s\):$}}
// CHECK-NEXT: {{^    print_scariness$}}
// CHECK: main ran
// CHECK: ERROR: FFIPinSanitizer: pin-outlived on address
// CHECK: exit code 1
