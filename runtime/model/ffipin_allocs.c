/* Every free in the process asks this table (when it is not empty), so it
 * is split into shards by address, each its own hash table under its own
 * spinlock, as the pin table is.
 *
 * In front of it, each thread keeps the blocks that uninstrumented code
 * allocated on it lately (base/ffipin_thread.h), in 256 places, two per
 * address hash, and two of a second hash when both of the first hold live
 * blocks (keep_recent): a prebuilt library frees most of its blocks
 * soon after allocating them (libsqlite3: 15 blocks an Exec op of
 * go-sqlite3, nearly all freed within it), and such a block then never
 * reaches the shared table. A block pushed out of its places moves to the
 * table. The managed language's blocks (a C.CString and its C.free a few
 * calls later) go there too once any thread kept a recent block: every
 * free asks the places from then on anyway, and the table's insert and
 * take, each under a shard lock, cost about 290 instructions a block
 * (callgrind, go-sqlite3's Exec); before that they go to the table, so a
 * program whose allocations are all instrumented keeps its plain frees.
 * (With 128 places 2.3 blocks an Exec op were pushed out, between the
 * long-lived blocks sitting in their sets, at about 750 instructions each
 * for the move and the free's search; with 256, none; 512 gained nothing
 * more.)
 *
 * The owner keeps and frees its blocks without a lock: the lock's two
 * locked instructions per block took about 11 ns on the machine we
 * measured (an AMD EPYC), while keeping and forgetting a block without
 * them is about 160 instructions (callgrind, go-sqlite3's Exec):
 *  - only the owner fills a place, inside its hook guard (its own signal
 *    handlers defer, so nothing interleaves with it on its thread): the
 *    fields, then addr, while the place's version is odd (a seqlock, for
 *    the scan, which copies whole records);
 *  - a place is cleared (addr 0, one store) by the owner's free of its
 *    block, without a lock, or by another thread's free under the owner's
 *    recent_lock: the owner refills only a free place (or one holding the
 *    same address, a free we did not see), so a live block's place and
 *    fields stay as they are while a free looks at them;
 *  - the owner takes its recent_lock only to give the older block of a
 *    full set up to the table, which it puts in the table before it
 *    refills the place.
 * The rules that keep every live block findable:
 *  - a free looks in its own thread's places, then the table, then (when
 *    the filter below says another thread may hold the address) the other
 *    threads' places, then the table again: a record given up meanwhile is
 *    in the table by the time its owner's lock is free;
 *  - a scan copies every thread's places before the table, and drops the
 *    copy of a record that moved in between.
 * Re-recording an address replaces a table record of the same address
 * only when the new record goes to the table too: a recent block leaves a
 * stale record of its address (a free we did not see) in place. */
#include "model/ffipin_allocs.h"
#include "model/ffipin_allocs_recent.h"

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

/* The free path's filter (model/ffipin_allocs_recent.h): a byte per hash
 * bucket, set by the owner after it fills a place, cleared only by a
 * rebuild, which zeroes them all and then sets those of the blocks it
 * finds in the places (an owner's byte that the zeroing overwrote was set
 * after its fill, which the rebuild then sees). Frees of blocks no thread
 * keeps (the instrumented code's, in a program with prebuilt libraries)
 * thus skip the other threads. A byte set for a block long gone makes a
 * free look in vain; FILTER_REBUILD such looks bring a rebuild. While one
 * runs (filter_seq odd, a seqlock), a byte read 0 may be a live block's:
 * the free looks anyway. */
enum { FILTER = FFIPIN_ALLOCS_FILTER, FILTER_REBUILD = 256 };
_Atomic unsigned char ffipin_allocs_maybe_recent[FILTER];
static atomic_uint vain_looks, filter_seq;
static atomic_flag rebuilding = ATOMIC_FLAG_INIT;

static ffipin_alloc_t record_of(const ffipin_recent_block_t *r, uintptr_t addr) {
  return (ffipin_alloc_t){addr, r->size, r->stack, r->tid, r->kind, r->module, r->epoch};
}

/* A full set, under the owner's recent_lock (no other thread clears a
 * place meanwhile): the place to refill, its older block (by age) put in
 * the table first; or a place that a free cleared since the owner looked. */
static FFIPIN_NOINLINE ffipin_recent_block_t *give_up_older(ffipin_recent_block_t *p) {
  uintptr_t a0 = atomic_load_explicit(&p[0].addr, memory_order_relaxed);
  uintptr_t a1 = atomic_load_explicit(&p[1].addr, memory_order_relaxed);
  if (!a0 || !a1) return a0 ? &p[1] : &p[0];
  ffipin_recent_block_t *older = (int)(p[0].age - p[1].age) < 0 ? &p[0] : &p[1];
  ffipin_alloc_t moved = record_of(older, older == p ? a0 : a1);
  put(&moved); /* in the table before the place is refilled */
  return older;
}

