/* The held-slot table: one hash table (base/ffipin_table.h) of 24-byte
 * entries under one spinlock, 32 to 64 bytes of table per held slot. Only
 * the slow path (a store of a pointer that is really foreign) and the rare
 * lend-ending events come here. */
#include "model/ffipin_held.h"

#include "base/ffipin_lock.h"
#include "base/ffipin_message.h"
#include "base/ffipin_sys.h"
#include "base/ffipin_table.h"
#include "model/ffipin_bounds.h"

static ffipin_lock_t lock = FFIPIN_LOCK_INIT;
static ffipin_table_t table = FFIPIN_TABLE_INIT(ffipin_held_t, 4096, "the held-slot table");
static size_t unaligned; /* entries whose slot is not 8-byte aligned */

void ffipin_held_lock(void) { ffipin_lock_acquire(&lock); }
void ffipin_held_unlock(void) { ffipin_lock_release(&lock); }

static ffipin_held_t *entry_at(size_t i) { return ffipin_table_at(&table, i); }

static void erase(size_t i) {
  if (entry_at(i)->slot & 7) unaligned--;
  ffipin_table_erase_at(&table, i);
  ffipin_bounds_set_held(table.used);
}

static void erase_entry(ffipin_held_t *e) { erase(ffipin_table_index(&table, e)); }

static void insert_locked(ffipin_held_t e) {
  bool fresh;
  ffipin_held_t *cell = ffipin_table_insert(&table, e.slot, &fresh);
  if (fresh) {
    ffipin_bounds_set_held(table.used);
    if (e.slot & 7) unaligned++;
  }
  *cell = e;
}

void ffipin_held_record(uintptr_t slot, uintptr_t value, ffipin_stack_id_t stack, uint32_t tid) {
  ffipin_lock_acquire(&lock);
  insert_locked((ffipin_held_t){slot, value, stack, tid});
  ffipin_lock_release(&lock);
}

bool ffipin_held_lookup(uintptr_t slot, ffipin_held_t *out) {
  ffipin_lock_acquire(&lock);
  ffipin_held_t *e = ffipin_table_find(&table, slot);
  if (e) *out = *e;
  ffipin_lock_release(&lock);
  return e != NULL;
}

void ffipin_held_forget_if(uintptr_t slot, uintptr_t value) {
  ffipin_lock_acquire(&lock);
  ffipin_held_t *e = ffipin_table_find(&table, slot);
  if (e && e->value == value) erase_entry(e);
  ffipin_lock_release(&lock);
}

size_t ffipin_held_size(void) { return __atomic_load_n(&table.used, __ATOMIC_RELAXED); }

/* Visits the entries with slot in [lo, hi): by probing each aligned address
 * when the range is small next to the table, else by sweeping the table.
 * fn returns true if it erased the cell (then the cell is visited again,
 * since backward shifting may have moved another entry into it). */
static void for_slots_in(uintptr_t lo, uintptr_t hi, bool (*fn)(size_t i, void *arg), void *arg) {
  if (!table.used || lo >= hi) return;
  size_t words = (hi - lo) / 8 + 1;
  if (words < table.cap / 4 && !unaligned) {
    for (uintptr_t a = (lo + 7) & ~(uintptr_t)7; a < hi; a += 8) {
      ffipin_held_t *e = ffipin_table_find(&table, a);
      if (e) fn(ffipin_table_index(&table, e), arg);
    }
    return;
  }
  for (size_t i = 0; i < table.cap;) {
    uintptr_t slot = entry_at(i)->slot;
    if (slot >= lo && slot < hi && fn(i, arg)) continue;
    i++;
  }
}

static bool erase_cb(size_t i, void *arg) {
  erase(i);
  return true;
}

void ffipin_held_forget_range(uintptr_t lo, uintptr_t hi) {
  if (!ffipin_held_size()) return;
  ffipin_lock_acquire(&lock);
  for_slots_in(lo, hi, erase_cb, NULL);
  ffipin_lock_release(&lock);
}

typedef struct {
  ffipin_held_t *out;
  size_t n, cap;
  bool overflow;
} collect_ctx_t;

static bool collect_cb(size_t i, void *arg) {
  collect_ctx_t *c = arg;
  if (c->n < c->cap)
    c->out[c->n++] = *entry_at(i);
  else
    c->overflow = true;
  return false;
}

/* Re-records the slots of [lo, hi) at new_lo + (slot - lo). Without a
 * copier the slots move (realloc: the originals go, the store stacks stay);
 * with one they are copied (memcpy: the source still holds the bytes, and
 * the copy was stored by the copier). All matches are collected first, so
 * overlapping ranges (memmove) never copy a copy: on this stack frame
 * (STACK_BATCH entries) when they are few, else in one mapping sized by the
 * table. */
