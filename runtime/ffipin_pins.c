/* Pins are frequent (every runtime.Pinner.Pin, every Python buffer) and
 * short, so the table is a flat open-addressing array under one spinlock;
 * nothing inside the lock allocates except the rare doubling. */
#include "ffipin_pins.h"

#include "ffipin_hash.h"
#include "ffipin_heaps.h"
#include "ffipin_lock.h"
#include "ffipin_platform.h"
#include "ffipin_shadow.h"

static ffipin_lock lock = FFIPIN_LOCK_INIT;
static ffipin_pin *table; /* base == 0 marks an empty cell */
static size_t cap, used;

void ffipin_pins_lock(void) { ffipin_lock_acquire(&lock); }
void ffipin_pins_unlock(void) { ffipin_lock_release(&lock); }

static size_t find_cell(ffipin_pin *t, size_t c, uptr base) {
  size_t i = ffipin_hash_addr(base, c - 1);
  while (t[i].base && t[i].base != base) i = (i + 1) & (c - 1);
  return i;
}

static void grow(void) {
  size_t ncap = cap ? cap * 2 : 1024;
  ffipin_pin *nt = ffipin_map(ncap * sizeof(ffipin_pin));
  if (!nt) ffipin_fatal("out of memory growing the pin table to %zu entries", ncap);
  for (size_t i = 0; i < cap; i++)
    if (table[i].base) nt[find_cell(nt, ncap, table[i].base)] = table[i];
  if (table) ffipin_unmap(table, cap * sizeof(ffipin_pin));
  table = nt;
  cap = ncap;
}

void ffipin_pins_add(uptr base, uptr size, ffipin_stack_id stack, uint32_t tid) {
  ffipin_lock_acquire(&lock);
  if ((used + 1) * 4 > cap * 3) grow();
  size_t i = find_cell(table, cap, base);
  bool fresh = !table[i].base;
  if (fresh) {
    table[i] = (ffipin_pin){base, size, 1, stack, tid};
    used++;
    /* Shadow and range are updated inside the lock so that a concurrent
     * unpin of the same base cannot run between insert and shadow update. */
    ffipin_shadow_pin_add(base, size, +1);
  } else {
    table[i].count++;
  }
  ffipin_lock_release(&lock);
  if (fresh) ffipin_range_include(base, size);
}

static void erase(size_t hole) {
  size_t at = hole;
  for (;;) {
    at = (at + 1) & (cap - 1);
    if (!table[at].base) break;
    size_t home = ffipin_hash_addr(table[at].base, cap - 1);
    if (ffipin_hash_can_fill(home, hole, at)) {
      table[hole] = table[at];
      hole = at;
    }
  }
  table[hole].base = 0;
  used--;
}

ffipin_unpin_result ffipin_pins_remove(uptr base, ffipin_pin *ended) {
  ffipin_unpin_result res = ffipin_unpin_not_pinned;
  ffipin_lock_acquire(&lock);
  if (cap) {
    size_t i = find_cell(table, cap, base);
    if (table[i].base) {
      if (--table[i].count) {
        res = ffipin_unpin_nested;
      } else {
        *ended = table[i];
        ffipin_shadow_pin_add(base, table[i].size, -1);
        erase(i);
        res = ffipin_unpin_ended;
      }
    }
  }
  ffipin_lock_release(&lock);
  return res;
}

size_t ffipin_pins_snapshot(size_t *cursor, ffipin_pin *out, size_t max) {
  size_t n = 0;
  ffipin_lock_acquire(&lock);
  while (*cursor < cap && n < max) {
    if (table[*cursor].base) out[n++] = table[*cursor];
    ++*cursor;
  }
  ffipin_lock_release(&lock);
  return n;
}
