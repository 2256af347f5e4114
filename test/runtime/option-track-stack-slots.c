// RUN: %clang_ffipin -O0 %s -o %t.O0
// RUN: %env_ffipin_opts=track_stack_slots=1 not %run %t.O0 2>&1 | FileCheck %s
// RUN: %clang_ffipin -O2 %s -o %t.O2
// RUN: %env_ffipin_opts=track_stack_slots=1 not %run %t.O2 2>&1 | FileCheck %s

// Intent: with track_stack_slots=1 a local of the storing thread that still
// holds the pointer at the unpin is reported like any other slot.

#include "Inputs/foreign_heap.h"

__attribute__((noinline)) void out_param(void **out, void *p) {
  *out = p;
}

int main(void) {
  char *obj = heap_obj(new_heap(), 1);
  void *local = NULL;
  fprintf(stderr, "slot=%p\n", (void *)&local);
  __ffipin_pin(obj, OBJ_SIZE);
  out_param(&local, obj);
  __ffipin_unpin(obj);
  fprintf(stderr, "local still set: %d\n", local == obj);
  return 0;
}

// CHECK: slot=[[SLOT:0x[0-9a-f]+]]
// CHECK: ERROR: FFIPinSanitizer: pin-outlived on address [[SLOT]] (holds
// CHECK: SUMMARY: FFIPinSanitizer: pin-outlived {{.*}}option-track-stack-slots.c:[[@LINE-16]]:{{[0-9]+}} in out_param{{$}}
