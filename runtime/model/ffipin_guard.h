/* Guarded copies (DESIGN.md): a lend whose API allows a copy (a JNI array or
 * string, a CPython buffer) is handed to C as a copy in the runtime's own
 * pages, the copy's end against an inaccessible page. When the lend ends the
 * changes are copied back (as the API's release mode says) and the copy's
 * pages become inaccessible, their memory returned to the system, their
 * addresses not reused for a long time: a later access through a stale
 * pointer faults, and the fault is attributed to the lend.
 *
 * All copies live in one reserved arena, allocated in address order and
 * reused only after wrapping around it (the quarantine is the arena itself),
 * so the fast path's bounds are widened once, and a fault address maps to
 * its lend by a binary search over the records. */
#ifndef FFIPIN_GUARD_H
#define FFIPIN_GUARD_H

#include "base/ffipin_common.h"
#include "diag/ffipin_stack.h"

typedef enum {
  FFIPIN_LEND_LIVE,     /* C may use the copy */
  FFIPIN_LEND_RELEASED, /* ended: its pages are inaccessible */
  FFIPIN_LEND_REPORTED, /* a stale access was reported; pages opened again */
} ffipin_lend_state_t;

/* One guarded lend, as the fault handler and the reports see it. */
typedef struct {
  uintptr_t copy;     /* what C was given */
  uintptr_t size;     /* bytes lent */
  uintptr_t region;   /* first byte of the copy's pages */
  uintptr_t guard;    /* the inaccessible page after them */
  uintptr_t original; /* the managed memory the copy stands for */
  ffipin_stack_id_t lend_stack, release_stack;
  uint32_t lend_tid, release_tid;
  ffipin_lend_state_t state;
  bool writable; /* changes are copied back at release */
} ffipin_lend_t;

/* What a fault address is to the guarded copies. */
typedef enum {
  FFIPIN_FAULT_NOT_OURS,      /* not in the arena */
  FFIPIN_FAULT_AFTER_RELEASE, /* in the pages of a released copy */
  FFIPIN_FAULT_PAST_END,      /* in the guard page after a copy */
  FFIPIN_FAULT_UNKNOWN_LEND,  /* in the arena, its lend forgotten (recycled) */
} ffipin_fault_kind_t;

/* Copies [original, original+size) into a fresh guarded region and returns
 * the copy (its address congruent to original modulo 16, so alignment-
 * sensitive code behaves the same), or NULL when no copy can be made (the
 * arena cannot be reserved or is full of live lends): the caller then lends
 * the original. The copy is pinned (pointers into it are foreign) with
 * lend_stack. */
void *ffipin_guard_lend(const void *original, size_t size, bool writable,
                        ffipin_stack_id_t lend_stack, uint32_t tid) FFIPIN_INTERNAL;

/* Copies the copy's bytes back to the original (JNI_COMMIT, a writable
 * buffer's release). False if copy is not a live guarded copy. */
bool ffipin_guard_copy_back(const void *copy) FFIPIN_INTERNAL;

/* Ends the lend of copy: its pages become inaccessible and their memory is
 * returned. Does not copy back (call ffipin_guard_copy_back first) and does
 * not unpin (the caller runs the pin-outlived check on copy). False if copy
 * is not a live guarded copy. */
bool ffipin_guard_end(const void *copy, ffipin_stack_id_t release_stack,
                      uint32_t tid) FFIPIN_INTERNAL;

/* The live lend whose copy starts at copy (for a binding's release), or
 * false. */
bool ffipin_guard_find_live(const void *copy, ffipin_lend_t *out) FFIPIN_INTERNAL;

/* Classifies a fault address; fills *out for AFTER_RELEASE and PAST_END.
 * Async-signal-safe (called from the fault handler). */
ffipin_fault_kind_t ffipin_guard_classify(uintptr_t addr, ffipin_lend_t *out) FFIPIN_INTERNAL;

/* After a stale access was reported and the program goes on
 * (halt_on_error=0): makes the faulting page accessible again (zeros for a
 * released copy, the guard page itself past the end), so that the access
 * completes and the same lend is not reported twice. */
void ffipin_guard_open_after_report(uintptr_t addr) FFIPIN_INTERNAL;

/* True if addr lies in the arena (a guarded copy, live or not). */
bool ffipin_guard_in_arena(uintptr_t addr) FFIPIN_INTERNAL;

void ffipin_guard_lock(void) FFIPIN_INTERNAL;
void ffipin_guard_unlock(void) FFIPIN_INTERNAL;

#endif
