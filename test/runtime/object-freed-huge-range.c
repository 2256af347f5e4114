// RUN: %clang_ffipin -O2 %s -o %t && %env_ffipin_opts=halt_on_error=0 timeout 60 %run %t 2>&1 | FileCheck %s

// Intent: object_freed and held_count of ranges as large as the address
// space cost what is held in them, not their size: a range from above the
// held pointer to the top of the address space returns at once with nothing
// to report, and one from page 1 to the top reports the held slot as
// collected.

#include <stdint.h>
#include "Inputs/foreign_heap.h"

void *g_slot;

int main(void) {
  char *obj = heap_obj(new_heap(), 1);
  __ffipin_pin(obj, OBJ_SIZE);
  g_slot = obj;
  char *above = obj + 4096;
  size_t to_top = (size_t)(UINTPTR_MAX - (uintptr_t)above);
  fprintf(stderr, "held above: %zu\n", __ffipin_held_count(above, to_top));
  __ffipin_object_freed(above, to_top);
  fprintf(stderr, "nothing collected above\n");
  fprintf(stderr, "held in everything: %zu\n", __ffipin_held_count((void *)4096, SIZE_MAX - 4096));
  fprintf(stderr, "held from NULL, SIZE_MAX bytes: %zu\n", __ffipin_held_count(NULL, SIZE_MAX));
  __ffipin_object_freed((void *)4096, SIZE_MAX - 4096);
  fprintf(stderr, "done\n");
  g_slot = NULL;
  __ffipin_unpin(obj);
  return 0;
}

// CHECK: held above: 0
// CHECK-NEXT: nothing collected above
// CHECK-NEXT: held in everything: 1
// CHECK-NEXT: held from NULL, SIZE_MAX bytes: 1
// CHECK-NEXT: =================================================================
// CHECK-NEXT: ERROR: FFIPinSanitizer: collected-while-held
// CHECK: {{^done$}}
