// RUN: %clang_ffipin -O0 %s -o %t.O0 && %run %t.O0 2>&1 | FileCheck %s
// RUN: %clang_ffipin -O2 %s -o %t.O2 && %run %t.O2 2>&1 | FileCheck %s

// Intent: a C struct holding a pinned pointer is memcpy'd into managed memory
// (a foreign heap object): the copy is the managed runtime's, not a C slot,
// so clearing the C struct and unpinning reports nothing.

#include <string.h>
#include "Inputs/foreign_heap.h"

struct ref {
  void *p;
  long tag;
};
struct ref g_ref;

__attribute__((noinline)) void copy_out(void *dst, const struct ref *r) {
  memcpy(dst, r, sizeof *r);
}

int main(void) {
  char *heap = new_heap();
  char *obj = heap_obj(heap, 1), *managed = heap_obj(heap, 2);
  __ffipin_pin(obj, OBJ_SIZE);
  g_ref.p = obj;
  g_ref.tag = 7;
  copy_out(managed, &g_ref);
  fprintf(stderr, "copied, held=%zu\n", __ffipin_held_count(obj, OBJ_SIZE));
  g_ref.p = NULL;
  __ffipin_unpin(obj);
  fprintf(stderr, "done\n");
  return 0;
}

// CHECK-NOT: ERROR: FFIPinSanitizer
// CHECK: copied, held=1
// CHECK-NEXT: {{^done$}}
