/* Every free in the process asks this table (when it is not empty), so it
 * is split into shards by address, each its own hash table under its own
 * spinlock, as the pin table is.
 *
 * In front of it, each thread keeps the blocks that uninstrumented code
 * allocated on it lately (base/ffipin_thread.h), in 64 places, two per
 * address hash (keep_recent): a prebuilt library frees most of its blocks
 * soon after allocating them (libsqlite3: 15 blocks an Exec op of
 * go-sqlite3, nearly all freed within it), and such a block then never
 * reaches the shared table. A block pushed out of its places moves to the
 * table. The rules that keep every live block findable:
 *  - a record moves (to its other place, or to the table) before its
 *    place is given to another block, both under the owner's recent_lock;
 *  - a free looks in its own thread's places, then the table, then (when
 *    the filter below says another thread may hold the address) the other
 *    threads' places under their locks, then the table again: a record
 *    that moved meanwhile is in the table by the time its owner's lock is
 *    free;
 *  - a scan copies every thread's places before the table, and drops the
 *    copy of a record that moved in between.
 * Re-recording an address replaces a table record of the same address
 * only when the new record goes to the table too: a recent block leaves a
 * stale record of its address (a free we did not see) in place. */
#include "model/ffipin_allocs.h"

#include <stdatomic.h>

#include "base/ffipin_lock.h"
#include "base/ffipin_shards.h"
#include "base/ffipin_table.h"
#include "base/ffipin_thread.h"
#include "model/ffipin_lends.h"

static ffipin_shard_t shards[FFIPIN_SHARDS] =
    FFIPIN_SHARDS_INIT(allocs, ffipin_alloc_t, 1024, "the allocation table");

/* Per shard, changed under its lock (no read-modify-write: an atomic one
 * per record and per free cost more than the rest of the table's work):
 * its records per kind (index: kind), read without the lock for counts,
 * and in all. */
static struct {
  atomic_size_t kinds[3];
  size_t all;
} __attribute__((aligned(64))) counted[FFIPIN_SHARDS];
/* The shards holding records, a bit each: the free path's test. Changed
 * under the shard's lock, only when its count leaves or reaches 0. */
atomic_uint ffipin_allocs_shards_used;
_Static_assert(FFIPIN_SHARDS < 32, "a bit per shard, and one for the recent blocks");
/* Set (for good) in ffipin_allocs_shards_used once any thread kept a
 * recent block: frees must then ask. */
#define RECENT_USED (1u << 31)

static ffipin_shard_t *shard_of(uintptr_t addr) { return ffipin_shard_of(shards, addr); }

/* Under s's lock. */
static void count(ffipin_shard_t *s, unsigned kind, int delta) {
  unsigned i = (unsigned)(s - shards);
  atomic_size_t *k = &counted[i].kinds[kind];
  atomic_store_explicit(k, atomic_load_explicit(k, memory_order_relaxed) + (size_t)(long)delta,
                        memory_order_relaxed);
  size_t all = counted[i].all += (size_t)(long)delta;
  if (delta > 0 && all == 1)
    atomic_fetch_or_explicit(&ffipin_allocs_shards_used, 1u << i, memory_order_release);
  else if (delta < 0 && all == 0)
    atomic_fetch_and_explicit(&ffipin_allocs_shards_used, ~(1u << i), memory_order_release);
}

static void put(const ffipin_alloc_t *rec) {
  ffipin_shard_t *s = shard_of(rec->addr);
  bool fresh;
  ffipin_lock_acquire(&s->lock);
  ffipin_alloc_t *a = ffipin_table_insert(&s->table, rec->addr, &fresh);
  if (!fresh) count(s, a->kind, -1);
  *a = *rec;
  count(s, rec->kind, +1);
  ffipin_lock_release(&s->lock);
}

// Recent blocks

/* A block's two places: recent[set] holds the newer block of the set,
 * recent[set + 1] the older. */
static size_t set_of(uintptr_t addr) {
  return (size_t)(((uint64_t)addr * 0x9E3779B97F4A7C15ull) >> 59) * 2 % FFIPIN_RECENT_BLOCKS;
}

