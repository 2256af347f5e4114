/* Every free in the process asks this table (when it is not empty), so it
 * is split into shards by address, each its own hash table under its own
 * spinlock, as the pin table is. */
#include "model/ffipin_allocs.h"

#include <stdatomic.h>

#include "base/ffipin_lock.h"
#include "base/ffipin_shards.h"
#include "base/ffipin_table.h"
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
_Static_assert(FFIPIN_SHARDS <= 32, "a bit per shard");

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

void ffipin_allocs_record(uintptr_t addr, uintptr_t size, ffipin_stack_id_t stack, uint32_t tid,
                          ffipin_alloc_kind_t kind, unsigned module) {
  if (!addr) return;
  put(&(ffipin_alloc_t){addr, size, stack, tid, (uint16_t)kind, (uint16_t)module,
                        ffipin_lends_epoch()});
}

/* Removes the record of addr under its shard's lock; *out gets it. */
static bool take(uintptr_t addr, ffipin_alloc_t *out) {
  ffipin_shard_t *s = shard_of(addr);
  ffipin_lock_acquire(&s->lock);
  ffipin_alloc_t *a = ffipin_table_find(&s->table, addr);
  if (a) {
    *out = *a;
    ffipin_table_erase_at(&s->table, ffipin_table_index(&s->table, a));
    count(s, out->kind, -1);
  }
  ffipin_lock_release(&s->lock);
  return a != NULL;
}

bool ffipin_allocs_forget(uintptr_t addr) {
  if (!addr || !ffipin_allocs_any()) return false;
  ffipin_alloc_t old;
  return take(addr, &old);
}

bool ffipin_allocs_move(uintptr_t from, uintptr_t to, uintptr_t size) {
  if (!from || !ffipin_allocs_any()) return false;
  ffipin_alloc_t old;
  if (!take(from, &old)) return false;
  /* The contents moved with it: still as old as the first allocation. */
  old.addr = to;
  old.size = size;
  put(&old);
  return true;
}

size_t ffipin_allocs_count(ffipin_alloc_kind_t kind) {
  size_t n = 0;
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
