// RUN: %clang_unit %s %ffipin_rt_link -lpthread -o %t && %run %t | FileCheck %s

// Intent: uninstrumented blocks a thread keeps as recent stay findable
// from every thread. One thread's 10,000 recent or moved records are all
// in a scan's copy once and all forgotten by another thread. Then, while
// one thread records blocks (keeping every tenth, forgetting four in ten
// itself and handing five to a second thread to forget), a third copies
// the records as a scan does (recent places first, then the table) again
// and again: every kept block recorded before a copy began is in it
// (records move from the places to the table meanwhile), no address twice
// once copies of one record are merged, and at the end the counts and a
// last copy hold exactly the kept blocks, each copied with its own fields
// (the owner refills places without a lock while the copies are taken).

#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>

#include "model/ffipin_allocs.h"

#define BASE ((uintptr_t)0x200000000000)
enum { FIRST = 10000, ROUNDS = 200000, RING = 1024 };

static uintptr_t addr_of(size_t i) { return BASE + (uintptr_t)i * 48; }
/* Each block's size follows from its address, so that a copy holding one
 * block's address and another's fields (a torn read of a place being
 * refilled) shows. */
static uintptr_t size_of(uintptr_t addr) { return 1 + (addr - BASE) / 48 % 47; }

static int by_addr(const void *a, const void *b) {
  uintptr_t x = ((const ffipin_alloc_t *)a)->addr, y = ((const ffipin_alloc_t *)b)->addr;
  return x < y ? -1 : x > y;
}

/* A scan's copy: recent first, then the table; sorted, one per address. */
static size_t copy_all(ffipin_alloc_t *out, size_t max) {
  size_t n = ffipin_allocs_recent_snapshot(FFIPIN_ALLOC_UNINSTRUMENTED, out, max), k, cursor = 0;
  while (n < max &&
         (k = ffipin_allocs_snapshot(FFIPIN_ALLOC_UNINSTRUMENTED, &cursor, out + n, max - n)))
    n += k;
  qsort(out, n, sizeof(*out), by_addr);
  size_t kept = 0;
  for (size_t i = 0; i < n; i++)
    if (!kept || out[i].addr != out[kept - 1].addr) out[kept++] = out[i];
  return kept;
}

static int has(const ffipin_alloc_t *b, size_t n, uintptr_t a) {
  size_t lo = 0, hi = n;
  while (lo < hi) {
    size_t mid = (lo + hi) / 2;
    if (b[mid].addr < a)
      lo = mid + 1;
    else
      hi = mid;
  }
  return lo < n && b[lo].addr == a;
}

static ffipin_alloc_t *buf;
enum { BUF = 1 << 20 };

static void *forget_first(void *arg) {
  size_t gone = 0;
  for (size_t i = 0; i < FIRST; i++) gone += ffipin_allocs_forget(addr_of(i));
  return (void *)gone;
}

static _Atomic uintptr_t ring[RING];
static atomic_size_t ring_head, ring_tail, recorded;
static atomic_int done;

static void *recorder(void *arg) {
  for (size_t i = FIRST; i < FIRST + ROUNDS; i++) {
    ffipin_allocs_record(addr_of(i), size_of(addr_of(i)), 0, 1, FFIPIN_ALLOC_UNINSTRUMENTED, 0);
    atomic_store(&recorded, i);
    size_t kind = i % 10;
    if (kind >= 1 && kind <= 4) ffipin_allocs_forget(addr_of(i));
    if (kind >= 5) {
      while (atomic_load(&ring_head) - atomic_load(&ring_tail) == RING) {
      }
      atomic_store(&ring[atomic_load(&ring_head) % RING], addr_of(i));
      atomic_fetch_add(&ring_head, 1);
    }
  }
  atomic_store(&done, 1);
  return NULL;
}

static void *forgetter(void *arg) {
  size_t missed = 0;
  for (;;) {
    size_t t = atomic_load(&ring_tail);
    if (t == atomic_load(&ring_head)) {
      if (atomic_load(&done) && t == atomic_load(&ring_head)) break;
      continue;
    }
    missed += !ffipin_allocs_forget(atomic_load(&ring[t % RING]));
    atomic_store(&ring_tail, t + 1);
  }
  return (void *)missed;
}

static atomic_size_t torn;

static void *copier(void *arg) {
  size_t lost = 0, copies = 0;
  while (!atomic_load(&done)) {
    size_t upto = atomic_load(&recorded);
    size_t n = copy_all(buf, BUF);
    for (size_t i = FIRST; i <= upto; i += 10) lost += !has(buf, n, addr_of(i));
    for (size_t k = 0; k < n; k++) torn += buf[k].size != size_of(buf[k].addr);
    copies++;
  }
  return (void *)(copies ? lost : (size_t)-1);
}

int main(void) {
  buf = malloc(BUF * sizeof(*buf));
  for (size_t i = 0; i < FIRST; i++)
    ffipin_allocs_record(addr_of(i), size_of(addr_of(i)), 0, 0, FFIPIN_ALLOC_UNINSTRUMENTED, 0);
  size_t n = copy_all(buf, BUF);
  int all = n == FIRST;
  for (size_t i = 0; i < FIRST; i++) all &= has(buf, n, addr_of(i));
  printf("one thread's: counted %zu, copied %zu, all there %d\n",
         ffipin_allocs_count(FFIPIN_ALLOC_UNINSTRUMENTED), n, all);
  // CHECK: one thread's: counted 10000, copied 10000, all there 1
  pthread_t t;
  void *gone;
  pthread_create(&t, NULL, forget_first, NULL);
  pthread_join(t, &gone);
  printf("forgotten by another thread: %zu, left %zu\n", (size_t)gone,
         ffipin_allocs_count(FFIPIN_ALLOC_UNINSTRUMENTED));
  // CHECK-NEXT: forgotten by another thread: 10000, left 0

  pthread_t r, f, c;
  void *missed, *lost;
  pthread_create(&c, NULL, copier, NULL);
  pthread_create(&f, NULL, forgetter, NULL);
  pthread_create(&r, NULL, recorder, NULL);
  pthread_join(r, NULL);
  pthread_join(f, &missed);
  pthread_join(c, &lost);
  printf("concurrently: frees that found no record %zu, kept blocks missing from copies %zu\n",
         (size_t)missed, (size_t)lost);
  // CHECK-NEXT: concurrently: frees that found no record 0, kept blocks missing from copies 0
  printf("concurrently: records copied with another block's fields %zu\n", atomic_load(&torn));
  // CHECK-NEXT: concurrently: records copied with another block's fields 0
  n = copy_all(buf, BUF);
  all = n == ROUNDS / 10;
  for (size_t i = FIRST; i < FIRST + ROUNDS; i += 10) all &= has(buf, n, addr_of(i));
  printf("at the end: counted %zu, copied %zu, exactly the kept ones %d\n",
         ffipin_allocs_count(FFIPIN_ALLOC_UNINSTRUMENTED), n, all);
  // CHECK-NEXT: at the end: counted 20000, copied 20000, exactly the kept ones 1
  return 0;
}
