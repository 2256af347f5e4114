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
#include "base/ffipin_shards.h"
#include "base/ffipin_stats.h"
#include "base/ffipin_table.h"
#include "model/ffipin_bounds.h"
#include "model/ffipin_shadow.h"

static ffipin_shard_t shards[FFIPIN_SHARDS] =
    FFIPIN_SHARDS_INIT(pins, ffipin_pin_t, 256, "the pin table");

static ffipin_shard_t *shard_of(uintptr_t base) { return ffipin_shard_of(shards, base); }

void ffipin_pins_lock(void) { ffipin_shards_lock(shards); }
void ffipin_pins_unlock(void) { ffipin_shards_unlock(shards); }

void ffipin_pins_add(uintptr_t base, uintptr_t size, ffipin_stack_id_t stack, uint32_t tid) {
  FFIPIN_CHECK(size > 0 && base <= FFIPIN_SHADOW_LIMIT - size);
  ffipin_shard_t *s = shard_of(base);
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
  ffipin_shard_t *s = shard_of(base);
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
  ffipin_shard_t *s = shard_of(base);
  ffipin_lock_acquire(&s->lock);
  ffipin_pin_t *p = ffipin_table_find(&s->table, base);
  if (p) *out = *p;
  ffipin_lock_release(&s->lock);
  return p != NULL;
}

size_t ffipin_pins_snapshot(size_t *cursor, ffipin_pin_t *out, size_t max) {
  return ffipin_shards_snapshot(shards, cursor, out, max, NULL, NULL);
}
