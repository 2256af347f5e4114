/* Call scopes: a thread's open foreign calls, what was borrowed in each,
 * and which C slots were given foreign pointers in each. Only the slots a
 * thread logged during a scope are re-read when it ends, so a clean call
 * costs nothing (the judgement is checks/ffipin_check_scope.c). */
#include "model/ffipin_scope.h"

#include <stdatomic.h>

#include "base/ffipin_stats.h"
#include "model/ffipin_bounds.h"
#include "model/ffipin_held.h"

static _Atomic ffipin_scope_opener_fn opener;

void ffipin_scope_set_opener(ffipin_scope_opener_fn fn) { atomic_store(&opener, fn); }

void ffipin_scope_open_announced(ffipin_thread_t *t) {
  ffipin_scope_opener_fn fn = atomic_load_explicit(&opener, memory_order_relaxed);
  if (fn) fn(t);
}

bool ffipin_scope_begin(ffipin_thread_t *t, uintptr_t caller_pc) {
  ffipin_scope_open_announced(t);
  if (!ffipin_scope_open(t, caller_pc)) return false;
  FFIPIN_COUNT(call_scopes);
  return true;
}

bool ffipin_scope_open(ffipin_thread_t *t, uintptr_t caller_pc) {
  if (t->depth >= FFIPIN_MAX_SCOPES) return false;
  FFIPIN_COUNT(call_scopes_opened);
  ffipin_scope_t *s = &t->scopes[t->depth++];
  s->begin_pc = caller_pc;
  s->nborrows = 0;
  s->borrows_overflowed = false;
  s->nslots = 0;
  s->slots_overflowed = false;
  return true;
}

bool ffipin_scope_borrow(ffipin_thread_t *t, uintptr_t base, uintptr_t size) {
  ffipin_scope_open_announced(t);
  if (!t->depth) return false;
  ffipin_scope_t *s = &t->scopes[t->depth - 1];
  if (s->nborrows < FFIPIN_MAX_BORROWS) {
    s->borrows[s->nborrows++] = (ffipin_range_t){base, size};
  } else {
    /* Widen the last entry: may call more memory borrowed than was, which
     * can only add reports about pointers into the gap, never lose one. */
    ffipin_range_t *last = &s->borrows[FFIPIN_MAX_BORROWS - 1];
    uintptr_t lo = base < last->base ? base : last->base;
    uintptr_t hi = base + size > last->base + last->size ? base + size : last->base + last->size;
    *last = (ffipin_range_t){lo, hi - lo};
    s->borrows_overflowed = true;
  }
  ffipin_bounds_include(base, size);
  return true;
}

bool ffipin_scope_in_borrows(const ffipin_scope_t *s, uintptr_t addr, ffipin_range_t *r) {
  for (unsigned i = 0; i < s->nborrows; i++) {
    if (addr - s->borrows[i].base < (s->borrows[i].size ? s->borrows[i].size : 1)) {
      if (r) *r = s->borrows[i];
      return true;
    }
  }
  return false;
}

int ffipin_scope_find_borrow(const ffipin_thread_t *t, uintptr_t addr, ffipin_range_t *r) {
  for (int d = (int)t->depth - 1; d >= 0; d--)
    if (ffipin_scope_in_borrows(&t->scopes[d], addr, r)) return d;
  return -1;
}

void ffipin_scope_log_in(ffipin_scope_t *s, uintptr_t slot) {
  for (unsigned i = 0; i < s->nslots; i++)
    if (s->slots[i] == slot) return;
  if (s->nslots < FFIPIN_SCOPE_SLOT_LOG)
    s->slots[s->nslots++] = slot;
  else
    s->slots_overflowed = true;
}

void ffipin_scope_log_slot(ffipin_thread_t *t, uintptr_t slot) {
  if (t->depth) ffipin_scope_log_in(&t->scopes[t->depth - 1], slot);
}

void ffipin_scope_for_each_written(ffipin_thread_t *t,
                                   bool (*fn)(const ffipin_held_t *e, uintptr_t now, void *arg),
                                   void *arg) {
  /* No open scope (C ended one it did not begin): nothing was written in it. */
  if (!t->depth) return;
  ffipin_scope_t *s = &t->scopes[t->depth - 1];
  for (unsigned i = 0; i < s->nslots; i++) {
    ffipin_held_t e;
    uintptr_t now;
    /* Not held any more: freed or unmapped since. */
    if (!ffipin_held_lookup(s->slots[i], &e) || !ffipin_held_reread(s->slots[i], &now)) continue;
    if (!fn(&e, now, arg)) return;
  }
  if (!s->slots_overflowed) return;
  /* More slots than the log holds: everything this thread holds. Slots from
   * before the scope that still hold unpinned heap pointers are bugs as
   * well, so this widens the net without false reports. */
  ffipin_held_t batch[32];
  ffipin_held_cursor_t cursor = FFIPIN_HELD_CURSOR_INIT;
  size_t n;
  while ((n = ffipin_held_scan_thread(t->tid, &cursor, batch, 32)))
    for (size_t i = 0; i < n; i++)
      if (!fn(&batch[i], batch[i].value, arg)) return;
}

void ffipin_scope_close(ffipin_thread_t *t) {
  if (t->depth) t->depth--;
}
