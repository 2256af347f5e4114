// RUN: %clang_ffipin -O0 %s -o %t.O0 && not %run %t.O0 2>&1 | FileCheck %s
// RUN: %clang_ffipin -O2 %s -o %t.O2 && not %run %t.O2 2>&1 | FileCheck %s

// Intent: the cgo rule: inside a call scope C keeps a heap pointer in a
// global; when the scope ends with no pin covering it, borrow-escaped is
// reported with the store, scope-end and scope-begin stacks.

#include "Inputs/foreign_heap.h"

void *g_handler_ctx;

__attribute__((noinline)) void register_handler(void *ctx) {
  g_handler_ctx = ctx;
}

int main(void) {
  char *obj = heap_obj(new_heap(), 3);
  fprintf(stderr, "slot=%p obj=%p\n", (void *)&g_handler_ctx, (void *)obj);
  __ffipin_call_begin();
  register_handler(obj);
  fprintf(stderr, "stored\n");
  __ffipin_call_end();
  fprintf(stderr, "not reached\n");
  return 0;
}

// CHECK: slot=[[SLOT:0x[0-9a-f]+]] obj=[[OBJ:0x[0-9a-f]+]]
// CHECK-NEXT: {{^stored$}}
// CHECK-NEXT: =================================================================
// CHECK-NEXT: {{^}}==[[PID:[0-9]+]]==ERROR: FFIPinSanitizer: borrow-escaped on address [[SLOT]] (holds [[OBJ]]){{$}}
// CHECK-NEXT: {{^}}slot [[SLOT]], written during a call scope, still holds {{.*}}after the scope ended, and no pin covers it{{$}}
// CHECK-NEXT: STORE of foreign pointer by thread T0:
// CHECK-NEXT: {{^    #0 0x[0-9a-f]+ in register_handler .*borrow-escaped-heap.c:}}[[@LINE-20]]:{{[0-9]+$}}
// CHECK: call scope ended by thread T0 here:
// CHECK-NEXT: {{^    #0 0x[0-9a-f]+ in main .*borrow-escaped-heap.c:}}[[@LINE-13]]:{{[0-9]+$}}
// CHECK: call scope began by thread T0 here:
// CHECK-NEXT: {{^    #0 0x[0-9a-f]+ in main .*borrow-escaped-heap.c:}}[[@LINE-18]]:{{[0-9]+$}}
// CHECK: {{^}}[[SLOT]] is located 0 bytes inside of global variable 'g_handler_ctx'
// CHECK-NEXT: SUMMARY: FFIPinSanitizer: borrow-escaped {{.*}}borrow-escaped-heap.c:[[@LINE-26]]:{{[0-9]+}} in register_handler{{$}}
// CHECK-NEXT: {{^}}==[[PID]]==ABORTING
