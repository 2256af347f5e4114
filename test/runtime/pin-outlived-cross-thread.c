// RUN: %clang_ffipin -O0 %s -o %t -pthread && not %run %t 2>&1 | FileCheck %s

// Intent: a slot stored by a worker thread and an unpin on the main thread:
// the report names each stack's own thread (store by T1, pin and unpin by
// T0).

#include <pthread.h>
#include "Inputs/foreign_heap.h"

void *g_shared;

static void *worker(void *arg) {
  g_shared = *(void **)arg;
  return NULL;
}

int main(void) {
  char *obj = heap_obj(new_heap(), 1);
  void **box = malloc(sizeof *box);
  __ffipin_pin(obj, OBJ_SIZE);
  *box = obj;
  pthread_t t;
  pthread_create(&t, NULL, worker, box);
  pthread_join(t, NULL);
  *box = NULL;
  __ffipin_unpin(obj);
  return 0;
}

// CHECK: ERROR: FFIPinSanitizer: pin-outlived on address
// CHECK: STORE of foreign pointer by thread T1:
// CHECK-NEXT: {{^    #0 0x[0-9a-f]+ in worker .*pin-outlived-cross-thread.c:}}[[@LINE-19]]:{{[0-9]+$}}
// CHECK: pinned by thread T0 here:
// CHECK: unpinned by thread T0 here:
// CHECK: SUMMARY: FFIPinSanitizer: pin-outlived {{.*}}pin-outlived-cross-thread.c:[[@LINE-22]]:{{[0-9]+}} in worker{{$}}
