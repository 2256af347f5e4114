/* Nanoseconds per pointer store into a malloc'd slot, by what the stored
 * pointer points to:
 *   pinned: into a pinned object of a registered heap (the runtime tracks the
 *           slot: the slow path);
 *   cmem:   into malloc'd C memory (the inline range check only).
 * Built twice by test/bench/run, with ffipin-cc -fsanitize=ffi-pin and with
 * plain clang (no runtime: nothing registered, the same loop). Prints
 *   store_pinned_ns=<median>
 *   store_cmem_ns=<median>
 * Usage: store_cost [stores] */
#include <stdint.h>

#include "bench_util.h"

#define SLOTS 1024

/* One store per iteration; the empty asm keeps the compiler from merging,
 * vectorising or dropping the stores. */
__attribute__((noinline)) static void store_loop(void **slots, char *target,
                                                 long n) {
  for (long i = 0; i < n; i++) {
    slots[i & (SLOTS - 1)] = target + ((i & 15) << 3);
    __asm__ volatile("" ::: "memory");
  }
}

static double ns_per_store(void **slots, char *target, long n) {
  double t0 = bench_now();
  store_loop(slots, target, n);
  return (bench_now() - t0) * 1e9 / (double)n;
}

int main(int argc, char **argv) {
  long n = argc > 1 ? atol(argv[1]) : 20000000;
  char *heap = bench_foreign_heap(1 << 20, "bench-heap");
  char *pinned = heap + 4096;
  if (bench_have_runtime())
    __ffipin_pin(pinned, 4096);
  char *cmem = malloc(256);
  void **slots = calloc(SLOTS, sizeof *slots);
  bench_escape(slots);

  double p[BENCH_RUNS], c[BENCH_RUNS];
  store_loop(slots, cmem, n / 10);
  store_loop(slots, pinned, n / 10);
  for (int r = 0; r < BENCH_RUNS; r++) {
    c[r] = ns_per_store(slots, cmem, n);
    p[r] = ns_per_store(slots, pinned, n);
  }
  if (bench_have_runtime() && __ffipin_held_count(pinned, 4096) != SLOTS) {
    fprintf(stderr, "store_cost: expected %d held slots, runtime has %zu\n",
            SLOTS, __ffipin_held_count(pinned, 4096));
    return 1;
  }
  printf("store_pinned_ns=%.3f\n", bench_median(p, BENCH_RUNS));
  printf("store_cmem_ns=%.3f\n", bench_median(c, BENCH_RUNS));
  return 0;
}
