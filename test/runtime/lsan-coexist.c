// REQUIRES: lsan-rt
// RUN: %clang_ffipin -fsanitize=leak -O0 %s -o %t
// RUN: %env_ffipin_opts=halt_on_error=0 not %run %t 2>&1 | FileCheck %s

// Intent: LeakSanitizer and FFIPinSanitizer in one process: our report
// comes at the unpin, the program goes on, and LSan's interceptors (malloc,
// free) still see every block, so it reports the leak at exit.

#include "Inputs/foreign_heap.h"

void *g_slot;
void *g_lost;

__attribute__((noinline)) void stash(void *p) { g_slot = p; }
__attribute__((noinline)) void leak(void) {
  void *p = malloc(48);
  g_lost = p;
  g_lost = NULL; /* nothing points at the block any more */
}

int main(void) {
  char *obj = heap_obj(new_heap(), 1);
  __ffipin_pin(obj, OBJ_SIZE);
  stash(obj);
  __ffipin_unpin(obj);
  free(malloc(16)); /* through our free interceptor and LSan's */
  leak();
  fprintf(stderr, "main returns\n");
  return 0;
}

// CHECK: ERROR: FFIPinSanitizer: pin-outlived
// CHECK: SUMMARY: FFIPinSanitizer: pin-outlived {{.*}}lsan-coexist.c:[[#@LINE-19]]:{{[0-9]+}} in stash
// CHECK: main returns
// CHECK: ERROR: LeakSanitizer: detected memory leaks
// CHECK: Direct leak of 48 byte(s) in 1 object(s) allocated from:
// CHECK: in leak {{.*}}lsan-coexist.c:[[#@LINE-21]]