/* Which addresses may be another thread's recent block: a byte per hash
 * bucket, set by the owner (under its lock) when it keeps a block there,
 * cleared only by a rebuild, which zeroes them all and then sets those of
 * the blocks it finds, taking each owner's lock in turn: an owner keeps a
 * block either before the rebuild looks at its places (and is seen) or
 * after the zeroing (and sets the byte again). Frees of blocks no thread
 * keeps (the instrumented code's, in a program with prebuilt libraries)
 * thus skip the other threads. A byte set for a block long gone makes a
 * free look in vain; FILTER_REBUILD such looks bring a rebuild. While one
 * runs (filter_seq odd, a seqlock), a byte read 0 may be a live block's:
 * the free looks anyway. */
enum { FILTER = 4096, FILTER_REBUILD = 256 };
static _Atomic unsigned char maybe_recent[FILTER];
static atomic_uint vain_looks, filter_seq;
static atomic_flag rebuilding = ATOMIC_FLAG_INIT;

static size_t bucket_of(uintptr_t addr) {
  return (size_t)(((uint64_t)addr * 0xC2B2AE3D27D4EB4Full) >> 52) % FILTER;
}
static void mark(uintptr_t addr) {
  atomic_store_explicit(&maybe_recent[bucket_of(addr)], 1, memory_order_relaxed);
}

static ffipin_alloc_t record_of(const ffipin_recent_block_t *r, uintptr_t addr) {
  return (ffipin_alloc_t){addr,      r->size, r->stack, r->tid, FFIPIN_ALLOC_UNINSTRUMENTED,
                          r->module, r->epoch};
}

/* Under t's recent_lock (read by counts without it). */
static void add_recent(ffipin_thread_t *t, int delta) {
  atomic_store_explicit(&t->nrecent,
                        atomic_load_explicit(&t->nrecent, memory_order_relaxed) + (unsigned)delta,
                        memory_order_relaxed);
}

/* Under t's recent_lock: gives r's place up (*out gets its record, if
 * out is not NULL). */
static void clear_place(ffipin_thread_t *t, ffipin_recent_block_t *r, uintptr_t addr,
                        ffipin_alloc_t *out) {
  if (out) *out = record_of(r, addr);
  atomic_store_explicit(&r->addr, 0, memory_order_release);
  add_recent(t, -1);
}

/* Under the owner's recent_lock: to gets from's fields, then addr last
 * (release: a look without the lock that sees addr sees the fields). */
static void fill_place(ffipin_recent_block_t *to, const ffipin_recent_block_t *from,
                       uintptr_t addr) {
  to->size = from->size;
  to->epoch = from->epoch;
  to->stack = from->stack;
  to->tid = from->tid;
  to->module = from->module;
  atomic_store_explicit(&to->addr, addr, memory_order_release);
}

/* A new block takes its set's newer place; the block there moves to the
 * older place, and the one there to the table (a set is a FIFO of two:
 * the blocks a library keeps for long leave it, two libraries' short-lived
 * blocks of one set do not evict each other). Each record is written
 * where it goes before the place it leaves is given to another: a look
 * without the lock (take_recent) reads the newer place first, so it sees a
 * moving record in one of the two, or finds it in the table. */
static FFIPIN_ALWAYS_INLINE void keep_recent(ffipin_thread_t *t, uintptr_t addr, uintptr_t size,
                                             ffipin_stack_id_t stack, uint32_t tid,
                                             unsigned module) {
  ffipin_recent_block_t *newer = &t->recent[set_of(addr)], *older = newer + 1, *r = newer;
  uint64_t epoch = ffipin_lends_epoch();
  ffipin_lock_acquire(&t->recent_lock);
  uintptr_t a0 = atomic_load_explicit(&newer->addr, memory_order_relaxed);
  uintptr_t a1 = atomic_load_explicit(&older->addr, memory_order_relaxed);
  if (a0 == addr || a1 == addr) {
    /* Its own place again (a free we did not see): the record is replaced. */
    r = a0 == addr ? newer : older;
  } else if (!a0) {
    add_recent(t, 1);
  } else {
    if (a1) {
      ffipin_alloc_t moved = record_of(older, a1);
      put(&moved); /* in the table before the place is given up */
    } else {
      add_recent(t, 1);
    }
    fill_place(older, newer, a0);
  }
  const ffipin_recent_block_t fields = {
      .size = size, .epoch = epoch, .stack = stack, .tid = tid, .module = (uint16_t)module};
  fill_place(r, &fields, addr);
  mark(addr);
  ffipin_lock_release(&t->recent_lock);
  if (!(atomic_load_explicit(&ffipin_allocs_shards_used, memory_order_relaxed) & RECENT_USED))
    atomic_fetch_or_explicit(&ffipin_allocs_shards_used, RECENT_USED, memory_order_release);
}

