// RUN: %clang_ffipin -O0 %s -o %t -pthread && %run %t 2>&1 | FileCheck %s

// Intent: a thread given a pinned pointer as its start argument ends with
// pthread_exit, and another one is cancelled: once they are gone their
// argument is no longer held, so the unpin after joining reports nothing.

#include <pthread.h>
#include <unistd.h>
#include "Inputs/foreign_heap.h"

static void *exits(void *arg) {
  pthread_exit(NULL);
}

static void *cancelled(void *arg) {
  for (;;) pause(); /* a cancellation point */
}

int main(void) {
  char *obj = heap_obj(new_heap(), 1);
  __ffipin_pin(obj, OBJ_SIZE);
  pthread_t a, b;
  pthread_create(&a, NULL, exits, obj);
  pthread_create(&b, NULL, cancelled, obj);
  pthread_join(a, NULL);
  pthread_cancel(b);
  pthread_join(b, NULL);
  fprintf(stderr, "joined, held=%zu\n", __ffipin_held_count(obj, OBJ_SIZE));
  __ffipin_unpin(obj);
  fprintf(stderr, "done\n");
  return 0;
}

// CHECK-NOT: ERROR: FFIPinSanitizer
// CHECK: joined, held=0
// CHECK-NEXT: {{^done$}}
