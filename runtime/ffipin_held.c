/* One open-addressing table of 24-byte entries under one spinlock, grown by
 * doubling at 3/4 load: at most 64 bytes of table per held slot. Only the
 * slow path (a store of a pointer that is really foreign) and the rare
 * lend-ending events come here. */
#include "ffipin_held.h"

#include "ffipin_hash.h"
#include "ffipin_heaps.h"
#include "ffipin_lock.h"
#include "ffipin_platform.h"

static ffipin_lock lock = FFIPIN_LOCK_INIT;
static ffipin_held *table;
static size_t cap, used;
static size_t unaligned; /* entries whose slot is not 8-byte aligned */

void ffipin_held_lock(void) { ffipin_lock_acquire(&lock); }
void ffipin_held_unlock(void) { ffipin_lock_release(&lock); }

static size_t cell(ffipin_held *t, size_t c, uptr slot) {
  size_t i = ffipin_hash_addr(slot, c - 1);
  while (t[i].slot && t[i].slot != slot) i = (i + 1) & (c - 1);
  return i;
}

static void grow(void) {
  size_t ncap = cap ? cap * 2 : 4096;
  ffipin_held *nt = ffipin_map(ncap * sizeof(ffipin_held));
  if (!nt) ffipin_fatal("out of memory growing the held-slot table to %zu entries", ncap);
  for (size_t i = 0; i < cap; i++)
    if (table[i].slot) nt[cell(nt, ncap, table[i].slot)] = table[i];
  if (table) ffipin_unmap(table, cap * sizeof(ffipin_held));
  table = nt;
  cap = ncap;
}

static void erase(size_t hole) {
  if (table[hole].slot & 7) unaligned--;
  size_t at = hole;
  for (;;) {
    at = (at + 1) & (cap - 1);
    if (!table[at].slot) break;
    size_t home = ffipin_hash_addr(table[at].slot, cap - 1);
    if (ffipin_hash_can_fill(home, hole, at)) {
      table[hole] = table[at];
      hole = at;
    }
  }
  table[hole].slot = 0;
  used--;
  ffipin_range_set_held(used);
}

static void insert_locked(ffipin_held e) {
  if ((used + 1) * 4 > cap * 3) grow();
  size_t i = cell(table, cap, e.slot);
  if (!table[i].slot) {
    used++;
    ffipin_range_set_held(used);
    if (e.slot & 7) unaligned++;
  }
  table[i] = e;
}

void ffipin_held_record(uptr slot, uptr value, ffipin_stack_id stack, uint32_t tid) {
  ffipin_lock_acquire(&lock);
  insert_locked((ffipin_held){slot, value, stack, tid});
  ffipin_lock_release(&lock);
}

bool ffipin_held_lookup(uptr slot, ffipin_held *out) {
  bool found = false;
  ffipin_lock_acquire(&lock);
  if (cap) {
    size_t i = cell(table, cap, slot);
    if (table[i].slot) { *out = table[i]; found = true; }
  }
  ffipin_lock_release(&lock);
  return found;
}

void ffipin_held_forget_if(uptr slot, uptr value) {
  ffipin_lock_acquire(&lock);
  if (cap) {
    size_t i = cell(table, cap, slot);
    if (table[i].slot && table[i].value == value) erase(i);
  }
  ffipin_lock_release(&lock);
}

size_t ffipin_held_size(void) { return __atomic_load_n(&used, __ATOMIC_RELAXED); }

/* Visits the entries with slot in [lo, hi): by probing each aligned address
 * when the range is small next to the table, else by sweeping the table.
 * fn returns true if it erased the cell (then the cell is visited again,
 * since backward shifting may have moved another entry into it). */
static void for_slots_in(uptr lo, uptr hi, bool (*fn)(size_t i, void *arg), void *arg) {
  if (!cap || !used || lo >= hi) return;
  size_t words = (hi - lo) / 8 + 1;
  if (words < cap / 4 && !unaligned) {
    for (uptr a = (lo + 7) & ~(uptr)7; a < hi; a += 8) {
      size_t i = cell(table, cap, a);
      if (table[i].slot) fn(i, arg);
    }
    return;
  }
  for (size_t i = 0; i < cap;) {
    if (table[i].slot >= lo && table[i].slot < hi && fn(i, arg)) continue;
    i++;
  }
}

static bool erase_cb(size_t i, void *arg) { erase(i); return true; }

void ffipin_held_forget_range(uptr lo, uptr hi) {
  if (!__atomic_load_n(&used, __ATOMIC_RELAXED)) return;
  ffipin_lock_acquire(&lock);
  for_slots_in(lo, hi, erase_cb, NULL);
  ffipin_lock_release(&lock);
}

typedef struct {
  ffipin_held *out;
  size_t n, cap;
  bool overflow;
} collect_ctx;

