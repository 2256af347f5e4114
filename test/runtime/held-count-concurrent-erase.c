// RUN: %clang_ffipin -O2 %s -o %t -pthread && %run %t 2>&1 | FileCheck %s

// Intent: held_count finds every live slot that points into a range while
// other threads record and forget slots at the same time (the entries of
// the runtime's tables move as others are erased): 64 slots that keep
// pointing into one pinned object are counted 64 times out of 64, every
// time.

#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include "Inputs/foreign_heap.h"

#define KEPT 64
#define CHURN 4096
#define COUNTS 20000

static void *volatile *g_kept;
static atomic_int g_done;
static uintptr_t g_heap_hidden; /* hidden: a global holding it would be held */
#define HEAP ((char *)(g_heap_hidden ^ ~(uintptr_t)0))

static void *churn(void *arg) {
  void *volatile *slots = malloc(CHURN * sizeof(void *));
  char *obj = heap_obj(HEAP, 2 + (int)(long)arg);
  __ffipin_pin(obj, OBJ_SIZE);
  while (!atomic_load(&g_done)) {
    for (int i = 0; i < CHURN; i++) slots[i] = obj;
    /* Forgotten by the unpin's scan: they no longer hold it. */
    for (int i = 0; i < CHURN; i++) *(volatile long *)&slots[i] = 0;
    __ffipin_unpin(obj);
    __ffipin_pin(obj, OBJ_SIZE);
  }
  __ffipin_unpin(obj);
  free((void *)slots);
  return NULL;
}

int main(void) {
  char *heap = new_heap();
  g_heap_hidden = (uintptr_t)heap ^ ~(uintptr_t)0;
  char *obj = heap_obj(heap, 1);
  __ffipin_pin(obj, OBJ_SIZE);
  g_kept = malloc(KEPT * sizeof(void *));
  for (int i = 0; i < KEPT; i++) g_kept[i] = obj;
  pthread_t t[2];
  for (long i = 0; i < 2; i++) pthread_create(&t[i], NULL, churn, (void *)i);
  long wrong = 0;
  for (int i = 0; i < COUNTS; i++)
    if (__ffipin_held_count(obj, OBJ_SIZE) != KEPT) wrong++;
  atomic_store(&g_done, 1);
  for (int i = 0; i < 2; i++) pthread_join(t[i], NULL);
  fprintf(stderr, "counts %d, wrong %ld\n", COUNTS, wrong);
  for (int i = 0; i < KEPT; i++) g_kept[i] = NULL;
  __ffipin_unpin(obj);
  return 0;
}

// CHECK: counts 20000, wrong 0
