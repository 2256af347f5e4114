/* The cgo rule, generalised: when a call scope ends, no C-resident slot
 * written during it may still point into memory that was only lent for the
 * call (a range borrowed in it, or the registered heap) unless a pin covers
 * the pointee. Only the slots this thread logged during the scope are
 * re-read, so a clean call costs nothing here. */
#include "ffipin_scope.h"

#include "ffipin_held.h"
#include "ffipin_heaps.h"
#include "ffipin_report.h"
#include "ffipin_shadow.h"

bool ffipin_scope_begin(ffipin_thread *t, uptr caller_pc) {
  if (t->depth >= FFIPIN_MAX_SCOPES) return false;
  ffipin_scope *s = &t->scopes[t->depth++];
  s->begin_pc = caller_pc;
  s->nborrows = 0;
  s->borrows_overflowed = false;
  s->nslots = 0;
  s->slots_overflowed = false;
  return true;
}

bool ffipin_scope_borrow(ffipin_thread *t, uptr base, uptr size) {
  if (!t->depth) return false;
  ffipin_scope *s = &t->scopes[t->depth - 1];
  if (s->nborrows < FFIPIN_MAX_BORROWS) {
    s->borrows[s->nborrows++] = (ffipin_range_t){base, size};
  } else {
    /* Widen the last entry: may call more memory borrowed than was, which
     * can only add reports about pointers into the gap, never lose one. */
    ffipin_range_t *last = &s->borrows[FFIPIN_MAX_BORROWS - 1];
    uptr lo = base < last->base ? base : last->base;
    uptr hi = base + size > last->base + last->size ? base + size : last->base + last->size;
    *last = (ffipin_range_t){lo, hi - lo};
    s->borrows_overflowed = true;
  }
  ffipin_range_include(base, size);
  return true;
}

static bool in_scope_borrows(const ffipin_scope *s, uptr addr, ffipin_range_t *r) {
  for (unsigned i = 0; i < s->nborrows; i++) {
    if (addr - s->borrows[i].base < (s->borrows[i].size ? s->borrows[i].size : 1)) {
      if (r) *r = s->borrows[i];
      return true;
    }
  }
  return false;
}

int ffipin_scope_find_borrow(const ffipin_thread *t, uptr addr, ffipin_range_t *r) {
  for (int d = (int)t->depth - 1; d >= 0; d--)
    if (in_scope_borrows(&t->scopes[d], addr, r)) return d;
  return -1;
}

static void log_in(ffipin_scope *s, uptr slot) {
  for (unsigned i = 0; i < s->nslots; i++)
    if (s->slots[i] == slot) return;
  if (s->nslots < FFIPIN_SCOPE_SLOT_LOG) s->slots[s->nslots++] = slot;
  else s->slots_overflowed = true;
}

void ffipin_scope_log_slot(ffipin_thread *t, uptr slot) {
  if (t->depth) log_in(&t->scopes[t->depth - 1], slot);
}

typedef struct {
  ffipin_thread *t;
  uptr pc, bp;
  ffipin_stack_id end_stack; /* captured on the first report only */
} judge_ctx;

/* Decides one slot written in the closing scope, which now holds `now`. */
static void judge(judge_ctx *c, const ffipin_held *e, uptr now) {
  ffipin_thread *t = c->t;
  ffipin_scope *s = &t->scopes[t->depth - 1];
  if (ffipin_shadow_pinned(now)) return;
  ffipin_range_t r;
  uptr hlo = 0, hhi = 0;
  const char *heap = NULL;
  if (!in_scope_borrows(s, now, &r)) {
    heap = ffipin_heaps_find(now, &hlo, &hhi);
    /* Not borrowed in this scope, so any match is an enclosing scope's. */
    bool lent_outside = ffipin_scope_find_borrow(t, now, NULL) >= 0;
    if (!heap && !lent_outside) return; /* not foreign (any more) */
    if (t->depth > 1) {
      /* An enclosing call is still running and may have lent the pointer
       * itself (a callback into Go that calls C again): let the enclosing
       * scope judge the slot when it ends. */
      log_in(&t->scopes[t->depth - 2], e->slot);
      return;
    }
    r = (ffipin_range_t){hlo, hhi - hlo};
  }
  if (!c->end_stack) c->end_stack = ffipin_stack_capture(c->pc, c->bp);
  uptr begin_pc = s->begin_pc;
  ffipin_report rep = {
      .kind = ffipin_bug_BorrowEscaped,
      .slot = e->slot,
      .value = now,
      .range_begin = r.base,
      .range_size = r.size,
      .heap_name = heap,
      .stacks = {{"STORE of foreign pointer", e->stack, e->tid},
                 {"call scope ended", c->end_stack, t->tid},
                 {"call scope began", begin_pc ? ffipin_stack_from_pcs(&begin_pc, 1) : 0, t->tid}},
  };
  ffipin_report_error(&rep);
}

void ffipin_scope_for_each_written(ffipin_thread *t,
                                   bool (*fn)(const ffipin_held *e, uptr now, void *arg),
                                   void *arg) {
  ffipin_scope *s = &t->scopes[t->depth - 1];
  for (unsigned i = 0; i < s->nslots; i++) {
    ffipin_held e;
    uptr now;
    /* Not held any more: freed or unmapped since. */
    if (!ffipin_held_lookup(s->slots[i], &e) || !ffipin_held_reread(s->slots[i], &now)) continue;
    if (!fn(&e, now, arg)) return;
  }
  if (!s->slots_overflowed) return;
  /* More slots than the log holds: everything this thread holds. Slots from
   * before the scope that still hold unpinned heap pointers are bugs as
   * well, so this widens the net without false reports. */
  ffipin_held batch[32];
  size_t cursor = 0, n;
  while ((n = ffipin_held_scan_thread(t->tid, &cursor, batch, 32)))
    for (size_t i = 0; i < n; i++)
      if (!fn(&batch[i], batch[i].value, arg)) return;
}

static bool judge_cb(const ffipin_held *e, uptr now, void *arg) {
  judge(arg, e, now);
  return true;
}

bool ffipin_scope_end(ffipin_thread *t, uptr pc, uptr bp) {
  if (!t->depth) return false;
  ffipin_scope *s = &t->scopes[t->depth - 1];
  judge_ctx c = {t, pc, bp, 0};
  if (s->nslots || s->slots_overflowed) ffipin_scope_for_each_written(t, judge_cb, &c);
  t->depth--;
  return true;
}
