// RUN: %clang_ffipin -O0 %s -o %t && %env_ffipin_opts=halt_on_error=0 %run %t 2>&1 | FileCheck %s

// Intent: no runtime hook calls malloc, calloc, realloc or free (a hook may
// run inside an allocator or a signal handler): this program's own
// allocator aborts if it is entered while a hook is running, across every
// entry point, including one that prints a report.

#include <malloc.h>
#include <string.h>
#include <unistd.h>

#include "Inputs/foreign_heap.h"

extern void *__libc_malloc(size_t), *__libc_calloc(size_t, size_t);
extern void *__libc_realloc(void *, size_t);
extern void __libc_free(void *);

static volatile int in_hook;

static void trap(const char *what) {
  if (!in_hook) return;
  write(2, "allocator entered from a hook: ", 31);
  write(2, what, strlen(what));
  write(2, "\n", 1);
  abort();
}
void *malloc(size_t n) { trap("malloc"); return __libc_malloc(n); }
void *calloc(size_t n, size_t m) { trap("calloc"); return __libc_calloc(n, m); }
void *realloc(void *p, size_t n) { trap("realloc"); return __libc_realloc(p, n); }
void free(void *p) { trap("free"); __libc_free(p); }

void *g_slot;
__attribute__((noinline)) void stash(void *p) { g_slot = p; }

int main(void) {
  char *heap = new_heap();
  char *a = heap_obj(heap, 1), *b = heap_obj(heap, 2);
  in_hook = 1;
  __ffipin_pin(a, OBJ_SIZE);
  stash(a);
  __ffipin_unpin(a); /* pin-outlived: symbolizes and prints */
  __ffipin_call_begin();
  __ffipin_borrow(b, OBJ_SIZE);
  stash(b);
  __ffipin_call_end(); /* borrow-escaped */
  __ffipin_object_moved(b, a, OBJ_SIZE);
  __ffipin_object_freed(b, OBJ_SIZE);
  __ffipin_unpin(b); /* bad-unpin */
  (void)__ffipin_held_count(b, OBJ_SIZE);
  (void)__ffipin_is_foreign(b);
  in_hook = 0;
  fprintf(stderr, "done\n");
  return 0;
}

// CHECK: ERROR: FFIPinSanitizer: pin-outlived
// CHECK: ERROR: FFIPinSanitizer: borrow-escaped
// CHECK: ERROR: FFIPinSanitizer: moved-while-held
// CHECK: ERROR: FFIPinSanitizer: collected-while-held
// CHECK: ERROR: FFIPinSanitizer: bad-unpin
// CHECK-NOT: allocator entered
// CHECK: {{^done$}}
