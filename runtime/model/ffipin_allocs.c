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

/* Records per kind (index: kind), and all of them: the free path's test. */
static atomic_size_t counts[3];
atomic_size_t ffipin_allocs_total;

static ffipin_shard_t *shard_of(uintptr_t addr) { return ffipin_shard_of(shards, addr); }

static void count(unsigned kind, long delta) {
  atomic_fetch_add_explicit(&counts[kind], (size_t)delta, memory_order_relaxed);
  atomic_fetch_add_explicit(&ffipin_allocs_total, (size_t)delta, memory_order_release);
}

static void put(const ffipin_alloc_t *rec) {
  ffipin_shard_t *s = shard_of(rec->addr);
  bool fresh;
  ffipin_lock_acquire(&s->lock);
  ffipin_alloc_t *a = ffipin_table_insert(&s->table, rec->addr, &fresh);
  unsigned old_kind = fresh ? 0 : a->kind;
  *a = *rec;
  ffipin_lock_release(&s->lock);
  if (old_kind) count(old_kind, -1);
  count(rec->kind, +1);
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
  }
  ffipin_lock_release(&s->lock);
  if (a) count(out->kind, -1);
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
  return atomic_load_explicit(&counts[kind], memory_order_relaxed);
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
