// RUN: %clang_ffipin -O2 %s -o %t -pthread && timeout 60 %run %t 2>&1 | FileCheck %s

// Intent: a signal handler whose instrumented store reaches the runtime
// interrupts free() while the free interceptor is inside the runtime (it
// forgets the block's held slots): the handler's store neither deadlocks nor
// spins, and the program finishes.

#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdint.h>
#include "Inputs/foreign_heap.h"

#define SIGNALS 2000 /* taken before the program stops */
#define SLOTS 4096

static void *volatile g_slot;
static uintptr_t g_obj_hidden; /* a global holding the object would be held */
static atomic_int g_done, g_signals;

__attribute__((noinline)) static void put(void **block, int i, void *p) { block[i] = p; }

static void on_signal(int sig) {
  g_slot = (void *)(g_obj_hidden ^ ~(uintptr_t)0); /* into a pinned object: the slow path */
  atomic_fetch_add(&g_signals, 1);
}

static void *sender(void *arg) {
  pthread_t main_thread = *(pthread_t *)arg;
  while (!atomic_load(&g_done)) pthread_kill(main_thread, SIGUSR1);
  return NULL;
}

int main(void) {
  char *obj = heap_obj(new_heap(), 1);
  g_obj_hidden = (uintptr_t)obj ^ ~(uintptr_t)0;
  __ffipin_pin(obj, OBJ_SIZE);
  signal(SIGUSR1, on_signal);
  pthread_t self = pthread_self(), t;
  pthread_create(&t, NULL, sender, &self);
  while (!atomic_load(&g_signals)) {
  }
  int blocks = 0;
  for (; atomic_load(&g_signals) < SIGNALS; blocks++) {
    void **block = malloc(SLOTS * sizeof(void *));
    for (int i = 0; i < SLOTS; i++) put(block, i, obj);
    free(block); /* forgets SLOTS held slots, long enough to be interrupted */
  }
  atomic_store(&g_done, 1);
  pthread_join(t, NULL);
  fprintf(stderr, "freed %s blocks while taking %d signals\n", blocks > 0 ? "some" : "no",
          SIGNALS);
  g_slot = NULL;
  __ffipin_unpin(obj);
  return 0;
}

// CHECK: freed some blocks while taking 2000 signals
