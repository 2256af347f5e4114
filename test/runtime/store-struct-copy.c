// RUN: %clang_ffipin -O0 %s -o %t.O0 && not %run %t.O0 2>&1 | FileCheck %s
// RUN: %clang_ffipin -O2 %s -o %t.O2 && not %run %t.O2 2>&1 | FileCheck %s

// Intent: a struct assignment `*dst = *src` copies the foreign pointer with
// it: after the source is cleared, the unpin reports the copy's slot, stored
// at the assignment.

#include "Inputs/foreign_heap.h"

struct msg {
  long id;
  void *data;
  long len;
};
struct msg g_last;
struct msg *g_keep;

__attribute__((noinline)) void save_msg(struct msg *dst, const struct msg *src) {
  *dst = *src;
}

int main(void) {
  char *obj = heap_obj(new_heap(), 1);
  struct msg *m = malloc(sizeof *m);
  g_keep = m;
  fprintf(stderr, "slot=%p obj=%p\n", (void *)&g_last.data, (void *)obj);
  __ffipin_pin(obj, OBJ_SIZE);
  m->id = 1;
  m->data = obj;
  m->len = OBJ_SIZE;
  save_msg(&g_last, m);
  m->data = NULL;
  __ffipin_unpin(obj);
  return 0;
}

// CHECK: slot=[[SLOT:0x[0-9a-f]+]] obj=[[OBJ:0x[0-9a-f]+]]
// CHECK: ERROR: FFIPinSanitizer: pin-outlived on address [[SLOT]] (holds [[OBJ]]){{$}}
// CHECK-NEXT: slot [[SLOT]] still holds
// CHECK-NEXT: STORE of foreign pointer by thread T0:
// CHECK-NEXT: {{^    #0 0x[0-9a-f]+ in save_msg .*store-struct-copy.c:}}[[@LINE-22]]:{{[0-9]+$}}
// CHECK: SUMMARY: FFIPinSanitizer: pin-outlived {{.*}}store-struct-copy.c:[[@LINE-23]]:{{[0-9]+}} in save_msg{{$}}
