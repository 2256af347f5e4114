/* The cost of one lend that C holds and lets go of, next to N other held
 * slots: pin an object, store a pointer to it in a C slot, clear the slot,
 * unpin. Unpin, object_freed and held_count must cost what is held in their
 * range, not what the whole table holds. Prints, for N in 0, 100000 and
 * 1000000,
 *   held_cycle_ns_<N>=<median ns per cycle>
 * Each median is over BENCH_RUNS runs of about 50 ms each. */
#include <stdint.h>
#include <string.h>

#include "bench_util.h"

#define OBJ_SIZE 64

#pragma weak __ffipin_object_freed

static void *volatile g_slot; /* volatile: every store reaches the runtime */

static double cycles_ns(char *obj, long cycles) {
  double t0 = bench_now();
  for (long i = 0; i < cycles; i++) {
    __ffipin_pin(obj, OBJ_SIZE);
    g_slot = obj;
    g_slot = NULL;
    __ffipin_unpin(obj);
  }
  return (bench_now() - t0) * 1e9 / (double)cycles;
}

/* Cycles for about 50 ms, from a short trial run. */
static long calibrate(char *obj) {
  long n = 4;
  double ns;
  while ((ns = cycles_ns(obj, n) * (double)n) < 5e6) n *= 4;
  long want = (long)(5e7 / (ns / (double)n));
  return want < 4 ? 4 : want;
}

int main(void) {
  if (!bench_have_runtime()) {
    fprintf(stderr, "held_cycle: needs the ffi-pin runtime (build with ffipin-cc -fsanitize=ffi-pin)\n");
    return 2;
  }
  static const long sizes[] = {0, 100000, 1000000};
  size_t range = 128u << 20;
  char *heap = bench_foreign_heap(range + 4096, "bench-heap");
  char *obj = heap + range; /* outside the range the held slots point into */
  __ffipin_pin(heap, range);
  void **slots = calloc(1000000, sizeof *slots);
  bench_escape(slots);
  long held = 0;
  for (size_t s = 0; s < sizeof sizes / sizeof *sizes; s++) {
    for (; held < sizes[s]; held++) slots[held] = heap + (size_t)held * 64 % range;
    bench_escape(slots);
    double v[BENCH_RUNS];
    long cycles = calibrate(obj);
    for (int r = 0; r < BENCH_RUNS; r++) v[r] = cycles_ns(obj, cycles);
    printf("held_cycle_ns_%ld=%.0f\n", sizes[s], bench_median(v, BENCH_RUNS));
  }
  return 0;
}
