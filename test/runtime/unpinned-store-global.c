// RUN: %clang_ffipin -O0 %s -o %t.O0 && not %run %t.O0 2>&1 | FileCheck %s
// RUN: %clang_ffipin -O2 %s -o %t.O2 && not %run %t.O2 2>&1 | FileCheck %s

// Intent: outside every call scope, storing a pointer into the registered
// heap that no pin covers is reported at the store itself.

#include "Inputs/foreign_heap.h"

void *g_cache;

__attribute__((noinline)) void cache_object(void *obj) {
  g_cache = obj;
}

int main(void) {
  char *obj = heap_obj(new_heap(), 5);
  fprintf(stderr, "slot=%p obj=%p\n", (void *)&g_cache, (void *)obj);
  cache_object(obj);
  fprintf(stderr, "not reached\n");
  return 0;
}

// CHECK: slot=[[SLOT:0x[0-9a-f]+]] obj=[[OBJ:0x[0-9a-f]+]]
// CHECK-NEXT: =================================================================
// CHECK-NEXT: {{^}}==[[PID:[0-9]+]]==ERROR: FFIPinSanitizer: unpinned-store on address [[SLOT]] (holds [[OBJ]]){{$}}
// CHECK-NEXT: {{^}}slot [[SLOT]] was given [[OBJ]] (in heap 'test') outside any call scope, and no pin covers it{{$}}
// CHECK-NEXT: STORE of foreign pointer by thread T0:
// CHECK-NEXT: {{^    #0 0x[0-9a-f]+ in cache_object .*unpinned-store-global.c:}}[[@LINE-16]]:{{[0-9]+$}}
// CHECK-NEXT: {{^    #1 0x[0-9a-f]+ in main .*unpinned-store-global.c:}}[[@LINE-11]]:{{[0-9]+$}}
// CHECK-NOT: by thread
// CHECK: {{^}}[[SLOT]] is located 0 bytes inside of global variable 'g_cache'
// CHECK-NEXT: SUMMARY: FFIPinSanitizer: unpinned-store {{.*}}unpinned-store-global.c:[[@LINE-20]]:{{[0-9]+}} in cache_object{{$}}
// CHECK-NEXT: {{^}}==[[PID]]==ABORTING
