// RUN: %clang_ffipin -O0 %s -o %t -pthread && not %run %t 2>&1 | FileCheck %s

// Intent: a pinned pointer passed as a new thread's start argument is held
// by the thread (the slot is its argument) while the thread runs; unpinning
// it then is pin-outlived, with the store at the pthread_create call.

#include <pthread.h>
#include <semaphore.h>
#include "Inputs/foreign_heap.h"

static sem_t g_running, g_finish;

static void *worker(void *arg) {
  sem_post(&g_running);
  sem_wait(&g_finish); /* still using arg */
  fprintf(stderr, "worker sees %p\n", arg);
  return NULL;
}

int main(void) {
  char *obj = heap_obj(new_heap(), 1);
  sem_init(&g_running, 0, 0);
  sem_init(&g_finish, 0, 0);
  fprintf(stderr, "obj=%p\n", (void *)obj);
  __ffipin_pin(obj, OBJ_SIZE);
  pthread_t t;
  pthread_create(&t, NULL, worker, obj);
  sem_wait(&g_running);
  __ffipin_unpin(obj);
  sem_post(&g_finish);
  pthread_join(t, NULL);
  fprintf(stderr, "not reached\n");
  return 0;
}

// CHECK: obj=[[OBJ:0x[0-9a-f]+]]
// CHECK-NEXT: =================================================================
// CHECK-NEXT: ERROR: FFIPinSanitizer: pin-outlived on address {{0x[0-9a-f]+}} (holds [[OBJ]]){{$}}
// CHECK: STORE of foreign pointer by thread T0:
// CHECK: {{^    #[01] 0x[0-9a-f]+ in main .*thread-arg-pinned.c:}}[[@LINE-13]]:{{[0-9]+$}}
// CHECK: pinned by thread T0 here:
// CHECK-NEXT: {{^    #0 0x[0-9a-f]+ in main .*thread-arg-pinned.c:}}[[@LINE-17]]:{{[0-9]+$}}
// CHECK: unpinned by thread T0 here:
// CHECK-NEXT: {{^    #0 0x[0-9a-f]+ in main .*thread-arg-pinned.c:}}[[@LINE-15]]:{{[0-9]+$}}
// CHECK: SUMMARY: FFIPinSanitizer: pin-outlived
