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
 * (__ffipin_call_end in the called C code).
 *
 * A call's scope is only announced (model/ffipin_scope.h): nearly every cgo
 * call ends without a store the runtime judged, and then its begin and end
 * are a few thread-local loads and stores, without entering the runtime.
 * The runtime opens the announced scopes (open_announced) when it first
 * needs them, e.g. to judge a store made in the call. */
#include "ffipin_go_calls.h"

#include <stddef.h>

#include "base/ffipin_flags.h"
#include "base/ffipin_stats.h"
#include "base/ffipin_thread.h"
#include "checks/ffipin_checks.h"
#include "entry/ffipin_init.h"
#include "ffipin_go_abi.h"
#include "ffipin_go_errno.h"
#include "ffipin_go_objects.h"
#include "model/ffipin_bounds.h"
#include "model/ffipin_heaps.h"
#include "model/ffipin_lends.h"
#include "model/ffipin_scope.h"
#include "model/ffipin_shadow.h"

/* Open cgo calls of this thread; the innermost FFIPIN_MAX_SCOPES are
 * remembered: their wrapper's frame and address, and the scope depth their
 * scope got (0: none, e.g. the runtime was busy on this thread). A call
 * not opened yet (only announced) is remembered by its frame minus one:
 * frame pointers are even, so an odd word says "announced", and the inline
 * end tests that and "still ours" in one compare. frames[0] is above every
 * frame, so the inline begin compares with frames[depth] at depth 0 too.
 * The announced calls are always the innermost remembered ones: any scope
 * the runtime opens opens them first. One thread-local object, which the
 * pass's inline begin, end and argument code reads and writes too
 * (ffipin_go_abi.h has its layout). Kept small: static TLS of a preloaded
 * runtime is scarce. */
enum { CALLS = FFIPIN_GO_CALLS };
_Static_assert(FFIPIN_MAX_SCOPES == CALLS, "one remembered call per scope");
_Static_assert(FFIPIN_MAX_SCOPES <= 255, "a scope depth fits in a byte");
_Static_assert(FFIPIN_LEND_POINTERS == FFIPIN_GO_CALL_ARGS, "a lend holds the kept arguments");
typedef struct {
  /* The pass's inline code handles depths below this: CALLS, or 0 while
   * print_stats counts every scope (and before the thread's first call). */
  unsigned limit;
  unsigned depth;
  /* The innermost call's pointer arguments that may be foreign (the call
   * at depth args_depth; a nested call takes them over). */
  unsigned args_depth, nargs;
  uintptr_t args[FFIPIN_LEND_POINTERS];
  /* frames[i + 1]: the frame of the call at depth i, or the frame - 1
   * while it is announced; frames[0] stays UINTPTR_MAX. */
  uintptr_t frames[CALLS + 1];
  uintptr_t begin_pcs[CALLS];  /* pc - 1 of the scope's "call scope began" frame */
  unsigned char scopes[CALLS]; /* of an opened call */
  /* Pointer arguments the inline code does not keep (offer). */
  unsigned skip;
} calls_t;
#define FFIPIN_GO_CALLS_AT(Field, Off) _Static_assert(offsetof(calls_t, Field) == (Off), #Field)
FFIPIN_GO_CALLS_AT(limit, FFIPIN_GO_CALLS_LIMIT);
FFIPIN_GO_CALLS_AT(depth, FFIPIN_GO_CALLS_DEPTH);
FFIPIN_GO_CALLS_AT(args_depth, FFIPIN_GO_CALLS_ARGS_DEPTH);
FFIPIN_GO_CALLS_AT(nargs, FFIPIN_GO_CALLS_NARGS);
FFIPIN_GO_CALLS_AT(args, FFIPIN_GO_CALLS_ARGS);
FFIPIN_GO_CALLS_AT(frames, FFIPIN_GO_CALLS_FRAMES);
FFIPIN_GO_CALLS_AT(begin_pcs, FFIPIN_GO_CALLS_BEGIN_PCS);
FFIPIN_GO_CALLS_AT(scopes, FFIPIN_GO_CALLS_SCOPES);
FFIPIN_GO_CALLS_AT(skip, FFIPIN_GO_CALLS_SKIP);
_Static_assert(sizeof(calls_t) == FFIPIN_GO_CALLS_SIZE, "size");
FFIPIN_EXPORT FFIPIN_TLS calls_t __ffipin_go_calls = {.frames = {UINTPTR_MAX}};

static bool announced(const calls_t *c, unsigned i) { return c->frames[i + 1] & 1; }
static uintptr_t frame_of(const calls_t *c, unsigned i) {
  return c->frames[i + 1] + announced(c, i);
}

/* Judges and closes the thread's scopes from the innermost down to scope
 * depth `down_to` (1-based) inclusive. */
static void end_scopes(ffipin_thread_t *t, unsigned down_to, uintptr_t pc, uintptr_t bp) {
  while (t->depth >= down_to && t->depth > 0) ffipin_check_scope_end(t, pc, bp);
}

/* Pops the calls whose frames are gone: at or above `frame` for a begin (a
 * new call reuses the abandoned one's place), strictly below it for an end
 * (inner calls abandoned while the returning call kept running). */
static void pop_abandoned(calls_t *c, uintptr_t frame, bool at_or_above, uintptr_t pc,
                          uintptr_t bp) {
  unsigned lowest = 0; /* the outermost scope an abandoned call opened */
  while (c->depth && c->depth <= CALLS) {
    unsigned i = c->depth - 1;
    if (at_or_above ? frame_of(c, i) < frame : frame_of(c, i) >= frame) break;
    if (!announced(c, i) && c->scopes[i]) lowest = c->scopes[i];
    c->depth--;
  }
  if (!lowest) return;
  FFIPIN_GO_KEEP_ERRNO;
  ffipin_thread_t *t = ffipin_enter();
  if (!t) return;
  end_scopes(t, lowest, pc, bp);
  ffipin_leave(t);
}