static bool collect_cb(size_t i, void *arg) {
  collect_ctx *c = arg;
  if (c->n < c->cap) c->out[c->n++] = table[i];
  else c->overflow = true;
  return false;
}

/* Re-records the slots of [lo, hi) at new_lo + (slot - lo). Without a
 * copier the slots move (realloc: the originals go, the store stacks stay);
 * with one they are copied (memcpy: the source still holds the bytes, and
 * the copy was stored by the copier). All matches are collected first, so overlapping ranges
 * (memmove) never copy a copy: on this stack frame (6 KiB) when they are
 * few, else in one mapping sized by the table. */
typedef struct {
  uptr pc, bp;
  uint32_t tid;
} copier;

static void relocate(uptr lo, uptr hi, uptr new_lo, const copier *by) {
  bool erase_old = by == NULL;
  enum { kStackBatch = 256 };
  if (new_lo == lo || !__atomic_load_n(&used, __ATOMIC_RELAXED)) return;
  ffipin_held stack_batch[kStackBatch], *big = NULL;
  size_t big_size = 0;
  collect_ctx c = {stack_batch, 0, kStackBatch, false};
  ffipin_lock_acquire(&lock);
  for_slots_in(lo, hi, collect_cb, &c);
  if (c.overflow) {
    /* Mapping under the lock is rare and cannot re-enter the table. */
    big_size = used * sizeof(ffipin_held);
    big = ffipin_map(big_size);
    if (!big) ffipin_fatal("out of memory moving %zu held slots", used);
    c = (collect_ctx){big, 0, used, false};
    for_slots_in(lo, hi, collect_cb, &c);
  }
  /* The depot's lock nests inside ours (same order as in before_fork). */
  ffipin_stack_id copy_stack = by && c.n ? ffipin_stack_capture(by->pc, by->bp) : 0;
  for (size_t k = 0; k < c.n; k++) {
    if (by) {
      c.out[k].stack = copy_stack;
      c.out[k].tid = by->tid;
    }
    if (erase_old) {
      size_t i = cell(table, cap, c.out[k].slot);
      if (table[i].slot) erase(i);
    }
    c.out[k].slot = c.out[k].slot - lo + new_lo;
    insert_locked(c.out[k]);
  }
  ffipin_lock_release(&lock);
  if (big) ffipin_unmap(big, big_size);
}

void ffipin_held_move_range(uptr lo, uptr hi, uptr new_lo) {
  /* realloc's old and new blocks never overlap unless they are the same. */
  relocate(lo, hi, new_lo, NULL);
}

void ffipin_held_copy_range(uptr lo, uptr hi, uptr new_lo, uptr pc, uptr bp, uint32_t tid) {
  copier by = {pc, bp, tid};
  relocate(lo, hi, new_lo, &by);
}

bool ffipin_held_reread(uptr slot, uptr *now) {
  return ffipin_safe_read_word(slot, now);
}

/* The shared sweep of scan and scan_thread: entries are copied out under
 * the lock, re-read outside it (a re-read is a system call), and dropped if
 * they went stale. */
static size_t sweep(size_t *cursor, ffipin_held *out, size_t max,
                    bool (*pick)(const ffipin_held *e, const void *arg),
                    bool (*still)(uptr now, const void *arg), const void *arg) {
  size_t n = 0;
  while (n < max) {
    ffipin_held batch[64];
    size_t nb = 0, room = max - n < 64 ? max - n : 64;
    ffipin_lock_acquire(&lock);
    while (*cursor < cap && nb < room) {
      if (table[*cursor].slot && pick(&table[*cursor], arg)) batch[nb++] = table[*cursor];
      ++*cursor;
    }
    bool done = *cursor >= cap;
    ffipin_lock_release(&lock);
    for (size_t k = 0; k < nb; k++) {
      uptr now;
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

typedef struct { uptr lo, hi; } vrange;
static bool pick_in_range(const ffipin_held *e, const void *arg) {
  const vrange *r = arg;
  return e->value >= r->lo && e->value < r->hi;
}
static bool still_in_range(uptr now, const void *arg) {
  const vrange *r = arg;
  return now >= r->lo && now < r->hi;
}

size_t ffipin_held_scan(uptr vlo, uptr vhi, size_t *cursor, ffipin_held *out, size_t max) {
  vrange r = {vlo, vhi};
  return sweep(cursor, out, max, pick_in_range, still_in_range, &r);
}

static bool pick_thread(const ffipin_held *e, const void *arg) {
  return e->tid == *(const uint32_t *)arg;
}
static bool still_maybe_foreign(uptr now, const void *arg) {
  return ffipin_range_may_contain(now);
}

size_t ffipin_held_scan_thread(uint32_t tid, size_t *cursor, ffipin_held *out, size_t max) {
  return sweep(cursor, out, max, pick_thread, still_maybe_foreign, &tid);
}
