// RUN: %clang_ffipin -O0 %s -o %t.O0 && not %run %t.O0 2>&1 | FileCheck %s
// RUN: %clang_ffipin -O2 %s -o %t.O2 && not %run %t.O2 2>&1 | FileCheck %s

// Intent: realloc that moves a block moves its held slots with the bytes:
// the unpin reports the slot at its new address (and not the old one).

#include <stdint.h>
#include "Inputs/foreign_heap.h"

struct vec {
  size_t n;
  void *items[3];
};
struct vec *g_vec;

__attribute__((noinline)) void vec_set(struct vec *v, int i, void *p) {
  v->items[i] = p;
}

int main(void) {
  char *obj = heap_obj(new_heap(), 1);
  struct vec *v = malloc(sizeof *v);
  g_vec = v;
  __ffipin_pin(obj, OBJ_SIZE);
  vec_set(v, 1, obj);
  uintptr_t old_block = (uintptr_t)v, old_slot = (uintptr_t)&v->items[1];
  /* Far past the mmap threshold: glibc must move the block. */
  struct vec *nv = realloc(v, 1 << 22);
  g_vec = nv;
  fprintf(stderr, "old=0x%lx new=%p moved=%d held=%zu\n", (unsigned long)old_slot,
          (void *)&nv->items[1], (uintptr_t)nv != old_block,
          __ffipin_held_count(obj, OBJ_SIZE));
  __ffipin_unpin(obj);
  return 0;
}

// CHECK: old=[[OLD:0x[0-9a-f]+]] new=[[NEW:0x[0-9a-f]+]] moved=1 held=1
// CHECK-NEXT: =================================================================
// CHECK-NEXT: ERROR: FFIPinSanitizer: pin-outlived on address [[NEW]] (holds
// CHECK-NEXT: slot [[NEW]] still holds
// CHECK-NEXT: STORE of foreign pointer by thread T0:
// CHECK-NEXT: {{^    #0 0x[0-9a-f]+ in vec_set .*realloc-moves-slot.c:}}[[@LINE-25]]:{{[0-9]+$}}
// CHECK-NOT: [[OLD]]
// CHECK: SUMMARY: FFIPinSanitizer: pin-outlived
