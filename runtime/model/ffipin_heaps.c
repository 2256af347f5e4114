/* The heap table is read on every slow-path store and written rarely (Go
 * maps arenas a few times per run), so readers are lock-free under a
 * sequence lock and writers take a spinlock. Every word a reader may read
 * is written with an atomic store (relaxed: the sequence orders them), so
 * readers racing a writer read torn tables, never torn words, and retry. */
#include "model/ffipin_heaps.h"

#include <stdatomic.h>

#include "base/ffipin_lock.h"
#include "base/ffipin_thread.h"
#include "model/ffipin_bounds.h"

/* Kept sorted by begin, non-overlapping (ranges of different names may
 * touch). */
static ffipin_heap_range_t heaps[FFIPIN_MAX_HEAPS];
static unsigned nheaps;
static atomic_uint seq;                 /* odd while a writer is changing heaps[] */
static ffipin_thread_t *_Atomic writer; /* the thread changing them */
static ffipin_lock_t heaps_lock = FFIPIN_LOCK_INIT_TYPE(heaps);

void ffipin_heaps_lock(void) { ffipin_lock_acquire(&heaps_lock); }
void ffipin_heaps_unlock(void) { ffipin_lock_release(&heaps_lock); }

static void write_begin(void) {
  atomic_store_explicit(&writer, ffipin_thread_current(), memory_order_relaxed);
  atomic_store_explicit(&seq, atomic_load_explicit(&seq, memory_order_relaxed) + 1,
                        memory_order_relaxed);
  atomic_thread_fence(memory_order_release);
}
static void write_end(void) {
  atomic_store_explicit(&seq, atomic_load_explicit(&seq, memory_order_relaxed) + 1,
                        memory_order_release);
  atomic_store_explicit(&writer, NULL, memory_order_relaxed);
}

static void put(unsigned i, ffipin_heap_range_t r) {
  __atomic_store_n(&heaps[i].begin, r.begin, __ATOMIC_RELAXED);
  __atomic_store_n(&heaps[i].end, r.end, __ATOMIC_RELAXED);
  __atomic_store_n(&heaps[i].name, r.name, __ATOMIC_RELAXED);
}

/* Replaces heaps[i, i+gone) by the n ranges of with. */
static void replace(unsigned i, unsigned gone, const ffipin_heap_range_t *with, unsigned n) {
  unsigned total = nheaps - gone + n;
  if (n > gone)
    for (unsigned j = nheaps; j-- > i + gone;) put(j + n - gone, heaps[j]);
  else if (n < gone)
    for (unsigned j = i + gone; j < nheaps; j++) put(j + n - gone, heaps[j]);
  for (unsigned j = 0; j < n; j++) put(i + j, with[j]);
  __atomic_store_n(&nheaps, total, __ATOMIC_RELAXED);
}

static bool same_name(const char *a, const char *b) {
  if (a == b) return true;
  while (*a && *a == *b) a++, b++;
  return *a == *b;
}

ffipin_heaps_result_t ffipin_heaps_insert(uintptr_t begin, uintptr_t size, const char *name,
                                          ffipin_heap_range_t *conflict) {
  uintptr_t end = begin + size;
  if (!name) name = "foreign";
  ffipin_heaps_result_t res = FFIPIN_HEAPS_OK;
  ffipin_lock_acquire(&heaps_lock);
  /* [i, k): the ranges of this name that it overlaps or touches. */
  unsigned i = 0;
  while (i < nheaps && heaps[i].end < begin) i++;
  if (i < nheaps && heaps[i].end == begin && !same_name(heaps[i].name, name)) i++;
  unsigned k = i;
  ffipin_heap_range_t merged = {begin, end, name};
  for (; k < nheaps && heaps[k].begin <= end; k++) {
    if (!same_name(heaps[k].name, name)) {
      if (heaps[k].begin == end) break; /* touches only */
      if (conflict) *conflict = heaps[k];
      res = FFIPIN_HEAPS_OVERLAP;
      break;
    }
    if (heaps[k].begin < merged.begin) merged.begin = heaps[k].begin;
    if (heaps[k].end > merged.end) merged.end = heaps[k].end;
  }
  if (res == FFIPIN_HEAPS_OK && nheaps - (k - i) + 1 > FFIPIN_MAX_HEAPS) res = FFIPIN_HEAPS_FULL;
  if (res == FFIPIN_HEAPS_OK) {
    /* Before any reader can find the range, stores into it reach us. */
    ffipin_bounds_include(begin, size);
    merged.name = k > i ? heaps[i].name : name;
    write_begin();
    replace(i, k - i, &merged, 1);
    write_end();
  }
  ffipin_lock_release(&heaps_lock);
  return res;
}

