// RUN: %clang_ffipin -O0 %s -o %t.O0 && not %run %t.O0 2>&1 | FileCheck %s
// RUN: %clang_ffipin -O2 %s -o %t.O2 && not %run %t.O2 2>&1 | FileCheck %s

// Intent: a pointer chosen between a global buffer and a foreign object (a
// select at -O2) is still checked: only a choice among objects that all
// cannot be foreign skips the check.

#include "Inputs/foreign_heap.h"

static char g_buf[16];
void **g_slot;

__attribute__((noinline)) void keep_one(void **slot, char *obj, int which) {
  *slot = which ? obj : g_buf;
}

int main(int argc, char **argv) {
  (void)argv;
  char *obj = heap_obj(new_heap(), 1);
  g_slot = malloc(sizeof *g_slot);
  __ffipin_pin(obj, OBJ_SIZE);
  keep_one(g_slot, obj, argc);
  __ffipin_unpin(obj);
  fprintf(stderr, "not reached: %p\n", *g_slot);
  return 0;
}

// CHECK: ERROR: FFIPinSanitizer: pin-outlived
// CHECK: STORE of foreign pointer by thread T0:
// CHECK-NEXT: {{^    #0 0x[0-9a-f]+ in keep_one .*pin-outlived-select.c:}}[[@LINE-16]]:{{[0-9]+$}}
