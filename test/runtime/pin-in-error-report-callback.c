// RUN: %clang_ffipin -O0 %s -o %t && %env_ffipin_opts=halt_on_error=0 %run %t 2>&1 | FileCheck %s

// Intent: a pin made inside the error-report callback (the runtime is busy
// printing) takes effect: its unpin after the report is no bad-unpin.

#include <stdint.h>
#include "Inputs/foreign_heap.h"

void *g_slot;
static uintptr_t g_hidden; /* the object to pin, hidden from the runtime */
#define HIDDEN ((void *)(g_hidden ^ ~(uintptr_t)0))

static void on_report(const char *report) {
  fprintf(stderr, "callback pins\n");
  __ffipin_pin(HIDDEN, OBJ_SIZE);
}

int main(void) {
  char *heap = new_heap();
  char *a = heap_obj(heap, 1);
  g_hidden = (uintptr_t)heap_obj(heap, 2) ^ ~(uintptr_t)0;
  __ffipin_set_error_report_callback(on_report);
  __ffipin_pin(a, OBJ_SIZE);
  g_slot = a;
  __ffipin_unpin(a); /* pin-outlived: the callback runs */
  g_slot = NULL;
  fprintf(stderr, "unpinning what the callback pinned\n");
  __ffipin_unpin(HIDDEN);
  fprintf(stderr, "done\n");
  return 0;
}

// CHECK: ERROR: FFIPinSanitizer: pin-outlived
// CHECK: callback pins
// CHECK-NEXT: unpinning what the callback pinned
// CHECK-NEXT: {{^done$}}
