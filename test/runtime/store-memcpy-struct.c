// RUN: %clang_ffipin -O0 %s -o %t.O0 && not %run %t.O0 2>&1 | FileCheck %s
// RUN: %clang_ffipin -O2 %s -o %t.O2 && not %run %t.O2 2>&1 | FileCheck %s

// Intent: memcpy of a struct containing a held pointer makes the copy's slot
// held too (two slots, then one after the source is cleared); the unpin
// reports the memcpy destination, stored at the memcpy.

#include <string.h>
#include "Inputs/foreign_heap.h"

struct req {
  int kind;
  void *body;
  size_t size;
};
struct req *g_queue[2];

__attribute__((noinline)) struct req *clone_req(const struct req *r) {
  struct req *c = malloc(sizeof *c);
  memcpy(c, r, sizeof *c);
  return c;
}

int main(void) {
  char *obj = heap_obj(new_heap(), 1);
  __ffipin_pin(obj, OBJ_SIZE);
  struct req *r = malloc(sizeof *r);
  g_queue[0] = r;
  r->kind = 3;
  r->body = obj + 16;
  r->size = 16;
  struct req *copy = clone_req(r);
  g_queue[1] = copy;
  fprintf(stderr, "slot=%p obj=%p held=%zu\n", (void *)&copy->body, (void *)obj,
          __ffipin_held_count(obj, OBJ_SIZE));
  r->body = NULL;
  fprintf(stderr, "held=%zu\n", __ffipin_held_count(obj, OBJ_SIZE));
  __ffipin_unpin(obj);
  return 0;
}

// CHECK: slot=[[SLOT:0x[0-9a-f]+]] obj=0x[[#%x,OBJ:]] held=2
// CHECK-NEXT: held=1
// CHECK-NEXT: =================================================================
// CHECK-NEXT: ERROR: FFIPinSanitizer: pin-outlived on address [[SLOT]] (holds 0x[[#%x,OBJ+16]]){{$}}
// CHECK-NEXT: slot [[SLOT]] still holds
// CHECK-NEXT: STORE of foreign pointer by thread T0:
// CHECK-NEXT: {{^    #0 0x[0-9a-f]+ in clone_req .*store-memcpy-struct.c:}}[[@LINE-28]]:{{[0-9]+$}}
// CHECK: SUMMARY: FFIPinSanitizer: pin-outlived {{.*}}store-memcpy-struct.c:[[@LINE-29]]:{{[0-9]+}} in clone_req{{$}}
