/* Guarded copies: lend, release, and the faults on their pages. */
#include "checks/ffipin_check_guard.h"

#include "base/ffipin_flags.h"
#include "checks/ffipin_check_lend.h"
#include "diag/ffipin_report.h"
#include "diag/ffipin_stack.h"
#include "model/ffipin_guard.h"
#include "model/ffipin_pins.h"

void *ffipin_check_lend(ffipin_thread_t *t, const void *base, size_t size, bool writable,
                        bool copyable, uintptr_t pc, uintptr_t bp) {
  ffipin_stack_id_t stack = ffipin_stack_capture(pc, bp);
  void *copy = copyable && ffipin_flags.guard_lends
                   ? ffipin_guard_lend(base, size, writable, stack, t->tid)
                   : NULL;
  if (copy) return copy;
  ffipin_pins_add((uintptr_t)base, size ? size : 1, stack, t->tid);
  return (void *)base;
}

void ffipin_check_release(ffipin_thread_t *t, void *lent, ffipin_release_mode_t mode,
                          bool copy_back_always, uintptr_t pc, uintptr_t bp) {
  ffipin_lend_t l;
  if (!ffipin_guard_find_live(lent, &l)) {
    /* Lent without a copy (or never lent): a plain pin. */
    if (mode != FFIPIN_RELEASE_COMMIT) ffipin_check_unpin(t, (uintptr_t)lent, pc, bp);
    return;
  }
  if (mode != FFIPIN_RELEASE_ABORT && (l.writable || copy_back_always))
    ffipin_guard_copy_back(lent);
  if (mode == FFIPIN_RELEASE_COMMIT) return;
  /* What C still holds into the copy is reported against the lend. */
  ffipin_check_unpin(t, l.copy, pc, bp);
  ffipin_guard_end(lent, ffipin_stack_capture(pc, bp), t->tid);
}

bool ffipin_check_fault(ffipin_thread_t *t, uintptr_t addr, bool is_write, uintptr_t pc,
                        uintptr_t bp, uintptr_t sp) {
  ffipin_lend_t l = {0};
  ffipin_fault_kind_t kind = ffipin_guard_classify(addr, &l);
  if (kind == FFIPIN_FAULT_NOT_OURS) return false;
  bool after = kind != FFIPIN_FAULT_PAST_END;
  ffipin_report_t r = {
      .kind = after ? FFIPIN_BUG_USE_AFTER_UNPIN : FFIPIN_BUG_LEND_OVERFLOW,
      .slot = addr,
      .value = l.original,
      .range_begin = l.copy,
      .range_size = l.size,
      .access = true,
      .is_write = is_write,
      .access_pc = pc,
      .access_bp = bp,
      .access_sp = sp,
      .stacks = {{is_write ? "WRITE of lent memory" : "READ of lent memory",
                  ffipin_stack_capture_context(pc, bp), t->tid},
                 {l.copy ? "lent" : NULL, l.lend_stack, l.lend_tid},
                 {kind == FFIPIN_FAULT_AFTER_RELEASE ? "released" : NULL, l.release_stack,
                  l.release_tid}},
  };
  ffipin_report_error(&r);
  ffipin_guard_open_after_report(addr);
  return true;
}