/* How many fills ago the older of set p's two blocks was kept. */
static unsigned older_fill(const ffipin_thread_t *t, const ffipin_recent_block_t *p) {
  unsigned a = t->recent_fills - p[0].age, b = t->recent_fills - p[1].age;
  return a > b ? a : b;
}

/* A new block takes a free place of either of its sets, else the place of
 * the oldest block of the two sets, which moves to the table: the blocks a
 * library keeps for long leave the places once, instead of the short-lived
 * blocks of a set evicting each other op after op (its second set held by
 * two blocks of the connection's start, three live blocks of one first
 * set did so on every Exec op of some runs). t is the caller's own state. */
static void keep_recent(ffipin_thread_t *t, uintptr_t addr, uintptr_t size, ffipin_stack_id_t stack,
                        uint32_t tid, unsigned module, ffipin_alloc_kind_t kind) {
  if (FFIPIN_LIKELY(ffipin_allocs_try_keep_recent(t, addr, size, stack, tid, module, kind))) return;
  ffipin_recent_block_t *first = ffipin_allocs_places_of(t, addr);
  ffipin_recent_block_t *second = ffipin_allocs_alt_places_of(t, addr);
  ffipin_lock_acquire(&t->recent_lock);
  ffipin_recent_block_t *p = older_fill(t, second) > older_fill(t, first) ? second : first;
  if (p == second) t->recent_alt_used = true;
  ffipin_allocs_fill_place(t, give_up_older(p), addr, size, stack, tid, module, kind);
  ffipin_lock_release(&t->recent_lock);
}

/* Takes addr's record from t's places, if it is there; own: t is the
 * caller's state. */
static FFIPIN_ALWAYS_INLINE bool take_recent(ffipin_thread_t *t, bool own, uintptr_t addr,
                                             ffipin_alloc_t *out) {
  ffipin_recent_block_t *r = ffipin_allocs_place_of(t, addr);
  if (!r) return false;
  if (own) {
    /* Only a free of addr (this one) clears r, and the owner is here. */
    if (out) *out = record_of(r, addr);
    atomic_store_explicit(&r->addr, 0, memory_order_release);
    return true;
  }
  /* Another thread's: under its lock, r is still addr's unless the owner
   * gave it up to the table meanwhile (the caller looks there next). */
  ffipin_lock_acquire(&t->recent_lock);
  bool still = atomic_load_explicit(&r->addr, memory_order_relaxed) == addr;
  if (still) {
    if (out) *out = record_of(r, addr);
    atomic_store_explicit(&r->addr, 0, memory_order_release);
  }
  ffipin_lock_release(&t->recent_lock);
  return still;
}

/* A copy of the record in r (the seqlock's read side), false if r is free
 * or its owner stays inside a fill (stopped there, or a fork's child
 * inherited it half written): the scan then does without it. */
static bool copy_place(const ffipin_recent_block_t *r, ffipin_alloc_t *out) {
  /* Under the seqlock, as the fields are: the place may be refilled. */
  for (int tries = 0; tries < 1000; tries++) {
    unsigned v = atomic_load_explicit(&r->version, memory_order_acquire);
    if (v % 2) {
      __builtin_ia32_pause();
      continue;
    }
    uintptr_t a = atomic_load_explicit(&r->addr, memory_order_relaxed);
    ffipin_alloc_t rec = {a,
                          __atomic_load_n(&r->size, __ATOMIC_RELAXED),
                          __atomic_load_n(&r->stack, __ATOMIC_RELAXED),
                          __atomic_load_n(&r->tid, __ATOMIC_RELAXED),
                          __atomic_load_n(&r->kind, __ATOMIC_RELAXED),
                          __atomic_load_n(&r->module, __ATOMIC_RELAXED),
                          __atomic_load_n(&r->epoch, __ATOMIC_RELAXED)};
    atomic_thread_fence(memory_order_acquire);
    if (atomic_load_explicit(&r->version, memory_order_relaxed) != v) continue;
    if (!a) return false;
    *out = rec;
    return true;
  }
  return false;
}

static bool maybe_elsewhere(uintptr_t addr) {
  unsigned seq = atomic_load_explicit(&filter_seq, memory_order_acquire);
  bool set = atomic_load_explicit(&ffipin_allocs_maybe_recent[ffipin_allocs_bucket_of(addr)],
                                  memory_order_relaxed);
  atomic_thread_fence(memory_order_acquire);
  return set || seq % 2 || atomic_load_explicit(&filter_seq, memory_order_relaxed) != seq;
}

