// RUN: %clang_ffipin -O2 %s -o %t && %env_ffipin_opts=halt_on_error=0 timeout 120 %run %t 2>&1 | FileCheck %s

// Intent: pins of 1 GiB, 16 GiB and 1 TiB (reserved address space, never
// touched) are cheap in time and memory, and the memory is not kept after
// the unpin: a held pointer into each is still reported at its unpin, and
// the process grows by less than 32 MiB in all.

#include <string.h>
#include <sys/mman.h>
#include "Inputs/foreign_heap.h"

static long rss_kib(void) {
  FILE *f = fopen("/proc/self/status", "r");
  char line[256];
  long kib = -1;
  while (f && fgets(line, sizeof line, f))
    if (!strncmp(line, "VmRSS:", 6)) kib = atol(line + 6);
  if (f) fclose(f);
  return kib;
}

void *g_slot;

int main(void) {
  static const size_t sizes[] = {(size_t)1 << 30, (size_t)16 << 30, (size_t)1 << 40};
  long before = rss_kib();
  for (int i = 0; i < 3; i++) {
    char *range = mmap(NULL, sizes[i], PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (range == MAP_FAILED) {
      perror("mmap");
      return 2;
    }
    __ffipin_pin(range + 8, sizes[i] - 16); /* unaligned at both ends */
    g_slot = range + sizes[i] / 2;
    fprintf(stderr, "pinned %zu MiB\n", sizes[i] >> 20);
    __ffipin_unpin(range + 8);
    g_slot = NULL;
    munmap(range, sizes[i]);
  }
  long grown = rss_kib() - before;
  fprintf(stderr, "grew by less than 32 MiB: %s\n", grown < 32 * 1024 ? "yes" : "no");
  return 0;
}

// CHECK: pinned 1024 MiB
// CHECK: ERROR: FFIPinSanitizer: pin-outlived
// CHECK: pinned 16384 MiB
// CHECK: ERROR: FFIPinSanitizer: pin-outlived
// CHECK: pinned 1048576 MiB
// CHECK: ERROR: FFIPinSanitizer: pin-outlived
// CHECK: grew by less than 32 MiB: yes
