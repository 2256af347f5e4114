// RUN: %clang_ffipin -O2 %s -o %t -pthread
// RUN: %env_ffipin_opts=halt_on_error=0:stack_depth=64:symbolize=0:log_path=%t.log %run %t 2>&1 | FileCheck %s

// Intent: 16 threads at once, round after round, each pin one shared object,
// store pointers to it in their own C slots, clear them (odd threads) or
// keep them (even threads), and unpin, while they also store, clear and
// free other slots (whose entries the runtime forgets meanwhile): whichever
// unpin ends the pin, each kept slot is reported once per round
// (pin-outlived), none is missed and no cleared one is reported. The
// scenario runs in 60 child processes (each with its own deduplication),
// and every child counts exactly.

#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <sys/wait.h>
#include <unistd.h>
#include "Inputs/foreign_heap.h"

#define CHILDREN 60
#define THREADS 16
#define ROUNDS 12
#define KEPT 4     /* slots each thread keeps per round */
#define NOISE 2000 /* other slots stored and freed per round */

static uintptr_t g_heap_hidden; /* hidden: a global holding it would be held */
#define HEAP ((char *)(g_heap_hidden ^ ~(uintptr_t)0))
static pthread_barrier_t g_round;
static atomic_long g_reports;

static void on_report(const char *text) { atomic_fetch_add(&g_reports, 1); }

__attribute__((noinline)) static void put(void **slots, int k, void *p) { slots[k] = p; }

/* Each thread stores through its own function, and each slot of each round
 * from a different call depth, so that no report is a duplicate of another
 * (same store stack). */
#define STASH(i)                                                                 \
  __attribute__((noinline)) static void stash##i(void **slot, char *p, int depth) { \
    if (depth > 0) {                                                             \
      stash##i(slot, p, depth - 1);                                              \
      __asm__ volatile("" ::: "memory"); /* not a tail call */                   \
      return;                                                                    \
    }                                                                            \
    *slot = p;                                                                   \
  }
STASH(0) STASH(1) STASH(2) STASH(3) STASH(4) STASH(5) STASH(6) STASH(7)
STASH(8) STASH(9) STASH(10) STASH(11) STASH(12) STASH(13) STASH(14) STASH(15)
static void (*const stashers[THREADS])(void **, char *, int) = {
    stash0, stash1, stash2,  stash3,  stash4,  stash5,  stash6,  stash7,
    stash8, stash9, stash10, stash11, stash12, stash13, stash14, stash15};

static void *worker(void *arg) {
  int i = (int)(intptr_t)arg;
  char *obj = heap_obj(HEAP, 1), *own = heap_obj(HEAP, 2 + i);
  void **kept = malloc(KEPT * sizeof(void *));
  __ffipin_pin(own, OBJ_SIZE); /* the other slots point here: never reported */
  for (int r = 0; r < ROUNDS; r++) {
    pthread_barrier_wait(&g_round);
    for (volatile int spin = 0; spin < i * 1000; spin++) {
    } /* the threads start apart: some pins end before others begin */
    __ffipin_pin(obj, OBJ_SIZE);
    void **noise = malloc(NOISE * sizeof(void *)), **cleared = malloc(64 * sizeof(void *));
    for (int k = 0; k < NOISE; k++) put(noise, k, own);
    for (int k = 0; k < 64; k++) put(cleared, k, own);
    for (int k = 0; k < KEPT; k++) stashers[i](&kept[k], obj, r * KEPT + k);
    if (i % 2)
      for (int k = 0; k < KEPT; k++) *(volatile uintptr_t *)&kept[k] = 0;
    free(noise); /* its slots are forgotten now */
    for (int k = 0; k < 64; k++) *(volatile uintptr_t *)&cleared[k] = 0;
    __ffipin_unpin(obj);
    free(cleared);
    pthread_barrier_wait(&g_round); /* every pin of the round has ended */
    for (int k = 0; k < KEPT; k++) *(volatile uintptr_t *)&kept[k] = 0;
  }
  __ffipin_unpin(own);
  return NULL;
}

/* One run of the scenario; true if every kept slot was reported once. */
static int run_scenario(void) {
  __ffipin_set_error_report_callback(on_report);
  pthread_barrier_init(&g_round, NULL, THREADS);
  pthread_t t[THREADS];
  for (intptr_t i = 0; i < THREADS; i++) pthread_create(&t[i], NULL, worker, (void *)i);
  for (int i = 0; i < THREADS; i++) pthread_join(t[i], NULL);
  return atomic_load(&g_reports) == THREADS / 2 * ROUNDS * KEPT;
}

int main(void) {
  char *heap = new_heap();
  g_heap_hidden = (uintptr_t)heap ^ ~(uintptr_t)0;
  int miscounted = 0;
  for (int c = 0; c < CHILDREN; c++) {
    pid_t pid = fork();
    if (pid == 0) _exit(run_scenario() ? 0 : 1);
    int status;
    waitpid(pid, &status, 0);
    miscounted += !WIFEXITED(status) || WEXITSTATUS(status) != 0;
  }
  fprintf(stderr, "children %d, miscounted %d\n", CHILDREN, miscounted);
  return 0;
}

// CHECK: children 60, miscounted 0
