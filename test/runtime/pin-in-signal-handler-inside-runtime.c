// RUN: %clang_ffipin -O2 %s -o %t -pthread && %run %t 2>&1 | FileCheck %s

// Intent: a signal handler pins objects while its thread is busy inside the
// runtime (the handler interrupts a runtime call): none of those pins is
// lost, so unpinning them all afterwards is never a bad-unpin.

#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdint.h>
#include "Inputs/foreign_heap.h"

#define PINS 1000

static uintptr_t g_heap_hidden; /* hidden: a global holding it would be held */
#define HEAP ((char *)(g_heap_hidden ^ ~(uintptr_t)0))
static atomic_int g_pinned;

static void on_signal(int sig) {
  int i = atomic_load(&g_pinned);
  if (i < PINS) {
    __ffipin_pin(heap_obj(HEAP, 1 + i), OBJ_SIZE);
    atomic_store(&g_pinned, i + 1);
  }
}

/* One signal at a time (a flood would never let the interrupted runtime
 * call finish, and a thread keeps at most 64 calls for later). */
static void *sender(void *arg) {
  pthread_t target = *(pthread_t *)arg;
  for (int i = 0; i < PINS; i++) {
    pthread_kill(target, SIGUSR1);
    while (atomic_load(&g_pinned) <= i) sched_yield();
  }
  return NULL;
}

int main(void) {
  char *heap = new_heap();
  g_heap_hidden = (uintptr_t)heap ^ ~(uintptr_t)0;
  signal(SIGUSR1, on_signal);
  pthread_t self = pthread_self(), t;
  pthread_create(&t, NULL, sender, &self);
  /* Almost all the time inside the runtime: the signals land there. */
  while (atomic_load(&g_pinned) < PINS) (void)__ffipin_held_count(heap, HEAP_SIZE);
  pthread_join(t, NULL);
  fprintf(stderr, "the handler pinned %d objects\n", PINS);
  for (int i = 0; i < PINS; i++) __ffipin_unpin(heap_obj(heap, 1 + i));
  fprintf(stderr, "done\n");
  return 0;
}

// CHECK: the handler pinned 1000 objects
// CHECK-NEXT: {{^done$}}