static void rebuild_filter(void) {
  if (atomic_flag_test_and_set_explicit(&rebuilding, memory_order_acquire)) return;
  unsigned seq = atomic_load_explicit(&filter_seq, memory_order_relaxed);
  atomic_store_explicit(&filter_seq, seq + 1, memory_order_relaxed);
  atomic_thread_fence(memory_order_release);
  for (size_t i = 0; i < FILTER; i++)
    atomic_store_explicit(&ffipin_allocs_maybe_recent[i], 0, memory_order_relaxed);
  /* The zeroing before the reads below (ffipin_allocs_fill_place). */
  atomic_thread_fence(memory_order_seq_cst);
  for (ffipin_thread_t *t = ffipin_thread_first_state(); t; t = ffipin_thread_next_state(t))
    for (size_t k = 0; k < FFIPIN_RECENT_BLOCKS; k++) {
      uintptr_t a = atomic_load_explicit(&t->recent[k].addr, memory_order_acquire);
      if (a) ffipin_allocs_mark(a);
    }
  atomic_store_explicit(&vain_looks, 0, memory_order_relaxed);
  atomic_store_explicit(&filter_seq, seq + 2, memory_order_release);
  atomic_flag_clear_explicit(&rebuilding, memory_order_release);
}

/* The other threads' places, when the filter says one may hold addr. */
static bool take_recent_elsewhere(ffipin_thread_t *self, uintptr_t addr, ffipin_alloc_t *out) {
  if (!maybe_elsewhere(addr)) return false;
  for (ffipin_thread_t *t = ffipin_thread_first_state(); t; t = ffipin_thread_next_state(t))
    if (t != self && take_recent(t, false, addr, out)) return true;
  if (atomic_fetch_add_explicit(&vain_looks, 1, memory_order_relaxed) + 1 >= FILTER_REBUILD)
    rebuild_filter();
  return false;
}

static bool take(uintptr_t addr, ffipin_alloc_t *out);

/* Removes addr's record wherever it is (the order is the one the header
 * comment explains); self is the calling thread's state. */
static bool take_anywhere(ffipin_thread_t *self, uintptr_t addr, ffipin_alloc_t *out) {
  if (take_recent(self, true, addr, out) || take(addr, out)) return true;
  if (!(atomic_load_explicit(&ffipin_allocs_shards_used, memory_order_acquire) &
        FFIPIN_ALLOCS_RECENT_USED))
    return false;
  return take_recent_elsewhere(self, addr, out) || take(addr, out);
}

size_t ffipin_allocs_recent_snapshot(ffipin_alloc_kind_t kind, ffipin_alloc_t *out, size_t max) {
  size_t n = 0;
  for (ffipin_thread_t *t = ffipin_thread_first_state(); t && n < max;
       t = ffipin_thread_next_state(t))
    for (size_t k = 0; k < FFIPIN_RECENT_BLOCKS && n < max; k++)
      if (copy_place(&t->recent[k], &out[n]) && out[n].kind == kind) n++;
  return n;
}

static size_t recent_count(ffipin_alloc_kind_t kind) {
  size_t n = 0;
  for (ffipin_thread_t *t = ffipin_thread_first_state(); t; t = ffipin_thread_next_state(t))
    for (size_t k = 0; k < FFIPIN_RECENT_BLOCKS; k++)
      n += atomic_load_explicit(&t->recent[k].addr, memory_order_relaxed) != 0 &&
           __atomic_load_n(&t->recent[k].kind, __ATOMIC_RELAXED) == kind;
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
  if (addr) keep_recent(t, addr, size, stack, t->tid, module, FFIPIN_ALLOC_UNINSTRUMENTED);
}

void ffipin_allocs_record(uintptr_t addr, uintptr_t size, ffipin_stack_id_t stack, uint32_t tid,
                          ffipin_alloc_kind_t kind, unsigned module) {
  if (!addr) return;
  if (kind == FFIPIN_ALLOC_UNINSTRUMENTED ||
      (atomic_load_explicit(&ffipin_allocs_shards_used, memory_order_relaxed) &
       FFIPIN_ALLOCS_RECENT_USED)) {
    keep_recent(ffipin_thread_current(), addr, size, stack, tid, module, kind);
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
  size_t n = recent_count(kind);
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
  for (ffipin_thread_t *t = ffipin_thread_first_state(); t; t = ffipin_thread_next_state(t))
    if (addr - (uintptr_t)t->recent < sizeof(t->recent)) return true;
  return false;
}

void ffipin_allocs_lock(void) { ffipin_shards_lock(shards); }
void ffipin_allocs_unlock(void) { ffipin_shards_unlock(shards); }
