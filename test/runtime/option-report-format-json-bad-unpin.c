// RUN: %clang_ffipin -O0 %s -o %t
// RUN: %env_ffipin_opts=report_format=json not %run %t 2> %t.out
// RUN: %python %S/Inputs/print_json_frames.py %t.out | FileCheck %s
// REQUIRES: python3

// Intent: a JSON bad-unpin report has the unpinned address where the text
// report has it ("address", the header's "on address"), with no slot and no
// made-up range.

#include "Inputs/foreign_heap.h"

int main(void) {
  char *obj = heap_obj(new_heap(), 4);
  fprintf(stderr, "obj=%p\n", (void *)obj);
  __ffipin_unpin(obj);
  return 0;
}

// CHECK: report type=bad-unpin address=[[OBJ:0x[0-9a-f]+]] slot=None range=None
// CHECK-NEXT: stack unpinned thread=0
// CHECK-NEXT: {{^  pc=0x[0-9a-f]+ function=main file=.*option-report-format-json-bad-unpin.c line=}}[[@LINE-6]]
