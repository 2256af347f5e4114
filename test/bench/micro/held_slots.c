/* Memory per held slot: 1,000,000 malloc'd slots each holding a pointer into
 * a pinned range. The slot array is allocated and touched first, so the
 * resident-set delta is the runtime's own bookkeeping. Prints
 *   held_slots=<count the runtime reports>
 *   held_slot_bytes=<RSS delta / slots>
 * Usage: held_slots [slots] */
#include <string.h>

#include "bench_util.h"

int main(int argc, char **argv) {
  long n = argc > 1 ? atol(argv[1]) : 1000000;
  if (!bench_have_runtime()) {
    fprintf(stderr, "held_slots: needs the ffi-pin runtime (build with ffipin-cc -fsanitize=ffi-pin)\n");
    return 2;
  }
  size_t range = 64u << 20;
  char *heap = bench_foreign_heap(range, "bench-heap");
  __ffipin_pin(heap, range);
  void **slots = malloc((size_t)n * sizeof *slots);
  memset(slots, 0, (size_t)n * sizeof *slots);
  bench_escape(slots);

  long before = bench_rss_bytes();
  for (long i = 0; i < n; i++)
    slots[i] = heap + (size_t)i * 64 % range;
  bench_escape(slots);
  long after = bench_rss_bytes();

  size_t held = __ffipin_held_count(heap, range);
  printf("held_slots=%zu\n", held);
  printf("held_slot_bytes=%.1f\n", (double)(after - before) / (double)n);
  if (held != (size_t)n) {
    fprintf(stderr, "held_slots: stored %ld pointers into the pinned range, the runtime holds %zu\n",
            n, held);
    return 1;
  }
  return 0;
}
