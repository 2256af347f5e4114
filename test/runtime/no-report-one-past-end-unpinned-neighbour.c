// RUN: %clang_ffipin -O0 %s -o %t.O0 && %run %t.O0 2>&1 | FileCheck %s
// RUN: %clang_ffipin -O2 %s -o %t.O2 && %run %t.O2 2>&1 | FileCheck %s

// Intent: C keeps a pinned buffer as [begin, end) with end one past its last
// byte (the usual C idiom); end lies in the next, unpinned object of the
// heap, and is still no unpinned-store while the buffer is pinned.

#include "Inputs/foreign_heap.h"
#include "Inputs/span.h"

int main(void) {
  char *buf = heap_obj(new_heap(), 1);
  __ffipin_pin(buf, OBJ_SIZE);
  span_set(&g_span, buf, OBJ_SIZE);
  fprintf(stderr, "span of %zu bytes\n", (size_t)(g_span.end - g_span.begin));
  g_span.begin = g_span.end = NULL;
  __ffipin_unpin(buf);
  fprintf(stderr, "done\n");
  return 0;
}

// CHECK-NOT: ERROR: FFIPinSanitizer
// CHECK: span of 32 bytes
// CHECK-NEXT: {{^done$}}
