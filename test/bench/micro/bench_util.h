/* Shared by the microbenchmarks: a monotonic clock, the median of a few runs,
 * resident memory, and the interface declared weak so that the same source
 * also links with plain clang (no runtime: the calls are skipped). */
#ifndef FFIPIN_BENCH_UTIL_H
#define FFIPIN_BENCH_UTIL_H

#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

#include <sanitizer/ffipin_interface.h>

#pragma weak __ffipin_heap_register
#pragma weak __ffipin_pin
#pragma weak __ffipin_unpin
#pragma weak __ffipin_held_count

#define BENCH_RUNS 7

static inline int bench_have_runtime(void) { return __ffipin_pin != NULL; }

static inline double bench_now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* Makes p reachable from outside, so that the compiler keeps every store
 * through it (the slot arrays are otherwise never read). */
static inline void bench_escape(void *p) { __asm__ volatile("" : : "g"(p) : "memory"); }

static int bench_cmp_double(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}

static inline double bench_median(double *v, int n) {
  qsort(v, (size_t)n, sizeof *v, bench_cmp_double);
  return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

/* Resident set in bytes, from /proc/self/statm (second field, in pages). */
static inline long bench_rss_bytes(void) {
  long size = 0, resident = 0;
  FILE *f = fopen("/proc/self/statm", "r");
  if (!f || fscanf(f, "%ld %ld", &size, &resident) != 2) {
    perror("/proc/self/statm");
    exit(2);
  }
  fclose(f);
  return resident * sysconf(_SC_PAGESIZE);
}

/* A stand-in for a managed heap: anonymous memory registered as foreign. */
static inline char *bench_foreign_heap(size_t size, const char *name) {
  char *heap = mmap(NULL, size, PROT_READ | PROT_WRITE,
                    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (heap == MAP_FAILED) {
    perror("mmap");
    exit(2);
  }
  if (bench_have_runtime())
    __ffipin_heap_register(heap, size, name);
  return heap;
}

#endif
