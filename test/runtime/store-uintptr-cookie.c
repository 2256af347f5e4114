// RUN: %clang_ffipin -O0 %s -o %t.O0 && not %run %t.O0 2>&1 | FileCheck %s
// RUN: %clang_ffipin -O2 %s -o %t.O2 && not %run %t.O2 2>&1 | FileCheck %s

// Intent: a pointer kept as an integer cookie (`(uintptr_t)p` stored in a
// global, ptrtoint then an integer store) is a held pointer all the same.

#include <stdint.h>
#include "Inputs/foreign_heap.h"

uintptr_t g_cookie;

__attribute__((noinline)) void set_cookie(void *p) {
  g_cookie = (uintptr_t)p;
}

int main(void) {
  char *obj = heap_obj(new_heap(), 1);
  fprintf(stderr, "slot=%p obj=%p\n", (void *)&g_cookie, (void *)obj);
  __ffipin_pin(obj, OBJ_SIZE);
  set_cookie(obj);
  __ffipin_unpin(obj);
  return 0;
}

// CHECK: slot=[[SLOT:0x[0-9a-f]+]] obj=[[OBJ:0x[0-9a-f]+]]
// CHECK: ERROR: FFIPinSanitizer: pin-outlived on address [[SLOT]] (holds [[OBJ]]){{$}}
// CHECK: SUMMARY: FFIPinSanitizer: pin-outlived {{.*}}store-uintptr-cookie.c:[[@LINE-14]]:{{[0-9]+}} in set_cookie{{$}}
