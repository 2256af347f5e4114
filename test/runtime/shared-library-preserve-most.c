// RUN: split-file %s %t
// RUN: %clang_ffipin -O2 -fPIC -shared %t/ext.c -o %t/ext.so
// RUN: %clang -O1 %t/host.c -ldl -o %t/host
// RUN: %clang -O1 -DCOVER_ALL -I%ffipin_src_root/runtime %t/host.c -ldl \
// RUN:   -Wl,--export-dynamic-symbol=__ffipin_foreign_bounds -o %t/host-cover-all
// RUN: env LD_PRELOAD=%ffipin_rt_shared %run %t/host %t/ext.so 2>&1 | FileCheck %s --check-prefix=RUNTIME
// RUN: %run %t/host %t/ext.so 2>&1 | FileCheck %s --check-prefix=ALONE
// RUN: %run %t/host-cover-all %t/ext.so 2>&1 | FileCheck %s --check-prefix=ALONE

// Intent: the checks in a shared library call the runtime's entry points
// with the preserve_most convention, and whatever definition they bind to
// keeps it: with the runtime preloaded, every store of a pinned pointer
// reaches the runtime's slow path while the library keeps its loop's values
// in caller-saved registers across the calls (a C-convention callee would
// clobber them: the result would differ); loaded without the runtime, the
// library's weak stand-ins are used, whether its zero bounds keep the calls
// away or a host's bounds covering every address send each store to the
// stand-in __ffipin_store.

//--- churn.h
#include <stdint.h>
// The loop both sides run, with STORE at the top of each iteration. At -O2
// the seven values live in registers, caller-saved ones among them, across
// the cold call of each store's check in ext.c.
#define CHURN(n, STORE)                                                                            \
  uint64_t a = 1, b = 2, c = 3, d = 5, e = 7, f = 11, g = 13;                                      \
  for (uint64_t i = 0; i < (n); i++) {                                                             \
    STORE;                                                                                         \
    a = a * 3 + i;                                                                                 \
    b ^= a >> 3;                                                                                   \
    c += b * 5;                                                                                    \
    d = (d * 7) ^ c;                                                                               \
    e += d >> 1;                                                                                   \
    f ^= e * 9;                                                                                    \
    g += f ^ a;                                                                                    \
  }                                                                                                \
  return a ^ b ^ c ^ d ^ e ^ f ^ g

//--- ext.c
#include "churn.h"
uint64_t churn(void **slots, char *p, uint64_t n) { CHURN(n, slots[i & 7] = p + (i & 15)); }

//--- host.c
#include <dlfcn.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>

#include "churn.h"

#ifdef COVER_ALL
#include "base/ffipin_abi.h"
// Binds the library's bounds here: every value passes its checks, and the
// calls go to the library's own stand-ins.
ffipin_bounds_t __ffipin_foreign_bounds = {
    .lo = 0, .hi = UINT64_MAX, .copy_lo = 0, .copy_hi = UINT64_MAX};
#endif

// The library's loop, computed here without any check.
static uint64_t expected(uint64_t n) { CHURN(n, (void)0); }

int main(int argc, char **argv) {
  void *ext = dlopen(argv[1], RTLD_NOW);
  if (!ext) {
    fprintf(stderr, "dlopen: %s\n", dlerror());
    return 2;
  }
  uint64_t (*churn)(void **, char *, uint64_t) =
      (uint64_t (*)(void **, char *, uint64_t))dlsym(ext, "churn");
  void (*heap_register)(const void *, size_t, const char *) =
      (void (*)(const void *, size_t, const char *))dlsym(RTLD_DEFAULT, "__ffipin_heap_register");
  void (*pin)(const void *, size_t) = (void (*)(const void *, size_t))dlsym(RTLD_DEFAULT, "__ffipin_pin");
  void (*unpin)(const void *) = (void (*)(const void *))dlsym(RTLD_DEFAULT, "__ffipin_unpin");
  size_t (*held_count)(const void *, size_t) =
      (size_t (*)(const void *, size_t))dlsym(RTLD_DEFAULT, "__ffipin_held_count");
  void **slots = calloc(8, sizeof *slots);
  char *obj = malloc(32);
  if (heap_register) {
    obj = mmap(NULL, 1 << 16, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    heap_register(obj, 1 << 16, "test");
    pin(obj, 32);
  }
  uint64_t n = 100000, got = churn(slots, obj, n);
  if (heap_register) {
    fprintf(stderr, "runtime: held %zu\n", held_count(obj, 32));
    for (int i = 0; i < 8; i++) slots[i] = NULL;
    unpin(obj);
  }
  fprintf(stderr, "%s\n", got == expected(n) ? "result kept" : "result clobbered");
  return 0;
}

// RUNTIME: runtime: held 8
// RUNTIME-NEXT: {{^result kept$}}
// ALONE-NOT: runtime:
// ALONE: {{^result kept$}}
