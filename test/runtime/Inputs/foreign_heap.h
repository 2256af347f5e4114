/* The managed runtime the runtime tests simulate: one mmap'd region (not C
 * memory) registered as the foreign heap "test", handed out as 32-byte
 * objects. The heap's base is returned, never kept in a global: a global
 * holding a heap pointer would itself be a held slot. */
#ifndef FFIPIN_TEST_FOREIGN_HEAP_H
#define FFIPIN_TEST_FOREIGN_HEAP_H

#include <sanitizer/ffipin_interface.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>

#define OBJ_SIZE 32
#define HEAP_SIZE (1 << 16)

static inline char *new_heap(void) {
  char *h = mmap(NULL, HEAP_SIZE, PROT_READ | PROT_WRITE,
                 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (h == MAP_FAILED) {
    perror("mmap");
    exit(2);
  }
  __ffipin_heap_register(h, HEAP_SIZE, "test");
  return h;
}

/* The i-th 32-byte object of the heap. */
static inline char *heap_obj(char *heap, int i) { return heap + OBJ_SIZE * i; }

#endif
