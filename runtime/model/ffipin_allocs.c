/* Every free in the process asks this table (when it is not empty), so it
 * is split into shards by address, each its own hash table under its own
 * spinlock, as the pin table is. */
#include "model/ffipin_allocs.h"

#include <stdatomic.h>

#include "base/ffipin_lock.h"
#include "base/ffipin_table.h"

enum { SHARDS = 16 };

typedef struct {
  ffipin_lock_t lock;
  ffipin_table_t table;
} __attribute__((aligned(64))) shard_t;

#define SHARD_INIT                                                                                 \
  {FFIPIN_LOCK_INIT_TYPE(allocs), FFIPIN_TABLE_INIT(ffipin_alloc_t, 1024, "the allocation table")}
static shard_t shards[SHARDS] = {
    SHARD_INIT, SHARD_INIT, SHARD_INIT, SHARD_INIT, SHARD_INIT, SHARD_INIT, SHARD_INIT, SHARD_INIT,
    SHARD_INIT, SHARD_INIT, SHARD_INIT, SHARD_INIT, SHARD_INIT, SHARD_INIT, SHARD_INIT, SHARD_INIT};
_Static_assert(SHARDS == 16, "one SHARD_INIT per shard");

/* Records per kind (index: kind), and all of them: the free path's test. */
static atomic_size_t counts[3], total;

static shard_t *shard_of(uintptr_t addr) {
  return &shards[((uint64_t)addr * 0x9E3779B97F4A7C15ull) >> 60];
}

static void count(unsigned kind, long delta) {
  atomic_fetch_add_explicit(&counts[kind], (size_t)delta, memory_order_relaxed);
  atomic_fetch_add_explicit(&total, (size_t)delta, memory_order_release);
}

void ffipin_allocs_record(uintptr_t addr, uintptr_t size, ffipin_stack_id_t stack, uint32_t tid,
                          ffipin_alloc_kind_t kind, unsigned module) {
  if (!addr) return;
  shard_t *s = shard_of(addr);
  bool fresh;
  ffipin_lock_acquire(&s->lock);
  ffipin_alloc_t *a = ffipin_table_insert(&s->table, addr, &fresh);
  unsigned old_kind = fresh ? 0 : a->kind;
  *a = (ffipin_alloc_t){addr, size, stack, tid, (uint16_t)kind, (uint16_t)module};
  ffipin_lock_release(&s->lock);
  if (old_kind) count(old_kind, -1);
  count(kind, +1);
}

/* Removes the record of addr under its shard's lock; *out gets it. */
static bool take(uintptr_t addr, ffipin_alloc_t *out) {
  shard_t *s = shard_of(addr);
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
  if (!addr || !atomic_load_explicit(&total, memory_order_acquire)) return false;
  ffipin_alloc_t old;
  return take(addr, &old);
}

bool ffipin_allocs_move(uintptr_t from, uintptr_t to, uintptr_t size) {
  if (!from || !atomic_load_explicit(&total, memory_order_acquire)) return false;
  ffipin_alloc_t old;
  if (!take(from, &old)) return false;
  ffipin_allocs_record(to, size, old.stack, old.tid, old.kind, old.module);
  return true;
}

size_t ffipin_allocs_count(ffipin_alloc_kind_t kind) {
  return atomic_load_explicit(&counts[kind], memory_order_relaxed);
}

size_t ffipin_allocs_snapshot(ffipin_alloc_kind_t kind, size_t *cursor, ffipin_alloc_t *out,
                              size_t max) {
  /* The cursor walks shard by shard: shard index in the top byte. */
  size_t n = 0;
  while (n < max) {
    size_t si = *cursor >> 56, cell = *cursor & (((size_t)1 << 56) - 1);
    if (si >= SHARDS) break;
    shard_t *s = &shards[si];
    ffipin_lock_acquire(&s->lock);
    for (; cell < s->table.cap && n < max; cell++) {
      const ffipin_alloc_t *a = ffipin_table_at(&s->table, cell);
      if (a->addr && a->kind == kind) out[n++] = *a;
    }
    bool done = cell >= s->table.cap;
    ffipin_lock_release(&s->lock);
    *cursor = done ? (si + 1) << 56 : (si << 56 | cell);
  }
  return n;
}

bool ffipin_allocs_in_storage(uintptr_t addr) {
  for (int i = 0; i < SHARDS; i++) {
    const ffipin_table_t *t = &shards[i].table;
    uintptr_t b = (uintptr_t)t->cells;
    if (b && addr - b < t->cap * t->cell_size) return true;
  }
  return false;
}

void ffipin_allocs_lock(void) {
  for (int i = 0; i < SHARDS; i++) ffipin_lock_acquire(&shards[i].lock);
}
void ffipin_allocs_unlock(void) {
  for (int i = SHARDS - 1; i >= 0; i--) ffipin_lock_release(&shards[i].lock);
}
