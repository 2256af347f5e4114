// REQUIRES: tsan-rt
// RUN: %clang_unit -fsanitize=thread %s \
// RUN:   %ffipin_src_root/runtime/model/ffipin_heaps.c %ffipin_rt_link -o %t
// RUN: env TSAN_OPTIONS=halt_on_error=1 %run %t 2>&1 | FileCheck %s

// Intent: the heap table's lock-free readers and its writers are race-free
// as ThreadSanitizer sees them (the table itself is compiled with TSan
// here): one thread adds and removes ranges while another looks addresses
// up, and every lookup finds the range that is always registered.

#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>

#include "model/ffipin_heaps.h"

static atomic_int g_done;

static void *writer(void *unused) {
  for (int i = 0; i < 20000; i++) {
    uintptr_t b = 0x200000000000 + (uintptr_t)(i % 64) * 0x10000;
    ffipin_heaps_add(b, 0x1000, "churn");
    ffipin_heaps_remove(b, 0x1000);
  }
  atomic_store(&g_done, 1);
  return NULL;
}

int main(void) {
  ffipin_heaps_add(0x100000000000, 0x1000, "kept");
  pthread_t t;
  pthread_create(&t, NULL, writer, NULL);
  long lookups = 0, missed = 0;
  while (!atomic_load(&g_done)) {
    const char *name = ffipin_heaps_find(0x100000000800, NULL, NULL);
    missed += name == NULL;
    lookups++;
  }
  pthread_join(t, NULL);
  printf("%s lookups, missed %ld\n", lookups > 0 ? "some" : "no", missed);
  return 0;
}

// CHECK-NOT: ThreadSanitizer
// CHECK: some lookups, missed 0
