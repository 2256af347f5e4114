// RUN: %clang_ffipin -O0 %s -o %t.O0 && %run %t.O0 2>&1 | FileCheck %s
// RUN: %clang_ffipin -O2 %s -o %t.O2 && %run %t.O2 2>&1 | FileCheck %s

// Intent: C copying the *contents* of a lent object (bytes, lengths, a
// character) into its own memory keeps no pointer: nothing is held and the
// unpin reports nothing.

#include <string.h>
#include "Inputs/foreign_heap.h"

struct summary {
  char text[32];
  size_t len;
  char first;
};
struct summary *g_summary;

__attribute__((noinline)) void summarise(struct summary *s, const char *data) {
  memcpy(s->text, data, 32);
  s->len = strlen(data);
  s->first = data[0];
}

int main(void) {
  char *obj = heap_obj(new_heap(), 1);
  strcpy(obj, "payload of the managed object");
  g_summary = malloc(sizeof *g_summary);
  fprintf(stderr, "start\n");
  __ffipin_pin(obj, OBJ_SIZE);
  summarise(g_summary, obj);
  fprintf(stderr, "held=%zu\n", __ffipin_held_count(obj, OBJ_SIZE));
  __ffipin_unpin(obj);
  fprintf(stderr, "done: %zu %c\n", g_summary->len, g_summary->first);
  return 0;
}

// CHECK: {{^start$}}
// CHECK-NEXT: held=0
// CHECK-NOT: FFIPinSanitizer
// CHECK: done: 29 p
