/* Memory the runtime gives back: resident set before, while 1,000,000
 * slots are held (then cleared and their blocks freed), and while
 * 1,000,000 distinct pins are live (then unpinned). Prints
 *   rss_baseline_mb=<RSS before either>
 *   rss_slots_held_mb=, rss_slots_freed_mb=
 *   rss_pins_live_mb=,  rss_pins_unpinned_mb=
 * The program's own memory (the slot blocks and the array of them) is
 * freed and trimmed (malloc_trim) before the "freed" figure, so what is
 * left above the baseline is the runtime's (and what malloc keeps). */
#include <malloc.h>
#include <stdint.h>

#include "bench_util.h"

#define N 1000000

static double mb(long bytes) { return (double)bytes / (1 << 20); }

int main(void) {
  if (!bench_have_runtime()) {
    fprintf(stderr, "memory_return: needs the ffi-pin runtime (build with ffipin-cc -fsanitize=ffi-pin)\n");
    return 2;
  }
  size_t range = 64u << 20;
  char *heap = bench_foreign_heap(range, "bench-heap");
  void ***blocks = mmap(NULL, N * sizeof *blocks, PROT_READ | PROT_WRITE,
                        MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  printf("rss_baseline_mb=%.1f\n", mb(bench_rss_bytes()));

  __ffipin_pin(heap, range);
  for (long i = 0; i < N; i++) {
    blocks[i] = malloc(sizeof(void *));
    *blocks[i] = heap + (size_t)i * 64 % range;
  }
  bench_escape(blocks);
  printf("rss_slots_held_mb=%.1f\n", mb(bench_rss_bytes()));
  for (long i = 0; i < N; i++) {
    *blocks[i] = NULL;
    free(blocks[i]);
  }
  __ffipin_unpin(heap);
  munmap(blocks, N * sizeof *blocks);
  malloc_trim(0);
  printf("rss_slots_freed_mb=%.1f\n", mb(bench_rss_bytes()));

  for (long i = 0; i < N; i++) __ffipin_pin(heap + (size_t)i * 64, 32);
  printf("rss_pins_live_mb=%.1f\n", mb(bench_rss_bytes()));
  for (long i = 0; i < N; i++) __ffipin_unpin(heap + (size_t)i * 64);
  printf("rss_pins_unpinned_mb=%.1f\n", mb(bench_rss_bytes()));
  return 0;
}
