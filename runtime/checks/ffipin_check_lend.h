/* Lends that end: unpins (pin-outlived, bad-unpin), collected or moved objects,
 * pins never ended (pin-leak). */
#ifndef FFIPIN_CHECK_LEND_H
#define FFIPIN_CHECK_LEND_H

#include "base/ffipin_thread.h"
#include "diag/ffipin_bug_kinds.h"

/* Drops one pin of base: bad-unpin if it is not pinned, pin-outlived for
 * each held slot still pointing into it when the count reaches zero. */
void ffipin_check_unpin(ffipin_thread_t *t, uintptr_t base, uintptr_t pc,
                        uintptr_t bp) FFIPIN_INTERNAL;
/* collected-while-held / moved-while-held for each held slot pointing into
 * [base, base+size) (moved_to: the object's new address, or 0). */
void ffipin_check_object_gone(ffipin_thread_t *t, ffipin_bug_kind_t kind, uintptr_t base,
                              uintptr_t size, uintptr_t moved_to, uintptr_t pc,
                              uintptr_t bp) FFIPIN_INTERNAL;
/* pin-leak, at exit: every pin never released (all listed before halting). */
void ffipin_check_pin_leaks(void) FFIPIN_INTERNAL;

#endif
