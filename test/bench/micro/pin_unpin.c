/* Pin+unpin pairs per second: one thread, then two threads each pinning its
 * own objects (no shared range). Prints
 *   pin_unpin_1t_pairs_per_s=<median>
 *   pin_unpin_2t_pairs_per_s=<median, both threads together>
 * Usage: pin_unpin [pairs-per-thread] */
#include <pthread.h>
#include <stdint.h>

#include "bench_util.h"

#define OBJ_SIZE 64
#define OBJS_PER_THREAD 1024

/* The heap's address is kept hidden (Boehm's HIDE_POINTER): a plain global
 * would be a C slot holding a pointer into a registered heap, unpinned. */
#define HIDE(p) ((uintptr_t)(p) ^ ~(uintptr_t)0)
static uintptr_t hidden_heap;
static long pairs = 2000000;
static pthread_barrier_t start;

static void pin_unpin_loop(char *objs) {
  for (long i = 0; i < pairs; i++) {
    char *o = objs + (size_t)(i & (OBJS_PER_THREAD - 1)) * OBJ_SIZE;
    __ffipin_pin(o, OBJ_SIZE);
    __ffipin_unpin(o);
  }
}

static void *worker(void *arg) {
  char *objs = (char *)HIDE(hidden_heap) +
               (uintptr_t)arg * OBJS_PER_THREAD * OBJ_SIZE;
  pthread_barrier_wait(&start);
  pin_unpin_loop(objs);
  pthread_barrier_wait(&start);
  return NULL;
}

static double run_threads(int nthreads) {
  pthread_t tid[2];
  pthread_barrier_init(&start, NULL, (unsigned)nthreads + 1);
  for (int t = 0; t < nthreads; t++)
    pthread_create(&tid[t], NULL, worker, (void *)(uintptr_t)t);
  pthread_barrier_wait(&start);
  double t0 = bench_now();
  pthread_barrier_wait(&start);
  double t1 = bench_now();
  for (int t = 0; t < nthreads; t++)
    pthread_join(tid[t], NULL);
  pthread_barrier_destroy(&start);
  return (double)pairs * nthreads / (t1 - t0);
}

int main(int argc, char **argv) {
  if (!bench_have_runtime()) {
    fprintf(stderr, "pin_unpin: needs the ffi-pin runtime (build with ffipin-cc -fsanitize=ffi-pin)\n");
    return 2;
  }
  if (argc > 1)
    pairs = atol(argv[1]);
  char *heap = bench_foreign_heap(2 * OBJS_PER_THREAD * OBJ_SIZE, "bench-heap");
  hidden_heap = HIDE(heap);

  double one[BENCH_RUNS], two[BENCH_RUNS];
  pin_unpin_loop(heap); /* warm-up: the runtime's tables are populated */
  for (int r = 0; r < BENCH_RUNS; r++) {
    double t0 = bench_now();
    pin_unpin_loop(heap);
    one[r] = (double)pairs / (bench_now() - t0);
  }
  for (int r = 0; r < BENCH_RUNS; r++)
    two[r] = run_threads(2);
  printf("pin_unpin_1t_pairs_per_s=%.0f\n", bench_median(one, BENCH_RUNS));
  printf("pin_unpin_2t_pairs_per_s=%.0f\n", bench_median(two, BENCH_RUNS));
  return 0;
}
