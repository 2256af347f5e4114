// RUN: %clang_ffipin -O2 %s -o %t && %run %t 2>&1 | FileCheck %s --check-prefix=DATA
// RUN: %clang_ffipin -O2 -DPOINTER %s -o %t.ptr && not %run %t.ptr 2>&1 | FileCheck %s --check-prefix=PTR

// Intent: an 8-byte copy of plain data whose bits happen to fall inside a
// registered heap (seen in SQLite's page copies) is not an unpinned-store;
// the same copy of a real pointer, once pinned and kept past the unpin, is
// still a pin-outlived.

#include <stdint.h>
#include <string.h>

#include "Inputs/foreign_heap.h"

struct word { uint64_t bits; };
struct ref { void *p; };
struct word g_word;
struct ref g_ref;

__attribute__((noinline)) void copy_word(struct word *d, const struct word *s) { *d = *s; }
__attribute__((noinline)) void copy_ref(struct ref *d, const struct ref *s) { *d = *s; }

int main(void) {
  char *obj = heap_obj(new_heap(), 3);
#ifndef POINTER
  struct word w = {(uint64_t)(uintptr_t)obj + 7}; /* data that looks like a pointer */
  copy_word(&g_word, &w);
  fprintf(stderr, "copied %d\n", g_word.bits != 0);
#else
  struct ref r = {obj};
  __ffipin_pin(obj, OBJ_SIZE);
  copy_ref(&g_ref, &r);
  __ffipin_unpin(obj);
#endif
  fprintf(stderr, "done\n");
  return 0;
}

// DATA: copied 1
// DATA-NOT: FFIPinSanitizer
// DATA: {{^done$}}

// PTR: ERROR: FFIPinSanitizer: pin-outlived on address [[SLOT:0x[0-9a-f]+]]
// PTR: SUMMARY: FFIPinSanitizer: pin-outlived {{.*}}no-report-data-copy-looks-like-pointer.c:[[#@LINE-23]]:{{[0-9]+}} in copy_ref