ffipin_heaps_result_t ffipin_heaps_erase(uintptr_t begin, uintptr_t size) {
  uintptr_t end = begin + size;
  ffipin_heaps_result_t res = FFIPIN_HEAPS_NOT_FOUND;
  ffipin_lock_acquire(&heaps_lock);
  /* [i, k): the ranges it overlaps; what is left of the first and last. */
  unsigned i = 0;
  while (i < nheaps && heaps[i].end <= begin) i++;
  unsigned k = i;
  while (k < nheaps && heaps[k].begin < end) k++;
  if (k > i) {
    ffipin_heap_range_t left[2];
    unsigned n = 0;
    if (heaps[i].begin < begin)
      left[n++] = (ffipin_heap_range_t){heaps[i].begin, begin, heaps[i].name};
    if (heaps[k - 1].end > end)
      left[n++] = (ffipin_heap_range_t){end, heaps[k - 1].end, heaps[k - 1].name};
    if (nheaps - (k - i) + n > FFIPIN_MAX_HEAPS) {
      res = FFIPIN_HEAPS_FULL;
    } else {
      write_begin();
      replace(i, k - i, left, n);
      write_end();
      res = FFIPIN_HEAPS_OK;
    }
  }
  ffipin_lock_release(&heaps_lock);
  return res;
}

bool ffipin_heaps_add(uintptr_t begin, uintptr_t size, const char *name) {
  return ffipin_heaps_insert(begin, size, name, NULL) == FFIPIN_HEAPS_OK;
}

bool ffipin_heaps_remove(uintptr_t begin, uintptr_t size) {
  return ffipin_heaps_erase(begin, size) == FFIPIN_HEAPS_OK;
}

const char *ffipin_heaps_find(uintptr_t addr, uintptr_t *lo, uintptr_t *hi) {
  for (;;) {
    unsigned s = atomic_load_explicit(&seq, memory_order_acquire);
    /* The writer itself (a signal handler that interrupted it): no one
     * will finish the write while it waits, so it reads as it stands. */
    bool mine = (s & 1) && atomic_load_explicit(&writer, memory_order_relaxed) ==
                               __atomic_load_n(&ffipin_tls_thread, __ATOMIC_RELAXED);
    if ((s & 1) && !mine) {
      __builtin_ia32_pause();
      continue;
    }
    const char *name = NULL;
    uintptr_t b = 0, e = 0;
    /* Binary search on a snapshot that the sequence check validates. */
    unsigned n = __atomic_load_n(&nheaps, __ATOMIC_RELAXED), l = 0, h = n;
    if (n > FFIPIN_MAX_HEAPS) n = h = FFIPIN_MAX_HEAPS;
    while (l < h) {
      unsigned m = (l + h) / 2;
      uintptr_t mb = __atomic_load_n(&heaps[m].begin, __ATOMIC_RELAXED);
      uintptr_t me = __atomic_load_n(&heaps[m].end, __ATOMIC_RELAXED);
      if (addr < mb)
        h = m;
      else if (addr >= me)
        l = m + 1;
      else {
        b = mb;
        e = me;
        name = __atomic_load_n(&heaps[m].name, __ATOMIC_RELAXED);
        break;
      }
    }
    atomic_thread_fence(memory_order_acquire);
    if (!mine && atomic_load_explicit(&seq, memory_order_relaxed) != s) continue;
    if (name && lo) *lo = b;
    if (name && hi) *hi = e;
    return name;
  }
}
