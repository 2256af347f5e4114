// RUN: %clang_ffipin -O2 %s -o %t -pthread && %run %t 2>&1 | FileCheck %s

// Intent: while one thread keeps re-storing the same pointer into its slot
// (cleared in between, which the runtime does not see), another thread
// counts what is held and drops the stale entries it meets; it never drops
// the fresh entry of a store made meanwhile: right after each store the
// storing thread finds its slot held.

#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include "Inputs/foreign_heap.h"

#define ROUNDS 200000

static char *volatile g_slot;
static atomic_int g_done;
/* The object, hidden from the runtime (a global holding it would be one
 * more held slot). */
static uintptr_t g_obj_hidden;
#define OBJ ((char *)(g_obj_hidden ^ ~(uintptr_t)0))

static void *counter(void *arg) {
  while (!atomic_load(&g_done)) (void)__ffipin_held_count(OBJ, OBJ_SIZE);
  return NULL;
}

int main(void) {
  char *obj = heap_obj(new_heap(), 1);
  g_obj_hidden = (uintptr_t)obj ^ ~(uintptr_t)0;
  __ffipin_pin(obj, OBJ_SIZE);
  pthread_t t;
  pthread_create(&t, NULL, counter, NULL);
  long lost = 0;
  for (long i = 0; i < ROUNDS; i++) {
    g_slot = obj;
    if (__ffipin_held_count(obj, OBJ_SIZE) != 1) lost++;
    *(char *volatile *)&g_slot = 0; /* NULL is outside the bounds: not seen */
    for (volatile int spin = 0; spin < 200; spin++) {
    } /* long enough for the counter to find the slot stale */
  }
  atomic_store(&g_done, 1);
  pthread_join(t, NULL);
  fprintf(stderr, "rounds %d, fresh entries lost %ld\n", ROUNDS, lost);
  __ffipin_unpin(obj);
  return 0;
}

// CHECK: rounds 200000, fresh entries lost 0
