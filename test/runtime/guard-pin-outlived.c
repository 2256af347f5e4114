// RUN: %clang_ffipin -O0 %s -o %t.O0 && not %run %t.O0 2>&1 | FileCheck %s
// RUN: %clang_ffipin -O2 %s -o %t.O2 && not %run %t.O2 2>&1 | FileCheck %s

// Intent: a pointer into a guarded copy kept in a C global when the lend is
// released is pin-outlived (the copy is a lend like any other), with the
// store, lend and release stacks.

#include <sanitizer/ffipin_interface.h>
#include <stdio.h>
#include <stdlib.h>

void *g_kept;

__attribute__((noinline)) void keep(void *p) { g_kept = p; }

int main(void) {
  char *managed = malloc(32);
  char *lent = __ffipin_lend_copy(managed, 32, 0);
  keep(lent + 8);
  __ffipin_lend_release(lent, FFIPIN_LEND_END);
  fprintf(stderr, "not reached %p\n", g_kept);
  return 0;
}

// CHECK: ERROR: FFIPinSanitizer: pin-outlived on address 0x{{[0-9a-f]+}} (holds 0x{{[0-9a-f]+}})
// CHECK: {{^}}STORE of foreign pointer by thread T0:{{$}}
// CHECK-NEXT: {{^    #0 0x[0-9a-f]+ in keep .*guard-pin-outlived.c:}}[[@LINE-13]]:{{[0-9]+$}}
// CHECK: {{^}}pinned by thread T0 here:{{$}}
// CHECK-NEXT: {{^    #0 0x[0-9a-f]+ in main .*guard-pin-outlived.c:}}[[@LINE-11]]:{{[0-9]+$}}
// CHECK: {{^}}unpinned by thread T0 here:{{$}}
// CHECK-NEXT: {{^    #0 0x[0-9a-f]+ in main .*guard-pin-outlived.c:}}[[@LINE-11]]:{{[0-9]+$}}
// CHECK: {{^}}SUMMARY: FFIPinSanitizer: pin-outlived {{.*}}guard-pin-outlived.c:[[@LINE-18]]:{{[0-9]+}} in keep{{$}}
