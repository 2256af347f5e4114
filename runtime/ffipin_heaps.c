/* The heap table is read on every slow-path store and written rarely (Go
 * maps arenas a few times per run), so readers are lock-free under a
 * sequence lock and writers take a spinlock. */
#include "ffipin_heaps.h"

#include <stdatomic.h>

#include "ffipin_abi.h"
#include "ffipin_lock.h"

typedef struct {
  uptr begin, end;
  const char *name;
} heap_range;

/* Kept sorted by begin, non-overlapping. */
static heap_range heaps[FFIPIN_MAX_HEAPS];
static unsigned nheaps;
static atomic_uint seq; /* odd while a writer is changing heaps[] */
static ffipin_lock heaps_lock = FFIPIN_LOCK_INIT;
static ffipin_lock range_lock = FFIPIN_LOCK_INIT;

/* The pass reads these words inline (ffipin_abi.h); `held` belongs to
 * held.c, which keeps it equal to its entry count. */
FFIPIN_EXPORT struct { uint64_t lo, size, held; } __ffipin_foreign_range;

void ffipin_range_set_held(uint64_t n) {
  __atomic_store_n(&__ffipin_foreign_range.held, n, __ATOMIC_RELAXED);
}

void ffipin_heaps_lock(void) { ffipin_lock_acquire(&heaps_lock); ffipin_lock_acquire(&range_lock); }
void ffipin_heaps_unlock(void) { ffipin_lock_release(&range_lock); ffipin_lock_release(&heaps_lock); }

static void write_begin(void) {
  atomic_fetch_add_explicit(&seq, 1, memory_order_acq_rel);
}
static void write_end(void) {
  atomic_fetch_add_explicit(&seq, 1, memory_order_release);
}

static void insert_at(unsigned i, heap_range r) {
  for (unsigned j = nheaps; j > i; j--) heaps[j] = heaps[j - 1];
  heaps[i] = r;
  nheaps++;
}

static void erase_at(unsigned i) {
  for (unsigned j = i; j + 1 < nheaps; j++) heaps[j] = heaps[j + 1];
  nheaps--;
}

bool ffipin_heaps_add(uptr begin, uptr size, const char *name) {
  uptr end = begin + size;
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
    insert_at(i, (heap_range){begin, end, name ? name : "foreign"});
  else
    ok = false;
  write_end();
  ffipin_lock_release(&heaps_lock);
  if (ok) ffipin_range_include(begin, end - begin);
  return ok;
}

bool ffipin_heaps_remove(uptr begin, uptr size) {
  uptr end = begin + size;
  bool found = false;
  ffipin_lock_acquire(&heaps_lock);
  write_begin();
  for (unsigned i = 0; i < nheaps;) {
    heap_range r = heaps[i];
    if (r.end <= begin || r.begin >= end) { i++; continue; }
    found = true;
    erase_at(i);
    if (r.begin < begin) insert_at(i++, (heap_range){r.begin, begin, r.name});
    if (r.end > end && nheaps < FFIPIN_MAX_HEAPS)
      insert_at(i++, (heap_range){end, r.end, r.name});
  }
  write_end();
  ffipin_lock_release(&heaps_lock);
  return found;
}

const char *ffipin_heaps_find(uptr addr, uptr *lo, uptr *hi) {
  for (;;) {
    unsigned s = atomic_load_explicit(&seq, memory_order_acquire);
    if (s & 1) { __builtin_ia32_pause(); continue; }
    const char *name = NULL;
    uptr b = 0, e = 0;
    /* Binary search on a snapshot that the sequence check validates. */
    unsigned n = __atomic_load_n(&nheaps, __ATOMIC_RELAXED), l = 0, h = n;
    if (n > FFIPIN_MAX_HEAPS) n = h = FFIPIN_MAX_HEAPS;
    while (l < h) {
      unsigned m = (l + h) / 2;
      uptr mb = __atomic_load_n(&heaps[m].begin, __ATOMIC_RELAXED);
      uptr me = __atomic_load_n(&heaps[m].end, __ATOMIC_RELAXED);
      if (addr < mb) h = m;
      else if (addr >= me) l = m + 1;
      else { b = mb; e = me; name = __atomic_load_n(&heaps[m].name, __ATOMIC_RELAXED); break; }
    }
    atomic_thread_fence(memory_order_acquire);
    if (atomic_load_explicit(&seq, memory_order_relaxed) != s) continue;
    if (name && lo) *lo = b;
    if (name && hi) *hi = e;
    return name;
  }
}

void ffipin_range_include(uptr begin, uptr size) {
  if (size == 0) size = 1;
  uptr end = begin + size;
  uint64_t lo = __atomic_load_n(&__ffipin_foreign_range.lo, __ATOMIC_RELAXED);
  uint64_t sz = __atomic_load_n(&__ffipin_foreign_range.size, __ATOMIC_RELAXED);
  if (sz && begin >= lo && end - lo <= sz) return; /* already inside */
  ffipin_lock_acquire(&range_lock);
  lo = __ffipin_foreign_range.lo;
  sz = __ffipin_foreign_range.size;
  uint64_t hi = lo + sz;
  if (sz == 0) { lo = begin; hi = end; }
  uint64_t nlo = begin < lo ? begin : lo;
  uint64_t nhi = end > hi ? end : hi;
  /* The range only grows: nlo <= lo and nhi - nlo >= hi - lo. Writing the
   * final size first leaves one intermediate state, (old lo, new size),
   * which covers the old range and more; readers never see a hole. */
  __atomic_store_n(&__ffipin_foreign_range.size, nhi - nlo, __ATOMIC_RELEASE);
  __atomic_store_n(&__ffipin_foreign_range.lo, nlo, __ATOMIC_RELEASE);
  ffipin_lock_release(&range_lock);
}

bool ffipin_range_may_contain(uptr value) {
  return value - __atomic_load_n(&__ffipin_foreign_range.lo, __ATOMIC_RELAXED) <
         __atomic_load_n(&__ffipin_foreign_range.size, __ATOMIC_RELAXED);
}
