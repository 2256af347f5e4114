/* Pins are frequent (every runtime.Pinner.Pin, every Python buffer) and
 * short. The table is split into shards by base address, each a flat
 * open-addressing array under its own spinlock, so threads pinning
 * different objects rarely meet; nothing inside a lock allocates except
 * the rare doubling of one shard. */
#include "ffipin_pins.h"

#include "ffipin_hash.h"
#include "ffipin_heaps.h"
#include "ffipin_lock.h"
#include "ffipin_platform.h"
#include "ffipin_shadow.h"

enum { kShards = 16 };

typedef struct {
  ffipin_lock lock;
  ffipin_pin *table; /* base == 0 marks an empty cell */
  size_t cap, used;
  char pad[64 - sizeof(ffipin_lock) - sizeof(void *) - 2 * sizeof(size_t)];
} shard;

static shard shards[kShards] __attribute__((aligned(64)));

/* The shard comes from the top 4 bits of the Fibonacci product; the cell
 * (ffipin_hash_addr) from the bits below them. */
static shard *shard_of(uptr base) {
  return &shards[((uint64_t)base * 0x9E3779B97F4A7C15ull) >> 60];
}

void ffipin_pins_lock(void) {
  for (int i = 0; i < kShards; i++) ffipin_lock_acquire(&shards[i].lock);
}
void ffipin_pins_unlock(void) {
  for (int i = kShards - 1; i >= 0; i--) ffipin_lock_release(&shards[i].lock);
}

static size_t find_cell(ffipin_pin *t, size_t c, uptr base) {
  size_t i = ffipin_hash_addr(base, c - 1);
  while (t[i].base && t[i].base != base) i = (i + 1) & (c - 1);
  return i;
}

static void grow(shard *s) {
  size_t ncap = s->cap ? s->cap * 2 : 256;
  ffipin_pin *nt = ffipin_map(ncap * sizeof(ffipin_pin));
  if (!nt) ffipin_fatal("out of memory growing the pin table to %zu entries", ncap);
  for (size_t i = 0; i < s->cap; i++)
    if (s->table[i].base) nt[find_cell(nt, ncap, s->table[i].base)] = s->table[i];
  if (s->table) ffipin_unmap(s->table, s->cap * sizeof(ffipin_pin));
  s->table = nt;
  s->cap = ncap;
}

void ffipin_pins_add(uptr base, uptr size, ffipin_stack_id stack, uint32_t tid) {
  shard *s = shard_of(base);
  ffipin_lock_acquire(&s->lock);
  if ((s->used + 1) * 4 > s->cap * 3) grow(s);
  size_t i = find_cell(s->table, s->cap, base);
  bool fresh = !s->table[i].base;
  if (fresh) {
    s->table[i] = (ffipin_pin){base, size, 1, stack, tid};
    s->used++;
    /* Shadow and range are updated inside the lock so that a concurrent
     * unpin of the same base cannot run between insert and shadow update. */
    ffipin_shadow_pin_add(base, size, +1);
  } else {
    s->table[i].count++;
  }
  ffipin_lock_release(&s->lock);
  if (fresh) ffipin_range_include(base, size);
}

static void erase(shard *s, size_t hole) {
  size_t at = hole, mask = s->cap - 1;
  for (;;) {
    at = (at + 1) & mask;
    if (!s->table[at].base) break;
    size_t home = ffipin_hash_addr(s->table[at].base, mask);
    if (ffipin_hash_can_fill(home, hole, at)) {
      s->table[hole] = s->table[at];
      hole = at;
    }
  }
  s->table[hole].base = 0;
  s->used--;
}

ffipin_unpin_result ffipin_pins_remove(uptr base, ffipin_pin *ended) {
  ffipin_unpin_result res = ffipin_unpin_not_pinned;
  shard *s = shard_of(base);
  ffipin_lock_acquire(&s->lock);
  if (s->cap) {
    size_t i = find_cell(s->table, s->cap, base);
    if (s->table[i].base) {
      if (--s->table[i].count) {
        res = ffipin_unpin_nested;
      } else {
        *ended = s->table[i];
        ffipin_shadow_pin_add(base, s->table[i].size, -1);
        erase(s, i);
        res = ffipin_unpin_ended;
      }
    }
  }
  ffipin_lock_release(&s->lock);
  return res;
}

size_t ffipin_pins_snapshot(size_t *cursor, ffipin_pin *out, size_t max) {
  /* The cursor walks shard by shard: shard index in the top byte. */
  size_t n = 0;
  while (n < max) {
    size_t si = *cursor >> 56, cell = *cursor & (((size_t)1 << 56) - 1);
    if (si >= kShards) break;
    shard *s = &shards[si];
    ffipin_lock_acquire(&s->lock);
    while (cell < s->cap && n < max) {
      if (s->table[cell].base) out[n++] = s->table[cell];
      cell++;
    }
    bool done = cell >= s->cap;
    ffipin_lock_release(&s->lock);
    *cursor = done ? (si + 1) << 56 : (si << 56 | cell);
  }
  return n;
}
