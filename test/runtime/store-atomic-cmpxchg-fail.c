// RUN: %clang_ffipin -O0 %s -o %t.O0 && %run %t.O0 2>&1 | FileCheck %s
// RUN: %clang_ffipin -O2 %s -o %t.O2 && %run %t.O2 2>&1 | FileCheck %s

// Intent: a failed atomic_compare_exchange_strong stores nothing: the slot
// keeps its C pointer, so the unpin reports nothing.

#include <stdatomic.h>
#include "Inputs/foreign_heap.h"

static int g_default_handler;
_Atomic(void *) g_handler = &g_default_handler;

__attribute__((noinline)) int install_if_unset(void *p) {
  void *expected = NULL;
  return atomic_compare_exchange_strong(&g_handler, &expected, p);
}

int main(void) {
  char *obj = heap_obj(new_heap(), 1);
  __ffipin_pin(obj, OBJ_SIZE);
  fprintf(stderr, "installed=%d\n", install_if_unset(obj));
  __ffipin_unpin(obj);
  fprintf(stderr, "held=%zu\n", __ffipin_held_count(obj, OBJ_SIZE));
  fprintf(stderr, "done\n");
  return 0;
}

// CHECK: installed=0
// CHECK-NOT: FFIPinSanitizer
// CHECK: held=0
// CHECK-NEXT: {{^done$}}