typedef struct {
  uintptr_t pc, bp;
  uint32_t tid;
} copier_t;

static void relocate(uintptr_t lo, uintptr_t hi, uintptr_t new_lo, const copier_t *by) {
  bool erase_old = by == NULL;
  enum { STACK_BATCH = 256 };
  if (new_lo == lo || !ffipin_held_size()) return;
  ffipin_held_t stack_batch[STACK_BATCH], *big = NULL;
  size_t big_size = 0;
  collect_ctx_t c = {stack_batch, 0, STACK_BATCH, false};
  ffipin_lock_acquire(&lock);
  for_slots_in(lo, hi, collect_cb, &c);
  if (c.overflow) {
    /* Mapping under the lock is rare and cannot re-enter the table. */
    big_size = table.used * sizeof(ffipin_held_t);
    big = ffipin_map_or_die(big_size, "moving held slots");
    c = (collect_ctx_t){big, 0, table.used, false};
    for_slots_in(lo, hi, collect_cb, &c);
  }
  /* The depot's lock nests inside ours (same order as in before_fork). */
  ffipin_stack_id_t copy_stack = by && c.n ? ffipin_stack_capture(by->pc, by->bp) : 0;
  for (size_t k = 0; k < c.n; k++) {
    if (by) {
      c.out[k].stack = copy_stack;
      c.out[k].tid = by->tid;
    }
    if (erase_old) {
      ffipin_held_t *e = ffipin_table_find(&table, c.out[k].slot);
      if (e) erase_entry(e);
    }
    c.out[k].slot = c.out[k].slot - lo + new_lo;
    insert_locked(c.out[k]);
  }
  ffipin_lock_release(&lock);
  if (big) ffipin_unmap(big, big_size);
}

void ffipin_held_move_range(uintptr_t lo, uintptr_t hi, uintptr_t new_lo) {
  /* realloc's old and new blocks never overlap unless they are the same. */
  relocate(lo, hi, new_lo, NULL);
}

void ffipin_held_copy_range(uintptr_t lo, uintptr_t hi, uintptr_t new_lo, uintptr_t pc,
                            uintptr_t bp, uint32_t tid) {
  copier_t by = {pc, bp, tid};
  relocate(lo, hi, new_lo, &by);
}

bool ffipin_held_reread(uintptr_t slot, uintptr_t *now) { return ffipin_safe_read_word(slot, now); }

/* The shared sweep of scan and scan_thread: entries are copied out under
 * the lock, re-read outside it (a re-read is a system call), and dropped if
 * they went stale. */
static size_t sweep(size_t *cursor, ffipin_held_t *out, size_t max,
                    bool (*pick)(const ffipin_held_t *e, const void *arg),
                    bool (*still)(uintptr_t now, const void *arg), const void *arg) {
  size_t n = 0;
  while (n < max) {
    ffipin_held_t batch[64];
    size_t nb = 0, room = max - n < 64 ? max - n : 64;
    ffipin_lock_acquire(&lock);
    while (*cursor < table.cap && nb < room) {
      const ffipin_held_t *e = entry_at(*cursor);
      if (e->slot && pick(e, arg)) batch[nb++] = *e;
      ++*cursor;
    }
    bool done = *cursor >= table.cap;
    ffipin_lock_release(&lock);
    for (size_t k = 0; k < nb; k++) {
      uintptr_t now;
      if (ffipin_held_reread(batch[k].slot, &now) && still(now, arg)) {
        batch[k].value = now;
        out[n++] = batch[k];
      } else {
        ffipin_held_forget_if(batch[k].slot, batch[k].value);
      }
    }
    if (n >= max || done) break;
  }
  return n;
}

typedef struct {
  uintptr_t lo, hi;
} vrange_t;
static bool pick_in_range(const ffipin_held_t *e, const void *arg) {
  const vrange_t *r = arg;
  return e->value >= r->lo && e->value < r->hi;
}
static bool still_in_range(uintptr_t now, const void *arg) {
  const vrange_t *r = arg;
  return now >= r->lo && now < r->hi;
}

size_t ffipin_held_scan(uintptr_t vlo, uintptr_t vhi, size_t *cursor, ffipin_held_t *out,
                        size_t max) {
  vrange_t r = {vlo, vhi};
  return sweep(cursor, out, max, pick_in_range, still_in_range, &r);
}

static bool pick_thread(const ffipin_held_t *e, const void *arg) {
  return e->tid == *(const uint32_t *)arg;
}
static bool still_maybe_foreign(uintptr_t now, const void *arg) {
  return ffipin_bounds_may_contain(now);
}

size_t ffipin_held_scan_thread(uint32_t tid, size_t *cursor, ffipin_held_t *out, size_t max) {
  return sweep(cursor, out, max, pick_thread, still_maybe_foreign, &tid);
}
