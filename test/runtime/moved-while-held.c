// RUN: %clang_ffipin -O0 %s -o %t.O0 && not %run %t.O0 2>&1 | FileCheck %s
// RUN: %clang_ffipin -O2 %s -o %t.O2 && not %run %t.O2 2>&1 | FileCheck %s

// Intent: a moving collector moves an object while a C slot still points
// into its old place: moved-while-held names the new address.

#include "Inputs/foreign_heap.h"

void *g_slot;

__attribute__((noinline)) void stash(void *p) {
  g_slot = p;
}

int main(void) {
  char *heap = new_heap();
  char *obj = heap_obj(heap, 1), *to = heap_obj(heap, 9);
  fprintf(stderr, "slot=%p obj=%p to=%p\n", (void *)&g_slot, (void *)obj, (void *)to);
  __ffipin_call_begin();
  stash(obj + 4);
  __ffipin_object_moved(obj, to, OBJ_SIZE);
  fprintf(stderr, "not reached\n");
  return 0;
}

// CHECK: slot=[[SLOT:0x[0-9a-f]+]] obj=0x[[#%x,OBJ:]] to=[[TO:0x[0-9a-f]+]]
// CHECK: ERROR: FFIPinSanitizer: moved-while-held on address [[SLOT]] (holds 0x[[#%x,OBJ+4]]){{$}}
// CHECK-NEXT: {{^}}slot [[SLOT]] still holds a pointer into {{\[}}0x[[#%x,OBJ]],0x[[#%x,OBJ+32]]) (32 bytes) after the object moved to [[TO]]{{$}}
// CHECK-NEXT: STORE of foreign pointer by thread T0:
// CHECK-NEXT: {{^    #0 0x[0-9a-f]+ in stash .*moved-while-held.c:}}[[@LINE-18]]:{{[0-9]+$}}
// CHECK: moved by thread T0 here:
// CHECK-NEXT: {{^    #0 0x[0-9a-f]+ in main .*moved-while-held.c:}}[[@LINE-11]]:{{[0-9]+$}}
// CHECK: SUMMARY: FFIPinSanitizer: moved-while-held {{.*}}moved-while-held.c:[[@LINE-21]]:{{[0-9]+}} in stash{{$}}
