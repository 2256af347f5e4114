// RUN: %clang_ffipin -O0 %s -o %t.O0 && not %run %t.O0 2>&1 | FileCheck %s
// RUN: %clang_ffipin -O2 %s -o %t.O2 && not %run %t.O2 2>&1 | FileCheck %s

// Intent: a range lent with __ffipin_borrow inside a call scope (a Python
// y* argument; here malloc'd, not a registered heap) that C keeps in a
// malloc'd struct after the scope ends is borrow-escaped.

#include <sanitizer/ffipin_interface.h>
#include <stdio.h>
#include <stdlib.h>

struct parser {
  const char *input;
};
struct parser *g_parser;

__attribute__((noinline)) void parser_feed(struct parser *p, const char *data) {
  p->input = data + 4;
}

int main(void) {
  char *arg = calloc(1, 128);
  struct parser *p = malloc(sizeof *p);
  g_parser = p;
  fprintf(stderr, "slot=%p arg=%p\n", (void *)&p->input, (void *)arg);
  __ffipin_call_begin();
  __ffipin_borrow(arg, 128);
  parser_feed(p, arg);
  __ffipin_call_end();
  fprintf(stderr, "not reached\n");
  return 0;
}

// CHECK: slot=[[SLOT:0x[0-9a-f]+]] arg=0x[[#%x,ARG:]]
// CHECK: ERROR: FFIPinSanitizer: borrow-escaped on address [[SLOT]] (holds 0x[[#%x,ARG+4]]){{$}}
// CHECK-NEXT: {{^}}slot [[SLOT]], written during a call scope, still holds a pointer into {{\[}}0x[[#%x,ARG]],0x[[#%x,ARG+128]]) (128 bytes) after the scope ended, and no pin covers it{{$}}
// CHECK-NEXT: STORE of foreign pointer by thread T0:
// CHECK-NEXT: {{^    #0 0x[0-9a-f]+ in parser_feed .*borrow-escaped-borrowed-range.c:}}[[@LINE-20]]:{{[0-9]+$}}
// CHECK: call scope ended by thread T0 here:
// CHECK-NEXT: {{^    #0 0x[0-9a-f]+ in main .*borrow-escaped-borrowed-range.c:}}[[@LINE-11]]:{{[0-9]+$}}
// CHECK: SUMMARY: FFIPinSanitizer: borrow-escaped {{.*}}borrow-escaped-borrowed-range.c:[[@LINE-23]]:{{[0-9]+}} in parser_feed{{$}}
