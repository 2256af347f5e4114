// RUN: %clang_ffipin -O0 %s -o %t.O0 && not %run %t.O0 2>&1 | FileCheck %s
// RUN: %clang_ffipin -O2 %s -o %t.O2 && not %run %t.O2 2>&1 | FileCheck %s

// Intent: bytes copied out of foreign memory into C memory carry the foreign
// pointers inside them (a Go struct copied into a C struct during a call):
// the copied pointer is held, stored at the memcpy, and escapes the scope.

#include <string.h>
#include "Inputs/foreign_heap.h"

struct msg {
  long id;
  void *payload;
};
struct msg *g_saved;

__attribute__((noinline)) void save_msg(const struct msg *m) {
  g_saved = malloc(sizeof *g_saved);
  memcpy(g_saved, m, sizeof *g_saved);
}

int main(void) {
  char *heap = new_heap();
  struct msg *m = (struct msg *)heap_obj(heap, 1); /* lives in the heap */
  m->id = 7;
  m->payload = heap_obj(heap, 2);
  __ffipin_call_begin();
  save_msg(m);
  __ffipin_call_end();
  fprintf(stderr, "not reached\n");
  return 0;
}

// CHECK: ERROR: FFIPinSanitizer: borrow-escaped on address {{0x[0-9a-f]+}} (holds {{0x[0-9a-f]+}})
// CHECK: STORE of foreign pointer by thread T0:
// CHECK-NEXT: {{^    #0 0x[0-9a-f]+ in save_msg .*borrow-escaped-memcpy-from-heap.c:}}[[#@LINE-17]]:{{[0-9]+$}}
// CHECK: SUMMARY: FFIPinSanitizer: borrow-escaped {{.*}}borrow-escaped-memcpy-from-heap.c:[[#@LINE-18]]:{{[0-9]+}} in save_msg
