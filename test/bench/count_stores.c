/* A counting stand-in for the runtime, linked (with plain clang, instead of
 * libclang_rt.ffipin) into code compiled with `ffipin-cc -fsanitize=ffi-pin
 * -c`. Its bounds and copy bounds cover every address, so each instrumented
 * pointer store and copy passes its inline check and calls in exactly once:
 * the counts below are the instrumented stores and copies the program
 * executed. Built against the pass/runtime contract
 * (runtime/base/ffipin_abi.h) by test/bench/run only. */
#include <stdint.h>
#include <stdio.h>

#include "base/ffipin_abi.h"

ffipin_bounds_t __ffipin_foreign_bounds = {
    .lo = 0, .hi = UINT64_MAX, .copy_lo = 0, .copy_hi = UINT64_MAX};

static uint64_t stores, int_copies, copies;

/* With the convention the pass calls the runtime's entry points with. */
FFIPIN_ABI_ENTRY void __ffipin_store(void *slot, uint64_t value) {
  (void)slot;
  (void)value;
  stores++;
}

FFIPIN_ABI_ENTRY void __ffipin_store_int_copy(void *slot, uint64_t value) {
  (void)slot;
  (void)value;
  int_copies++;
}

FFIPIN_ABI_ENTRY void __ffipin_memcpy(void *dst, const void *src, size_t n) {
  (void)dst;
  (void)src;
  (void)n;
  copies++;
}

__attribute__((destructor)) static void print_counts(void) {
  fprintf(stderr, "ffipin-count: pointer_stores=%llu memcpy_calls=%llu\n",
          (unsigned long long)(stores + int_copies), (unsigned long long)copies);
  fprintf(stderr, "ffipin-count: of which integer copies=%llu\n", (unsigned long long)int_copies);
}
