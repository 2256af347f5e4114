/* Call scopes (a cgo call, a Python method call): what was borrowed in
 * them, which C slots were written in them, and the borrow-escaped check
 * when they end. */
#ifndef FFIPIN_SCOPE_H
#define FFIPIN_SCOPE_H

#include "ffipin_held.h"
#include "ffipin_thread.h"

/* False if the thread already has FFIPIN_MAX_SCOPES open scopes. */
bool ffipin_scope_begin(ffipin_thread *t, uptr caller_pc) FFIPIN_INTERNAL;
/* Judges the slots written in the innermost scope, then closes it. pc/bp
 * are the call_end caller's, for the "call scope ended" stack. False if no
 * scope is open. */
bool ffipin_scope_end(ffipin_thread *t, uptr pc, uptr bp) FFIPIN_INTERNAL;
/* Lends [base, base+size) until the innermost scope ends. False if no scope
 * is open. */
bool ffipin_scope_borrow(ffipin_thread *t, uptr base, uptr size) FFIPIN_INTERNAL;
/* The innermost open scope (index into t->scopes) that borrowed a range
 * containing addr, or -1. */
int ffipin_scope_find_borrow(const ffipin_thread *t, uptr addr, ffipin_range_t *r) FFIPIN_INTERNAL;
/* Calls fn(entry, now, arg) for each slot written in the innermost scope
 * that is still held and readable (now: its value re-read), or, when the
 * scope's log overflowed, for every slot this thread holds. Stops when fn
 * returns false. */
void ffipin_scope_for_each_written(ffipin_thread *t,
                                   bool (*fn)(const ffipin_held *e, uptr now, void *arg),
                                   void *arg) FFIPIN_INTERNAL;
/* Remembers that slot was given a foreign pointer in the innermost scope. */
void ffipin_scope_log_slot(ffipin_thread *t, uptr slot) FFIPIN_INTERNAL;

#endif
