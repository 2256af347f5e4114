// RUN: %clang_ffipin -O0 %s -o %t
// RUN: %env_ffipin_opts=report_format=json not %run %t 2> %t.out
// RUN: FileCheck %s < %t.out
// RUN: not grep -e "==ERROR" -e "SUMMARY:" %t.out
// RUN: %python %S/Inputs/check_json_report.py %t.out | FileCheck %s --check-prefix=JSON
// REQUIRES: python3

// Intent: report_format=json prints each report as one JSON object on one
// line (and no text report), with the slot, value, range, description,
// location, stacks of symbolized frames and summary.

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
  return 0;
}

// CHECK: slot=[[SLOT:0x[0-9a-f]+]] obj=[[OBJ:0x[0-9a-f]+]]
// CHECK-NEXT: {{^}}{"sanitizer":"FFIPinSanitizer","type":"pin-outlived","pid":{{[0-9]+}},"address":"[[SLOT]]","slot":"[[SLOT]]","value":"[[OBJ]]","range":{"begin":"[[OBJ]]","size":32},{{.*}}}{{$}}

// JSON: type=pin-outlived pid={{[0-9]+}}
// JSON-NEXT: slot=[[SLOT:0x[0-9a-f]+]] value=[[OBJ:0x[0-9a-f]+]]
// JSON-NEXT: range=[[OBJ]]+32
// JSON-NEXT: description=slot [[SLOT]] still holds a pointer into {{\[}}[[OBJ]],0x{{[0-9a-f]+}}) (32 bytes) after its pin ended
// JSON-NEXT: location=[[SLOT]] is located 0 bytes inside of global variable 'g_slot'
// JSON-NEXT: stack what=STORE of foreign pointer thread=0 frame0=stash {{.*}}option-report-format-json.c:[[@LINE-20]]:{{[0-9]+$}}
// JSON-NEXT: stack what=pinned thread=0 frame0=main {{.*}}option-report-format-json.c:[[@LINE-15]]:{{[0-9]+$}}
// JSON-NEXT: stack what=unpinned thread=0 frame0=main {{.*}}option-report-format-json.c:[[@LINE-14]]:{{[0-9]+$}}
// JSON-NEXT: summary={{.*}}option-report-format-json.c:[[@LINE-23]]:{{[0-9]+}} in stash
// JSON-NEXT: schema ok
