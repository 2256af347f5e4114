// RUN: %clang_ffipin -O0 %s -o %t.O0 && not %run %t.O0 2>&1 | FileCheck %s
// RUN: %clang_ffipin -O2 %s -o %t.O2 && not %run %t.O2 2>&1 | FileCheck %s

// Intent: the collector frees an object while a C slot still points into
// it: collected-while-held, with the store and the "collected" stacks.

#include "Inputs/foreign_heap.h"

struct node {
  void *payload;
  struct node *next;
};
struct node *g_list;

__attribute__((noinline)) void push(void *payload) {
  struct node *n = malloc(sizeof *n);
  n->payload = payload;
  n->next = g_list;
  g_list = n;
}

int main(void) {
  char *obj = heap_obj(new_heap(), 7);
  __ffipin_pin(obj, OBJ_SIZE);
  push(obj);
  fprintf(stderr, "slot=%p obj=%p\n", (void *)&g_list->payload, (void *)obj);
  __ffipin_object_freed(obj, OBJ_SIZE);
  fprintf(stderr, "not reached\n");
  return 0;
}

// CHECK: slot=[[SLOT:0x[0-9a-f]+]] obj=0x[[#%x,OBJ:]]
// CHECK: ERROR: FFIPinSanitizer: collected-while-held on address [[SLOT]] (holds 0x[[#%x,OBJ]]){{$}}
// CHECK-NEXT: {{^}}slot [[SLOT]] still holds a pointer into {{\[}}0x[[#%x,OBJ]],0x[[#%x,OBJ+32]]) (32 bytes) after the object was collected{{$}}
// CHECK-NEXT: STORE of foreign pointer by thread T0:
// CHECK-NEXT: {{^    #0 0x[0-9a-f]+ in push .*collected-while-held.c:}}[[@LINE-19]]:{{[0-9]+$}}
// CHECK: collected by thread T0 here:
// CHECK-NEXT: {{^    #0 0x[0-9a-f]+ in main .*collected-while-held.c:}}[[@LINE-11]]:{{[0-9]+$}}
// CHECK: SUMMARY: FFIPinSanitizer: collected-while-held {{.*}}collected-while-held.c:[[@LINE-22]]:{{[0-9]+}} in push{{$}}
