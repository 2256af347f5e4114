/* Each cgo call opens a call scope on its thread, and its end judges the
 * scope (borrow-escaped). A cgo call's C half always begins and ends on the
 * same thread (the goroutine is locked to its M for the call), but it need
 * not end: a Go panic in a callback unwinds through the C frames without
 * returning through them (Go's testCallbackPanicLoop does it 100,000
 * times). So each open call remembers its wrapper's frame, on the system
 * stack where the C half runs (asmcgocall starts every wrapper at the same
 * place, so wrappers of different sizes have the same frame pointer there):
 * a call whose frame a later begin reuses, or that lies below a returning
 * call's frame, is gone, and its scope is judged and closed then. The scope index kept per call
 * also lets a call end cleanly after C code closed or left open scopes of its own
 * (__ffipin_call_end in the called C code). */
#include "ffipin_go_calls.h"

#include "base/ffipin_thread.h"
#include "checks/ffipin_checks.h"
#include "entry/ffipin_init.h"
#include "ffipin_go_errno.h"
#include "ffipin_go_objects.h"
#include "model/ffipin_bounds.h"
#include "model/ffipin_heaps.h"
#include "model/ffipin_lends.h"
#include "model/ffipin_scope.h"
#include "model/ffipin_shadow.h"

/* Open cgo calls of this thread; the innermost FFIPIN_MAX_SCOPES are
 * remembered: their begin's frame, and the scope depth their scope got
 * (0: none, e.g. the runtime was busy on this thread). Kept small: static
 * TLS of a preloaded runtime is scarce. */
enum { CALLS = FFIPIN_MAX_SCOPES };
static FFIPIN_TLS unsigned depth;
static FFIPIN_TLS uintptr_t frames[CALLS];
static FFIPIN_TLS unsigned char scopes[CALLS];
/* The innermost call's pointer arguments that may be foreign (the call at
 * depth args_depth; a nested call takes them over). */
static FFIPIN_TLS unsigned args_depth, nargs;
static FFIPIN_TLS uintptr_t args[FFIPIN_LEND_POINTERS];

/* Judges and closes the thread's scopes from the innermost down to scope
 * depth `down_to` (1-based) inclusive. */
static void end_scopes(ffipin_thread_t *t, unsigned down_to, uintptr_t pc, uintptr_t bp) {
  while (t->depth >= down_to && t->depth > 0) ffipin_check_scope_end(t, pc, bp);
}

/* Pops the calls whose frames are gone: at or above `frame` for a begin (a
 * new call reuses the abandoned one's place), strictly below it for an end
 * (inner calls abandoned while the returning call kept running). */
FFIPIN_NOINLINE static void pop_abandoned(uintptr_t frame, bool at_or_above, uintptr_t pc,
                                          uintptr_t bp) {
  unsigned lowest = 0; /* the outermost scope an abandoned call opened */
  while (depth && depth <= CALLS) {
    uintptr_t f = frames[depth - 1];
    if (at_or_above ? f < frame : f >= frame) break;
    if (scopes[depth - 1]) lowest = scopes[depth - 1];
    depth--;
  }
  if (!lowest) return;
  FFIPIN_GO_KEEP_ERRNO;
  ffipin_thread_t *t = ffipin_enter();
  if (!t) return;
  end_scopes(t, lowest, pc, bp);
  ffipin_leave(t);
}

/* The cgo wrapper's frame pointer (the wrapper is built with frame
 * pointers, by the compiler wrapper). */
#define WRAPPER_FRAME (*(const uintptr_t *)FFIPIN_FRAME)

/* On every cgo call: a few loads and stores. */
FFIPIN_NOINLINE void __ffipin_go_call_begin(void) {
  uintptr_t frame = WRAPPER_FRAME;
  if (FFIPIN_UNLIKELY(depth && depth <= CALLS && frames[depth - 1] <= frame))
    pop_abandoned(frame, true, FFIPIN_CALLER_PC, FFIPIN_FRAME);
  unsigned d = depth++;
  args_depth = depth;
  nargs = 0;
  if (d >= CALLS) return;
  frames[d] = frame;
  scopes[d] = 0;
  FFIPIN_GO_KEEP_ERRNO;
  ffipin_thread_t *t = ffipin_enter();
  if (!t) return;
  if (ffipin_scope_begin(t, FFIPIN_CALLER_PC)) scopes[d] = (unsigned char)t->depth;
  ffipin_leave(t);
}

FFIPIN_NOINLINE void __ffipin_go_call_arg(void *p) {
  if (nargs < FFIPIN_LEND_POINTERS && args_depth == depth &&
      ffipin_bounds_may_contain((uintptr_t)p))
    args[nargs++] = (uintptr_t)p;
}

/* Scan mode: the call lent the Go objects its arguments point into; its end
 * is a lend's end for the scan of memory uninstrumented code writes. */
FFIPIN_NOINLINE static void lend_ends(ffipin_thread_t *t, uintptr_t pc, uintptr_t bp) {
  ffipin_ended_lend_t l = {.is_call = true, .end_tid = t->tid};
  for (unsigned i = 0; i < nargs; i++)
    if (ffipin_heaps_find(args[i], NULL, NULL) && !ffipin_shadow_pinned(args[i]))
      l.pointers[l.npointers++] = args[i];
  nargs = 0;
  if (!l.npointers) return;
  uint64_t began;
  if (!ffipin_check_unseen_begin(&began)) return;
  l.end = ffipin_stack_capture(pc, bp);
  ffipin_check_unseen_lend_end(t, &l, ffipin_go_objects, began);
}

FFIPIN_NOINLINE void __ffipin_go_call_end(void) {
  uintptr_t pc = FFIPIN_CALLER_PC, bp = FFIPIN_FRAME, frame = WRAPPER_FRAME;
  if (FFIPIN_UNLIKELY(depth && depth <= CALLS && frames[depth - 1] < frame))
    pop_abandoned(frame, false, pc, bp);
  if (!depth) return;
  unsigned d = --depth;
  if (d >= CALLS || !scopes[d]) return;
  FFIPIN_GO_KEEP_ERRNO;
  ffipin_thread_t *t = ffipin_enter();
  if (!t) return;
  /* Our scope may be gone (C closed it) or under scopes C left open. */
  if (t->depth >= scopes[d]) end_scopes(t, scopes[d], pc, bp);
  if (nargs && args_depth == d + 1 && ffipin_lends_watched()) lend_ends(t, pc, bp);
  ffipin_leave(t);
}