/* The opener (called inside the runtime, on this thread): opens the
 * announced calls' scopes, outermost first. */
static void open_announced(ffipin_thread_t *t) {
  calls_t *c = &__ffipin_go_calls;
  unsigned top = c->depth < CALLS ? c->depth : CALLS, d = top;
  while (d > 0 && announced(c, d - 1)) d--;
  for (; d < top; d++) {
    c->scopes[d] = ffipin_scope_open(t, c->begin_pcs[d] + 1) ? (unsigned char)t->depth : 0;
    c->frames[d + 1]++; /* opened: the frame itself */
  }
}

/* The cgo wrapper's frame pointer (the wrapper is built with frame
 * pointers, by the compiler wrapper). */
#define WRAPPER_FRAME(bp) (*(const uintptr_t *)(bp))

/* The cases the wrapper's inline begin leaves to the runtime (calls a Go
 * panic abandoned to pop, depth >= limit); the common case is the same
 * announcement. */
FFIPIN_NOINLINE void __ffipin_go_call_begin(void) {
  calls_t *c = &__ffipin_go_calls;
  uintptr_t pc = FFIPIN_CALLER_PC, bp = FFIPIN_FRAME, frame = WRAPPER_FRAME(bp);
  pop_abandoned(c, frame, true, pc, bp);
  c->limit = ffipin_flags.print_stats ? 0 : CALLS;
  unsigned d = c->depth++;
  c->args_depth = c->depth;
  c->nargs = 0;
  if (d >= CALLS) return;
  /* Announced (odd), as frame pointers are aligned; were one not, the call
   * would count as opened without a scope, and end without a judgement. */
  c->frames[d + 1] = frame - 1;
  c->begin_pcs[d] = pc - 1;
  c->scopes[d] = 0;
  FFIPIN_COUNT(call_scopes);
}

/* Scan mode: the call lent the Go objects its arguments point into; its end
 * is a lend's end for the scan of memory uninstrumented code writes. */
static void lend_ends(calls_t *c, ffipin_thread_t *t, uintptr_t pc, uintptr_t bp, uint64_t began) {
  ffipin_ended_lend_t l = {.is_call = true, .end_tid = t->tid};
  for (unsigned i = 0; i < c->nargs; i++)
    if (ffipin_heaps_find(c->args[i], NULL, NULL) && !ffipin_shadow_pinned(c->args[i]))
      l.pointers[l.npointers++] = c->args[i];
  c->nargs = 0;
  if (!l.npointers) return;
  l.end = ffipin_stack_capture(pc, bp);
  ffipin_check_unseen_lend_end(t, &l, ffipin_go_objects, began);
}

/* Whether the scan's queue takes the call's lend. Refused, the next
 * FFIPIN_UNSEEN_REFUSALS_PER_LOOK - 1 pointer arguments are not kept
 * (c->skip, counted down by the pass's inline code), so the calls that
 * pass them end inline instead of here, where they would be refused too
 * while the queue stays full; the first argument kept after them asks
 * again. (A scan another
 * thread makes meanwhile empties the queue, and up to that many of this
 * thread's lends go unqueued: scan mode samples lends anyway.) While
 * print_stats sends every call here (limit 0), the runtime counts the
 * refusals itself, each counted in lends_unscanned. */
static bool offer(calls_t *c, uint64_t *began) {
  if (!c->limit) return ffipin_check_unseen_begin(began);
  if (ffipin_check_unseen_begin_paced(began)) return true;
  c->skip = FFIPIN_UNSEEN_REFUSALS_PER_LOOK - 1;
  return false;
}

/* The cases the wrapper's inline end leaves to the runtime: a scope the
 * runtime opened, arguments kept, calls abandoned above this one, depth >=
 * limit. */
FFIPIN_NOINLINE void __ffipin_go_call_end(void) {
  calls_t *c = &__ffipin_go_calls;
  uintptr_t pc = FFIPIN_CALLER_PC, bp = FFIPIN_FRAME, frame = WRAPPER_FRAME(bp);
  pop_abandoned(c, frame, false, pc, bp);
  if (!c->depth) return;
  unsigned d = --c->depth;
  if (d >= CALLS) return;
  bool only_announced = announced(c, d);
  if (!only_announced && !c->scopes[d]) return;
  /* Asked first (no lock, no thread state): while the queue is full and no
   * scan is due, the call's lend is not even looked at. */
  uint64_t began = 0;
  bool lent = c->nargs && c->args_depth == d + 1 && ffipin_lends_watched() && offer(c, &began);
  /* Never opened: nothing was judged in it, nothing to judge now. */
  if (only_announced && !lent) return;
  FFIPIN_GO_KEEP_ERRNO;
  ffipin_thread_t *t = ffipin_enter();
  if (!t) return;
  /* Our scope may be gone (C closed it) or under scopes C left open. */
  if (!only_announced && t->depth >= c->scopes[d]) end_scopes(t, c->scopes[d], pc, bp);
  if (lent) lend_ends(c, t, pc, bp, began);
  ffipin_leave(t);
}

/* Before any cgo call (a constructor: no call may be announced before the
 * runtime knows whom to ask to open it). */
__attribute__((constructor)) static void install_opener(void) {
  ffipin_scope_set_opener(open_announced);
}
