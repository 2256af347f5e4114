/* The threads of stress-threads.c and stress-threads-tsan.c: the number of
 * rounds per thread is the first argument. */
#ifndef FFIPIN_TEST_STRESS_H
#define FFIPIN_TEST_STRESS_H

#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <string.h>

#include "foreign_heap.h"

#define THREADS 4
#define SLOTS 8

static uintptr_t g_heap_hidden; /* hidden: a global holding it would be held */
#define HEAP ((char *)(g_heap_hidden ^ ~(uintptr_t)0))
static long g_rounds;
static atomic_long g_wrong;
static void *g_scope_slot[THREADS];

__attribute__((noinline)) static void put(void **slots, int k, void *p) { slots[k] = p; }
__attribute__((noinline)) static void clear(void **slots, int k) {
  *(volatile uintptr_t *)&slots[k] = 0; /* NULL is outside the bounds: not seen */
}
__attribute__((noinline)) static void copy(void *dst, const void *src, size_t n) {
  memcpy(dst, src, n);
}

static void expect_held(const char *obj, size_t want) {
  if (__ffipin_held_count(obj, OBJ_SIZE) != want) atomic_fetch_add(&g_wrong, 1);
}

static void *nothing(void *arg) { return arg; }

static void *worker(void *arg) {
  int i = (int)(intptr_t)arg;
  char *own = heap_obj(HEAP, 1 + i), *shared = heap_obj(HEAP, 0), *lent = heap_obj(HEAP, 10 + i);
  char *next = heap_obj(HEAP, 1 + (i + 1) % THREADS);
  for (long r = 0; r < g_rounds; r++) {
    __ffipin_pin(own, OBJ_SIZE);
    __ffipin_pin(shared, OBJ_SIZE);
    void **a = malloc(SLOTS * sizeof(void *)), **b = malloc(SLOTS * sizeof(void *));
    for (int k = 0; k < SLOTS; k++) put(a, k, own + (k * 8) % OBJ_SIZE);
    put(b, 0, shared);
    expect_held(own, SLOTS);
    copy(b, a, SLOTS * sizeof(void *)); /* b's shared slot is overwritten */
    expect_held(own, 2 * SLOTS);
    a = realloc(a, (r % 2 ? 64 : 4096) * sizeof(void *));
    (void)__ffipin_held_count(next, OBJ_SIZE); /* scans another thread's slots as they move */
    expect_held(own, 2 * SLOTS);
    for (int k = 0; k < SLOTS / 2; k++) clear(b, k);
    expect_held(own, 2 * SLOTS - SLOTS / 2);
    free(b);
    expect_held(own, SLOTS);
    for (int k = 0; k < SLOTS; k++) clear(a, k);
    expect_held(own, 0);
    free(a);
    __ffipin_unpin(shared);
    __ffipin_unpin(own);
    if (r % 16 == 0) { /* a call scope that lends and keeps nothing */
      __ffipin_call_begin();
      __ffipin_borrow(lent, OBJ_SIZE);
      put(&g_scope_slot[i], 0, lent);
      clear(&g_scope_slot[i], 0);
      __ffipin_call_end();
    }
    if (r % 64 == 0) { /* thread states come and go */
      pthread_t t;
      pthread_create(&t, NULL, nothing, NULL);
      pthread_join(t, NULL);
    }
  }
  return NULL;
}

int main(int argc, char **argv) {
  char *heap = new_heap();
  g_heap_hidden = (uintptr_t)heap ^ ~(uintptr_t)0;
  g_rounds = argc > 1 ? atol(argv[1]) : 1000;
  pthread_t t[THREADS];
  for (intptr_t i = 0; i < THREADS; i++) pthread_create(&t[i], NULL, worker, (void *)i);
  for (int i = 0; i < THREADS; i++) pthread_join(t[i], NULL);
  fprintf(stderr, "threads %d, rounds %ld each, wrong held counts %ld\n", THREADS, g_rounds,
          atomic_load(&g_wrong));
  return 0;
}

#endif