/* Takes addr's record from t's places, if it is there. */
static bool take_recent(ffipin_thread_t *t, uintptr_t addr, ffipin_alloc_t *out) {
  ffipin_recent_block_t *newer = &t->recent[set_of(addr)], *older = newer + 1;
  /* A look without the lock first: only a free of addr (this one) or the
   * owner moving records (keep_recent: the newer place is read first) can
   * change what it says, and the caller looks in the table after a miss. */
  if (atomic_load_explicit(&newer->addr, memory_order_acquire) != addr &&
      atomic_load_explicit(&older->addr, memory_order_acquire) != addr)
    return false;
  ffipin_lock_acquire(&t->recent_lock);
  ffipin_recent_block_t *r =
      atomic_load_explicit(&newer->addr, memory_order_relaxed) == addr   ? newer
      : atomic_load_explicit(&older->addr, memory_order_relaxed) == addr ? older
                                                                         : NULL;
  if (r) clear_place(t, r, addr, out);
  ffipin_lock_release(&t->recent_lock);
  return r != NULL;
}

static bool maybe_elsewhere(uintptr_t addr) {
  unsigned seq = atomic_load_explicit(&filter_seq, memory_order_acquire);
  bool set = atomic_load_explicit(&maybe_recent[bucket_of(addr)], memory_order_relaxed);
  atomic_thread_fence(memory_order_acquire);
  return set || seq % 2 || atomic_load_explicit(&filter_seq, memory_order_relaxed) != seq;
}

static void rebuild_filter(void) {
  if (atomic_flag_test_and_set_explicit(&rebuilding, memory_order_acquire)) return;
  unsigned seq = atomic_load_explicit(&filter_seq, memory_order_relaxed);
  atomic_store_explicit(&filter_seq, seq + 1, memory_order_relaxed);
  atomic_thread_fence(memory_order_release);
  for (size_t i = 0; i < FILTER; i++)
    atomic_store_explicit(&maybe_recent[i], 0, memory_order_relaxed);
  for (ffipin_thread_t *t = ffipin_thread_first_state(); t; t = ffipin_thread_next_state(t)) {
    ffipin_lock_acquire(&t->recent_lock);
    for (size_t k = 0; k < FFIPIN_RECENT_BLOCKS; k++) {
      uintptr_t a = atomic_load_explicit(&t->recent[k].addr, memory_order_relaxed);
      if (a) mark(a);
    }
    ffipin_lock_release(&t->recent_lock);
  }
  atomic_store_explicit(&vain_looks, 0, memory_order_relaxed);
  atomic_store_explicit(&filter_seq, seq + 2, memory_order_release);
  atomic_flag_clear_explicit(&rebuilding, memory_order_release);
}

/* The other threads' places, when the filter says one may hold addr. */
static bool take_recent_elsewhere(ffipin_thread_t *self, uintptr_t addr, ffipin_alloc_t *out) {
  if (!maybe_elsewhere(addr)) return false;
  for (ffipin_thread_t *t = ffipin_thread_first_state(); t; t = ffipin_thread_next_state(t))
    if (t != self && take_recent(t, addr, out)) return true;
  if (atomic_fetch_add_explicit(&vain_looks, 1, memory_order_relaxed) + 1 >= FILTER_REBUILD)
    rebuild_filter();
  return false;
}

static bool take(uintptr_t addr, ffipin_alloc_t *out);

/* Removes addr's record wherever it is (the order is the one the header
 * comment explains); self is the calling thread's state. */
static bool take_anywhere(ffipin_thread_t *self, uintptr_t addr, ffipin_alloc_t *out) {
  if (take_recent(self, addr, out) || take(addr, out)) return true;
  if (!(atomic_load_explicit(&ffipin_allocs_shards_used, memory_order_acquire) & RECENT_USED))
    return false;
  return take_recent_elsewhere(self, addr, out) || take(addr, out);
}

size_t ffipin_allocs_recent_snapshot(ffipin_alloc_t *out, size_t max) {
  size_t n = 0;
  for (ffipin_thread_t *t = ffipin_thread_first_state(); t && n < max;
       t = ffipin_thread_next_state(t)) {
    if (!atomic_load_explicit(&t->nrecent, memory_order_relaxed)) continue;
    ffipin_lock_acquire(&t->recent_lock);
    for (size_t k = 0; k < FFIPIN_RECENT_BLOCKS && n < max; k++) {
      uintptr_t a = atomic_load_explicit(&t->recent[k].addr, memory_order_relaxed);
      if (a) out[n++] = record_of(&t->recent[k], a);
    }
    ffipin_lock_release(&t->recent_lock);
  }
  return n;
}

