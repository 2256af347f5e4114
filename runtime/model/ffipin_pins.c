/* Pins are frequent (every runtime.Pinner.Pin, every Python buffer) and
 * short. The table is split into shards by base address, each its own hash
 * table under its own spinlock, so threads pinning different objects rarely
 * meet. The shadow is updated under the shard lock (an unpin of the same
 * base cannot run between insert and shadow update), and only there, so
 * holding every shard stops all shadow updates (pages go back then). The
 * fast path's bounds are widened before the pin is entered: once another
 * thread can see the pin (and pin the same base again without widening),
 * every store of a pointer into it already reaches the runtime. */
#include "model/ffipin_pins.h"

#include "base/ffipin_assert.h"
#include "base/ffipin_lock.h"
#include "base/ffipin_stats.h"
#include "base/ffipin_table.h"
#include "model/ffipin_bounds.h"
#include "model/ffipin_shadow.h"

enum { SHARDS = 16 };

typedef struct {
  ffipin_lock_t lock;
  ffipin_table_t table;
} __attribute__((aligned(64))) shard_t;

#define SHARD_INIT                                                                                 \
  {FFIPIN_LOCK_INIT_TYPE(pins), FFIPIN_TABLE_INIT(ffipin_pin_t, 256, "the pin table")}
static shard_t shards[SHARDS] = {
    SHARD_INIT, SHARD_INIT, SHARD_INIT, SHARD_INIT, SHARD_INIT, SHARD_INIT, SHARD_INIT, SHARD_INIT,
    SHARD_INIT, SHARD_INIT, SHARD_INIT, SHARD_INIT, SHARD_INIT, SHARD_INIT, SHARD_INIT, SHARD_INIT};
_Static_assert(SHARDS == 16, "one SHARD_INIT per shard");

/* The top 4 bits of the Fibonacci product (the table hashes with the bits
 * below them). */
static shard_t *shard_of(uintptr_t base) {
  return &shards[((uint64_t)base * 0x9E3779B97F4A7C15ull) >> 60];
}

void ffipin_pins_lock(void) {
  for (int i = 0; i < SHARDS; i++) ffipin_lock_acquire(&shards[i].lock);
}
void ffipin_pins_unlock(void) {
  for (int i = SHARDS - 1; i >= 0; i--) ffipin_lock_release(&shards[i].lock);
}

void ffipin_pins_add(uintptr_t base, uintptr_t size, ffipin_stack_id_t stack, uint32_t tid) {
  FFIPIN_CHECK(size > 0 && base <= FFIPIN_SHADOW_LIMIT - size);
  shard_t *s = shard_of(base);
  bool fresh;
  FFIPIN_COUNT(pins);
  ffipin_bounds_include(base, size);
  ffipin_lock_acquire(&s->lock);
  ffipin_pin_t *p = ffipin_table_insert(&s->table, base, &fresh);
  if (fresh) {
    *p = (ffipin_pin_t){base, size, 1, stack, tid};
    ffipin_shadow_pin_add(base, size, +1);
  } else {
    p->count++;
  }
  ffipin_lock_release(&s->lock);
}

ffipin_unpin_result_t ffipin_pins_remove(uintptr_t base, ffipin_pin_t *ended) {
  ffipin_unpin_result_t res = FFIPIN_UNPIN_NOT_PINNED;
  shard_t *s = shard_of(base);
  ffipin_lock_acquire(&s->lock);
  ffipin_pin_t *p = ffipin_table_find(&s->table, base);
  if (p && --p->count) {
    res = FFIPIN_UNPIN_NESTED;
  } else if (p) {
    *ended = *p;
    ffipin_shadow_pin_add(base, p->size, -1);
    ffipin_table_erase_at(&s->table, ffipin_table_index(&s->table, p));
    ffipin_table_shrink_to_fit(&s->table);
    res = FFIPIN_UNPIN_ENDED;
  }
  ffipin_lock_release(&s->lock);
  if (FFIPIN_UNLIKELY(ffipin_shadow_reclaim_due())) {
    ffipin_pins_lock();
    ffipin_shadow_reclaim();
    ffipin_pins_unlock();
  }
  return res;
}

bool ffipin_pins_lookup(uintptr_t base, ffipin_pin_t *out) {
  shard_t *s = shard_of(base);
  ffipin_lock_acquire(&s->lock);
  ffipin_pin_t *p = ffipin_table_find(&s->table, base);
  if (p) *out = *p;
  ffipin_lock_release(&s->lock);
  return p != NULL;
}

size_t ffipin_pins_snapshot(size_t *cursor, ffipin_pin_t *out, size_t max) {
  /* The cursor walks shard by shard: shard index in the top byte. */
  size_t n = 0;
  while (n < max) {
    size_t si = *cursor >> 56, cell = *cursor & (((size_t)1 << 56) - 1);
    if (si >= SHARDS) break;
    shard_t *s = &shards[si];
    ffipin_lock_acquire(&s->lock);
    for (; cell < s->table.cap && n < max; cell++)
      if (ffipin_table_key_at(&s->table, cell))
        out[n++] = *(ffipin_pin_t *)ffipin_table_at(&s->table, cell);
    bool done = cell >= s->table.cap;
    ffipin_lock_release(&s->lock);
    *cursor = done ? (si + 1) << 56 : (si << 56 | cell);
  }
  return n;
}
