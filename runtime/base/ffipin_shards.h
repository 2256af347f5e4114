/* A hash table split by key into FFIPIN_SHARDS shards, each its own table
 * under its own spinlock: for the tables every pin (model/ffipin_pins) or
 * every free (model/ffipin_allocs) asks, so that threads working on other
 * keys do not wait for each other.
 *   static ffipin_shard_t shards[FFIPIN_SHARDS] =
 *       FFIPIN_SHARDS_INIT(pins, ffipin_pin_t, 256, "the pin table");
 * LockName is the shards' entry in the lock list (base/ffipin_locks.inc). */
#ifndef FFIPIN_SHARDS_H
#define FFIPIN_SHARDS_H

#include "base/ffipin_lock.h"
#include "base/ffipin_string.h"
#include "base/ffipin_table.h"

enum { FFIPIN_SHARDS = 16 };

typedef struct {
  ffipin_lock_t lock;
  ffipin_table_t table;
} __attribute__((aligned(64))) ffipin_shard_t;

#define FFIPIN_SHARD_INIT_(LockName, Type, Capacity, What)                                         \
  {FFIPIN_LOCK_INIT_TYPE(LockName), FFIPIN_TABLE_INIT(Type, Capacity, What)}
#define FFIPIN_SHARDS_4_(x) x, x, x, x
#define FFIPIN_SHARDS_INIT(LockName, Type, Capacity, What)                                         \
  {FFIPIN_SHARDS_4_(FFIPIN_SHARDS_4_(FFIPIN_SHARD_INIT_(LockName, Type, Capacity, What)))}
_Static_assert(FFIPIN_SHARDS == 16, "FFIPIN_SHARDS_INIT has one initializer per shard");

/* The top 4 bits of the Fibonacci product (the tables hash with the bits
 * below them). */
static inline ffipin_shard_t *ffipin_shard_of(ffipin_shard_t *shards, uintptr_t key) {
  return &shards[((uint64_t)key * 0x9E3779B97F4A7C15ull) >> 60];
}

/* Every shard's lock, in index order (fork, and what must see all shards). */
static inline void ffipin_shards_lock(ffipin_shard_t *shards) {
  for (int i = 0; i < FFIPIN_SHARDS; i++) ffipin_lock_acquire(&shards[i].lock);
}
static inline void ffipin_shards_unlock(ffipin_shard_t *shards) {
  for (int i = FFIPIN_SHARDS - 1; i >= 0; i--) ffipin_lock_release(&shards[i].lock);
}

/* Copies into out (an array of the tables' entries) up to max entries for
 * which keep(entry, arg) is true (keep NULL: every entry), resuming at
 * *cursor (0 to start: the shard in the top byte, the cell below). One
 * shard's lock at a time: entries may change between shards. Returns how
 * many were copied; 0 once the walk is done. */
static inline size_t ffipin_shards_snapshot(ffipin_shard_t *shards, size_t *cursor, void *out,
                                            size_t max, bool (*keep)(const void *, const void *),
                                            const void *arg) {
  size_t n = 0;
  while (n < max) {
    size_t si = *cursor >> 56, cell = *cursor & (((size_t)1 << 56) - 1);
    if (si >= FFIPIN_SHARDS) break;
    ffipin_shard_t *s = &shards[si];
    size_t size = s->table.cell_size;
    ffipin_lock_acquire(&s->lock);
    for (; cell < s->table.cap && n < max; cell++) {
      const void *e = ffipin_table_at(&s->table, cell);
      if (ffipin_table_key_at(&s->table, cell) && (!keep || keep(e, arg)))
        ffipin_mem_copy((char *)out + n++ * size, e, size);
    }
    bool done = cell >= s->table.cap;
    ffipin_lock_release(&s->lock);
    *cursor = done ? (si + 1) << 56 : (si << 56 | cell);
  }
  return n;
}

#endif
