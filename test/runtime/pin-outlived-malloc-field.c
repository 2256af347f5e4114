// RUN: %clang_ffipin -O0 %s -o %t.O0 && not %run %t.O0 2>&1 | FileCheck %s
// RUN: %clang_ffipin -O2 %s -o %t.O2 && not %run %t.O2 2>&1 | FileCheck %s

// Intent: an interior pointer (obj+8) stored into a field of a malloc'd
// struct is reported at the unpin; the slot is described as 8 bytes inside
// a 40-byte heap region.

#include "Inputs/foreign_heap.h"

struct ctx {
  long id;
  void *data;
  long len[3]; /* 40 bytes: exactly what glibc's malloc hands out */
};
struct ctx *g_ctx;

__attribute__((noinline)) void init_ctx(struct ctx *c, char *buf) {
  c->data = buf + 8;
}

int main(void) {
  char *obj = heap_obj(new_heap(), 2);
  struct ctx *c = malloc(sizeof *c);
  g_ctx = c;
  fprintf(stderr, "slot=%p obj=%p\n", (void *)&c->data, (void *)obj);
  __ffipin_pin(obj, OBJ_SIZE);
  init_ctx(c, obj);
  __ffipin_unpin(obj);
  fprintf(stderr, "not reached\n");
  return 0;
}

// CHECK: slot=0x[[#%x,SLOT:]] obj=0x[[#%x,OBJ:]]
// CHECK: ERROR: FFIPinSanitizer: pin-outlived on address 0x[[#%x,SLOT]] (holds 0x[[#%x,OBJ+8]]){{$}}
// CHECK-NEXT: {{^}}slot 0x[[#%x,SLOT]] still holds a pointer into {{\[}}0x[[#%x,OBJ]],0x[[#%x,OBJ+32]]) (32 bytes) after its pin ended{{$}}
// CHECK-NEXT: STORE of foreign pointer by thread T0:
// CHECK-NEXT: {{^    #0 0x[0-9a-f]+ in init_ctx .*pin-outlived-malloc-field.c:}}[[@LINE-19]]:{{[0-9]+$}}
// CHECK: unpinned by thread T0 here:
// CHECK-NEXT: {{^    #0 0x[0-9a-f]+ in main .*pin-outlived-malloc-field.c:}}[[@LINE-11]]:{{[0-9]+$}}
// CHECK: {{^}}0x[[#%x,SLOT]] is located 8 bytes inside of a 40-byte heap region {{\[}}0x[[#%x,SLOT-8]],0x[[#%x,SLOT+32]])
// CHECK-NEXT: SUMMARY: FFIPinSanitizer: pin-outlived {{.*}}pin-outlived-malloc-field.c:[[@LINE-23]]:{{[0-9]+}} in init_ctx{{$}}
// CHECK-NEXT: {{^==[0-9]+==ABORTING$}}
