// RUN: %clang_ffipin -O0 %s -o %t.O0 && not %run %t.O0 2>&1 | FileCheck %s
// RUN: %clang_ffipin -O2 %s -o %t.O2 && not %run %t.O2 2>&1 | FileCheck %s

// Intent: inside a call scope, C stores a borrowed pointer in a heap block
// and then grows the block with a realloc that moves it: the moved slot
// still holds the pointer when the scope ends (borrow-escaped).

#include <stdint.h>
#include "Inputs/foreign_heap.h"

void **g_list;

__attribute__((noinline)) void list_put(void **list, void *p) { list[0] = p; }

int main(void) {
  char *obj = heap_obj(new_heap(), 1);
  __ffipin_call_begin();
  __ffipin_borrow(obj, OBJ_SIZE);
  void **list = malloc(16);
  list_put(list, obj);
  uintptr_t before = (uintptr_t)list;
  g_list = realloc(list, 1 << 22); /* past the mmap threshold: it moves */
  fprintf(stderr, "moved=%d, ending the scope\n", (uintptr_t)g_list != before);
  __ffipin_call_end();
  fprintf(stderr, "not reached\n");
  return 0;
}

// CHECK: moved=1, ending the scope
// CHECK-NEXT: =================================================================
// CHECK-NEXT: ERROR: FFIPinSanitizer: borrow-escaped on address
// CHECK: STORE of foreign pointer by thread T0:
// CHECK-NEXT: {{^    #0 0x[0-9a-f]+ in list_put .*borrow-escaped-realloc-moves.c:}}[[@LINE-20]]:{{[0-9]+$}}
