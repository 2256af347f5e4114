/* Call scopes (a cgo call, a Python method call): what was borrowed in
 * them and which C slots were written in them. The records live in the
 * thread state (base/ffipin_thread.h); the borrow-escaped judgement at a
 * scope's end is checks/ffipin_check_scope.c. */
#ifndef FFIPIN_SCOPE_H
#define FFIPIN_SCOPE_H

#include "base/ffipin_thread.h"
#include "model/ffipin_held.h"

/* False if the thread already has FFIPIN_MAX_SCOPES open scopes. Opens
 * the scopes a binding announced first (they enclose this one). */
bool ffipin_scope_begin(ffipin_thread_t *t, uintptr_t caller_pc) FFIPIN_INTERNAL;

/* Announced scopes: a binding whose calls nearly always end without the
 * runtime needing their scope (a cgo call) only notes each call's begin in
 * its own thread-local state, and opens the scopes it announced, outermost
 * first, through its opener (with ffipin_scope_open) when the runtime first
 * needs the thread's scopes: before a scope begins or borrows, before a
 * store is judged, before a scope ends. Such a call's end then costs
 * nothing unless its scope was opened. One binding registers an opener. */
typedef void (*ffipin_scope_opener_fn)(ffipin_thread_t *t);
void ffipin_scope_set_opener(ffipin_scope_opener_fn fn) FFIPIN_INTERNAL;
/* Opens the scopes announced on this thread (nothing if none was). */
void ffipin_scope_open_announced(ffipin_thread_t *t) FFIPIN_INTERNAL;
/* Opens one scope without opening announced ones first: for the opener
 * (the binding counted the scope as begun when it announced it). Counted as
 * opened. False if the thread already has FFIPIN_MAX_SCOPES open scopes. */
bool ffipin_scope_open(ffipin_thread_t *t, uintptr_t caller_pc) FFIPIN_INTERNAL;
/* Closes the innermost scope (if one is open), without judging it. */
void ffipin_scope_close(ffipin_thread_t *t) FFIPIN_INTERNAL;
/* Lends [base, base+size) until the innermost scope ends. False if no scope
 * is open. */
bool ffipin_scope_borrow(ffipin_thread_t *t, uintptr_t base, uintptr_t size) FFIPIN_INTERNAL;
/* True if one of s's borrowed ranges contains addr (copied to *r if r). */
bool ffipin_scope_in_borrows(const ffipin_scope_t *s, uintptr_t addr,
                             ffipin_range_t *r) FFIPIN_INTERNAL;
/* The innermost open scope (index into t->scopes) that borrowed a range
 * containing addr, or -1. */
int ffipin_scope_find_borrow(const ffipin_thread_t *t, uintptr_t addr,
                             ffipin_range_t *r) FFIPIN_INTERNAL;
/* Calls fn(entry, now, arg) for each slot written in the innermost scope
 * that is still held and readable (now: its value re-read), or, when the
 * scope's log overflowed, for every slot this thread holds. Stops when fn
 * returns false. Nothing when no scope is open. */
void ffipin_scope_for_each_written(ffipin_thread_t *t,
                                   bool (*fn)(const ffipin_held_t *e, uintptr_t now, void *arg),
                                   void *arg) FFIPIN_INTERNAL;
/* Remembers that slot was given a foreign pointer in scope s / in the
 * innermost scope of t. */
void ffipin_scope_log_in(ffipin_scope_t *s, uintptr_t slot) FFIPIN_INTERNAL;
void ffipin_scope_log_slot(ffipin_thread_t *t, uintptr_t slot) FFIPIN_INTERNAL;

#endif
