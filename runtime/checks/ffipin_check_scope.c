/* The cgo rule, generalised (borrow-escaped): when a call scope ends, no
 * C-resident slot written during it may still point into memory that was
 * only lent for the call (a range borrowed in it, or the registered heap)
 * unless a pin covers the pointee. */
#include "checks/ffipin_check_scope.h"

#include "diag/ffipin_report.h"

#include "checks/ffipin_event_stack.h"

#include "model/ffipin_foreign.h"
#include "model/ffipin_heaps.h"
#include "model/ffipin_held.h"
#include "model/ffipin_scope.h"

typedef struct {
  ffipin_thread_t *t;
  uintptr_t pc, bp;
  ffipin_stack_id_t end_stack; /* captured on the first report only */
} judge_ctx_t;

/* Decides one slot written in the closing scope, which now holds `now`. */
static void judge(judge_ctx_t *c, const ffipin_held_t *e, uintptr_t now) {
  ffipin_thread_t *t = c->t;
  ffipin_scope_t *s = &t->scopes[t->depth - 1];
  if (ffipin_foreign_pinned(now)) return;
  ffipin_range_t r;
  uintptr_t hlo = 0, hhi = 0;
  const char *heap = NULL;
  if (!ffipin_scope_in_borrows(s, now, &r)) {
    heap = ffipin_heaps_find(now, &hlo, &hhi);
    /* Not borrowed in this scope, so any match is an enclosing scope's. */
    bool lent_outside = ffipin_scope_find_borrow(t, now, NULL) >= 0;
    if (!heap && !lent_outside) return; /* not foreign (any more) */
    if (t->depth > 1) {
      /* An enclosing call is still running and may have lent the pointer
       * itself (a callback into Go that calls C again): let the enclosing
       * scope judge the slot when it ends. */
      ffipin_scope_log_in(&t->scopes[t->depth - 2], e->slot);
      return;
    }
    r = (ffipin_range_t){hlo, hhi - hlo};
  }
  /* Still the program's slot: not freed since the scope read it. */
  if (!ffipin_held_still(e)) return;
  if (!c->end_stack) c->end_stack = ffipin_event_stack(c->pc, c->bp);
  uintptr_t begin_pc = s->begin_pc;
  ffipin_report_t rep = {
      .kind = FFIPIN_BUG_BORROW_ESCAPED,
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

static bool judge_cb(const ffipin_held_t *e, uintptr_t now, void *arg) {
  judge(arg, e, now);
  return true;
}

bool ffipin_check_scope_end(ffipin_thread_t *t, uintptr_t pc, uintptr_t bp) {
  ffipin_scope_open_announced(t); /* C's call_end may end an announced scope */
  if (!t->depth) return false;
  ffipin_scope_t *s = &t->scopes[t->depth - 1];
  judge_ctx_t c = {t, pc, bp, 0};
  if (s->nslots || s->slots_overflowed) ffipin_scope_for_each_written(t, judge_cb, &c);
  ffipin_scope_close(t);
  return true;
}
