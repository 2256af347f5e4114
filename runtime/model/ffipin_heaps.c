/* The heap table is read on every slow-path store and written rarely (Go
 * maps arenas a few times per run), so readers are lock-free under a
 * sequence lock and writers take a spinlock. */
#include "model/ffipin_heaps.h"

#include <stdatomic.h>

#include "base/ffipin_lock.h"
#include "model/ffipin_bounds.h"

typedef struct {
  uintptr_t begin, end;
  const char *name;
} heap_range_t;

/* Kept sorted by begin, non-overlapping. */
static heap_range_t heaps[FFIPIN_MAX_HEAPS];
static unsigned nheaps;
static atomic_uint seq; /* odd while a writer is changing heaps[] */
static ffipin_lock_t heaps_lock = FFIPIN_LOCK_INIT;

void ffipin_heaps_lock(void) { ffipin_lock_acquire(&heaps_lock); }
void ffipin_heaps_unlock(void) { ffipin_lock_release(&heaps_lock); }

static void write_begin(void) { atomic_fetch_add_explicit(&seq, 1, memory_order_acq_rel); }
static void write_end(void) { atomic_fetch_add_explicit(&seq, 1, memory_order_release); }

static void insert_at(unsigned i, heap_range_t r) {
  for (unsigned j = nheaps; j > i; j--) heaps[j] = heaps[j - 1];
  heaps[i] = r;
  nheaps++;
}

static void erase_at(unsigned i) {
  for (unsigned j = i; j + 1 < nheaps; j++) heaps[j] = heaps[j + 1];
  nheaps--;
}

bool ffipin_heaps_add(uintptr_t begin, uintptr_t size, const char *name) {
  uintptr_t end = begin + size;
  bool ok = true;
  ffipin_lock_acquire(&heaps_lock);
  write_begin();
  unsigned i = 0;
  while (i < nheaps && heaps[i].end < begin) i++;
  /* Merge with every range that overlaps or touches [begin, end). */
  if (i < nheaps && heaps[i].begin <= end) {
    if (heaps[i].begin < begin) begin = heaps[i].begin;
    if (!name) name = heaps[i].name;
    while (i < nheaps && heaps[i].begin <= end) {
      if (heaps[i].end > end) end = heaps[i].end;
      erase_at(i);
    }
  }
  if (nheaps < FFIPIN_MAX_HEAPS)
    insert_at(i, (heap_range_t){begin, end, name ? name : "foreign"});
  else
    ok = false;
  write_end();
  ffipin_lock_release(&heaps_lock);
  if (ok) ffipin_bounds_include(begin, end - begin);
  return ok;
}

bool ffipin_heaps_remove(uintptr_t begin, uintptr_t size) {
  uintptr_t end = begin + size;
  bool found = false;
  ffipin_lock_acquire(&heaps_lock);
  write_begin();
  for (unsigned i = 0; i < nheaps;) {
    heap_range_t r = heaps[i];
    if (r.end <= begin || r.begin >= end) {
      i++;
      continue;
    }
    found = true;
    erase_at(i);
    if (r.begin < begin) insert_at(i++, (heap_range_t){r.begin, begin, r.name});
    if (r.end > end && nheaps < FFIPIN_MAX_HEAPS)
      insert_at(i++, (heap_range_t){end, r.end, r.name});
  }
  write_end();
  ffipin_lock_release(&heaps_lock);
  return found;
}

const char *ffipin_heaps_find(uintptr_t addr, uintptr_t *lo, uintptr_t *hi) {
  for (;;) {
    unsigned s = atomic_load_explicit(&seq, memory_order_acquire);
    if (s & 1) {
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
    if (atomic_load_explicit(&seq, memory_order_relaxed) != s) continue;
    if (name && lo) *lo = b;
    if (name && hi) *hi = e;
    return name;
  }
}
