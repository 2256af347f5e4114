// RUN: %clang_ffipin -O0 %s -o %t.O0 && not %run %t.O0 2>&1 | FileCheck %s
// RUN: %clang_ffipin -O2 %s -o %t.O2 && not %run %t.O2 2>&1 | FileCheck %s

// Intent: a pin covers any memory, not only a registered heap: a lent
// buffer (malloc'd, as a Python bytes object's storage) kept in a global
// after its pin ended is pin-outlived.

#include <sanitizer/ffipin_interface.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *g_saved_name;

__attribute__((noinline)) void remember_name(const char *name) {
  g_saved_name = name;
}

int main(void) {
  char *buf = malloc(64); /* the interpreter's object storage */
  strcpy(buf, "hello");
  fprintf(stderr, "slot=%p buf=%p\n", (void *)&g_saved_name, (void *)buf);
  __ffipin_pin(buf, 64); /* PyObject_GetBuffer */
  remember_name(buf);
  __ffipin_unpin(buf); /* PyBuffer_Release */
  fprintf(stderr, "not reached\n");
  return 0;
}

// CHECK: slot=[[SLOT:0x[0-9a-f]+]] buf=0x[[#%x,BUF:]]
// CHECK: ERROR: FFIPinSanitizer: pin-outlived on address [[SLOT]] (holds 0x[[#%x,BUF]]){{$}}
// CHECK-NEXT: {{^}}slot [[SLOT]] still holds a pointer into {{\[}}0x[[#%x,BUF]],0x[[#%x,BUF+64]]) (64 bytes) after its pin ended{{$}}
// CHECK-NEXT: STORE of foreign pointer by thread T0:
// CHECK-NEXT: {{^    #0 0x[0-9a-f]+ in remember_name .*pin-outlived-lent-buffer.c:}}[[@LINE-18]]:{{[0-9]+$}}
// CHECK: SUMMARY: FFIPinSanitizer: pin-outlived {{.*}}pin-outlived-lent-buffer.c:[[@LINE-19]]:{{[0-9]+}} in remember_name{{$}}
