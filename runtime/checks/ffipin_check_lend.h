/* Lends that end: unpins (pin-outlived, bad-unpin), collected or moved objects,
 * pins never ended (pin-leak). */
#ifndef FFIPIN_CHECK_LEND_H
#define FFIPIN_CHECK_LEND_H

#include "base/ffipin_thread.h"
#include "diag/ffipin_bug_kinds.h"
#include "diag/ffipin_stack.h"

/* Drops one pin of base: bad-unpin if it is not pinned, pin-outlived for
 * each held slot still pointing into it when the count reaches zero. */
void ffipin_check_unpin(ffipin_thread_t *t, uintptr_t base, uintptr_t pc,
                        uintptr_t bp) FFIPIN_INTERNAL;
/* The same, for an unpin whose stack the binding captured (a managed
 * runtime's own stack, which the frame-pointer unwinder cannot reach). */
void ffipin_check_unpin_at(ffipin_thread_t *t, uintptr_t base,
                           ffipin_stack_id_t stack) FFIPIN_INTERNAL;
/* collected-while-held / moved-while-held for each held slot pointing into
 * [base, base+size) (moved_to: the object's new address, or 0). */
void ffipin_check_object_gone(ffipin_thread_t *t, ffipin_bug_kind_t kind, uintptr_t base,
                              uintptr_t size, uintptr_t moved_to, uintptr_t pc,
                              uintptr_t bp) FFIPIN_INTERNAL;
/* pin-leak now: the managed runtime dropped whatever would have released
 * the pin of base (a runtime.Pinner collected while pinning), at `stack`;
 * `why` completes the report's sentence. Nothing if base is not pinned. */
void ffipin_check_pin_dropped(ffipin_thread_t *t, uintptr_t base, ffipin_stack_id_t stack,
                              const char *why) FFIPIN_INTERNAL;
/* pin-leak, at exit: every pin never released (all listed before halting). */
void ffipin_check_pin_leaks(void) FFIPIN_INTERNAL;

#endif