static size_t recent_count(void) {
  size_t n = 0;
  for (ffipin_thread_t *t = ffipin_thread_first_state(); t; t = ffipin_thread_next_state(t))
    n += atomic_load_explicit(&t->nrecent, memory_order_relaxed);
  return n;
}

void ffipin_allocs_recent_lock(void) {
  for (ffipin_thread_t *t = ffipin_thread_first_state(); t; t = ffipin_thread_next_state(t))
    ffipin_lock_acquire(&t->recent_lock);
}
void ffipin_allocs_recent_unlock(void) {
  for (ffipin_thread_t *t = ffipin_thread_first_state(); t; t = ffipin_thread_next_state(t))
    ffipin_lock_release(&t->recent_lock);
}

// Records

void ffipin_allocs_keep_recent(ffipin_thread_t *t, uintptr_t addr, uintptr_t size,
                               ffipin_stack_id_t stack, unsigned module) {
  if (addr) keep_recent(t, addr, size, stack, t->tid, module);
}

void ffipin_allocs_record(uintptr_t addr, uintptr_t size, ffipin_stack_id_t stack, uint32_t tid,
                          ffipin_alloc_kind_t kind, unsigned module) {
  if (!addr) return;
  if (kind == FFIPIN_ALLOC_UNINSTRUMENTED) {
    keep_recent(ffipin_thread_current(), addr, size, stack, tid, module);
    return;
  }
  ffipin_alloc_t rec = {
      addr, size, stack, tid, (uint16_t)kind, (uint16_t)module, ffipin_lends_epoch()};
  put(&rec);
}

/* Removes the record of addr under its shard's lock; *out gets it (if
 * out is not NULL). */
static bool take(uintptr_t addr, ffipin_alloc_t *out) {
  ffipin_shard_t *s = shard_of(addr);
  ffipin_lock_acquire(&s->lock);
  ffipin_alloc_t *a = ffipin_table_find(&s->table, addr);
  if (a) {
    if (out) *out = *a;
    unsigned kind = a->kind;
    ffipin_table_erase_at(&s->table, ffipin_table_index(&s->table, a));
    count(s, kind, -1);
  }
  ffipin_lock_release(&s->lock);
  return a != NULL;
}

bool ffipin_allocs_forget(uintptr_t addr) {
  return ffipin_allocs_forget_on(ffipin_thread_current(), addr);
}

bool ffipin_allocs_forget_on(ffipin_thread_t *self, uintptr_t addr) {
  return addr && ffipin_allocs_any() && take_anywhere(self, addr, NULL);
}

bool ffipin_allocs_move(uintptr_t from, uintptr_t to, uintptr_t size) {
  if (!from || !ffipin_allocs_any()) return false;
  ffipin_alloc_t old;
  if (!take_anywhere(ffipin_thread_current(), from, &old)) return false;
  /* The contents moved with it: still as old as the first allocation. */
  old.addr = to;
  old.size = size;
  put(&old);
  return true;
}

size_t ffipin_allocs_count(ffipin_alloc_kind_t kind) {
  size_t n = kind == FFIPIN_ALLOC_UNINSTRUMENTED ? recent_count() : 0;
  for (int i = 0; i < FFIPIN_SHARDS; i++)
    n += atomic_load_explicit(&counted[i].kinds[kind], memory_order_relaxed);
  return n;
}

static bool of_kind(const void *entry, const void *kind) {
  return ((const ffipin_alloc_t *)entry)->kind == *(const ffipin_alloc_kind_t *)kind;
}

size_t ffipin_allocs_snapshot(ffipin_alloc_kind_t kind, size_t *cursor, ffipin_alloc_t *out,
                              size_t max) {
  return ffipin_shards_snapshot(shards, cursor, out, max, of_kind, &kind);
}

bool ffipin_allocs_in_storage(uintptr_t addr) {
  for (int i = 0; i < FFIPIN_SHARDS; i++) {
    const ffipin_table_t *t = &shards[i].table;
    uintptr_t b = (uintptr_t)t->cells;
    if (b && addr - b < t->cap * t->cell_size) return true;
  }
  return false;
}

void ffipin_allocs_lock(void) { ffipin_shards_lock(shards); }
void ffipin_allocs_unlock(void) { ffipin_shards_unlock(shards); }
