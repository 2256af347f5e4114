// RUN: %clang_ffipin -O0 %s -o %t.O0 && not %run %t.O0 2>&1 | FileCheck %s
// RUN: %clang_ffipin -O2 %s -o %t.O2 && not %run %t.O2 2>&1 | FileCheck %s

// Intent: a pinned heap object stored into a global is reported as
// pin-outlived at the unpin, with the full report: header, description, the
// store, pin and unpin stacks, the slot's location, SUMMARY and ABORTING.

#include "Inputs/foreign_heap.h"

void *g_slot;

__attribute__((noinline)) void stash(void *p) {
  g_slot = p;
}

int main(void) {
  char *obj = heap_obj(new_heap(), 1);
  fprintf(stderr, "slot=%p obj=%p\n", (void *)&g_slot, (void *)obj);
  __ffipin_pin(obj, OBJ_SIZE);
  stash(obj);
  __ffipin_unpin(obj);
  fprintf(stderr, "not reached\n");
  return 0;
}

// CHECK: slot=[[SLOT:0x[0-9a-f]+]] obj=0x[[#%x,OBJ:]]
// CHECK-NEXT: {{^=================================================================$}}
// CHECK-NEXT: {{^}}==[[PID:[0-9]+]]==ERROR: FFIPinSanitizer: pin-outlived on address [[SLOT]] (holds 0x[[#%x,OBJ]]){{$}}
// CHECK-NEXT: {{^}}slot [[SLOT]] still holds a pointer into {{\[}}0x[[#%x,OBJ]],0x[[#%x,OBJ+32]]) (32 bytes) after its pin ended{{$}}
// CHECK-NEXT: {{^}}STORE of foreign pointer by thread T0:{{$}}
// CHECK-NEXT: {{^    #0 0x[0-9a-f]+ in stash .*pin-outlived-global.c:}}[[@LINE-18]]:{{[0-9]+$}}
// CHECK-NEXT: {{^    #1 0x[0-9a-f]+ in main .*pin-outlived-global.c:}}[[@LINE-12]]:{{[0-9]+$}}
// CHECK: {{^}}pinned by thread T0 here:{{$}}
// CHECK-NEXT: {{^    #0 0x[0-9a-f]+ in main .*pin-outlived-global.c:}}[[@LINE-15]]:{{[0-9]+$}}
// CHECK: {{^}}unpinned by thread T0 here:{{$}}
// CHECK-NEXT: {{^    #0 0x[0-9a-f]+ in main .*pin-outlived-global.c:}}[[@LINE-15]]:{{[0-9]+$}}
// CHECK: {{^}}[[SLOT]] is located 0 bytes inside of global variable 'g_slot'
// CHECK-NEXT: {{^}}SUMMARY: FFIPinSanitizer: pin-outlived {{.*}}pin-outlived-global.c:[[@LINE-25]]:{{[0-9]+}} in stash{{$}}
// CHECK-NEXT: {{^}}==[[PID]]==ABORTING{{$}}
