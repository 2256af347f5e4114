/* Every bug decision, in one layer: each function looks at the model (held
 * slots, pins, heaps, scopes) and decides whether an event is a bug, then
 * files the report. The entry points (interface, pass callbacks,
 * interceptors, language bindings) call only these to judge. pc/bp are the
 * caller of the exported entry point, for the stack of the event. */
#ifndef FFIPIN_CHECKS_H
#define FFIPIN_CHECKS_H

#include "base/ffipin_thread.h"
#include "diag/ffipin_report.h"
#include "diag/ffipin_stack.h"

// Stores (checks/ffipin_check_store.c)

/* How sure the caller is that the stored word is a pointer. */
typedef enum {
  FFIPIN_STORE_POINTER, /* a pointer (or a ptrtoint of one) */
  FFIPIN_STORE_GUESS,   /* copied bytes that may be data: tracked, but an
                           unpinned-store is never reported on a guess */
} ffipin_store_kind_t;

/* slot was just given value, which is inside the fast path's bounds: if the
 * value is foreign and the slot C-resident, the slot becomes held, and a
 * store of an unpinned heap pointer outside every scope is unpinned-store.
 * *stack is the store stack, captured from pc/bp on first need (so a memcpy
 * that copies many pointers unwinds once). */
void ffipin_check_store(ffipin_thread_t *t, uintptr_t slot, uintptr_t value,
                        ffipin_store_kind_t kind, ffipin_stack_id_t *stack, uintptr_t pc,
                        uintptr_t bp) FFIPIN_INTERNAL;

// Scopes (checks/ffipin_check_scope.c)

/* borrow-escaped: judges the slots written in the innermost scope, then
 * closes it. False if no scope is open. */
bool ffipin_check_scope_end(ffipin_thread_t *t, uintptr_t pc, uintptr_t bp) FFIPIN_INTERNAL;

// Lends that end (checks/ffipin_check_lend.c)

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

// Misuse of the interface (checks/ffipin_check_lend.c)

/* invalid-call with the given explanation; addr 0 when there is none. */
void ffipin_check_invalid_call(ffipin_thread_t *t, uintptr_t addr, const char *msg, uintptr_t pc,
                               uintptr_t bp) FFIPIN_INTERNAL;

#endif
