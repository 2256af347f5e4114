/* Start-up and the hook gate. Three states (uninitialised, initialising,
 * ready); every entry point calls ffipin_ready(), which initialises on
 * first use and lets calls made during initialisation pass through
 * untouched. Then every hook runs the one entry sequence below: it claims
 * the thread's runtime guard, or, when the runtime is already busy on the
 * thread (a signal handler that interrupted it, the error-report callback),
 * keeps the call to be replayed as soon as the runtime is free there. So a hook never waits for
 * a lock its own thread holds, and a pin or an unpin is never lost. */
#ifndef FFIPIN_INIT_H
#define FFIPIN_INIT_H

#include <stdatomic.h>

#include "base/ffipin_common.h"
#include "base/ffipin_thread.h"

enum { FFIPIN_STATE_NONE, FFIPIN_STATE_INITIALISING, FFIPIN_STATE_READY };
extern atomic_int ffipin_state FFIPIN_INTERNAL;

bool ffipin_init_slow(void) FFIPIN_INTERNAL;

/* True when the runtime may act on this call. */
static inline bool ffipin_ready(void) {
  if (FFIPIN_LIKELY(atomic_load_explicit(&ffipin_state, memory_order_acquire) ==
                    FFIPIN_STATE_READY))
    return true;
  return ffipin_init_slow();
}

// The hook entry sequence

/* What replays a deferred call: t's guard is held; d holds the arguments
 * and the caller's pc (the replay's stack is that one frame). */
typedef void (*ffipin_replay_fn_t)(ffipin_thread_t *t, const ffipin_deferred_t *d);

/* Keeps a call for later (false if the thread's queue is full: the call is
 * counted as dropped, and a warning says so at the next replay). */
bool ffipin_defer(ffipin_thread_t *t, ffipin_replay_fn_t replay, uintptr_t a0, uintptr_t a1,
                  uintptr_t a2, uintptr_t a3, uintptr_t pc) FFIPIN_INTERNAL;
/* Replays the calls kept on t (its guard held). */
void ffipin_replay_deferred(ffipin_thread_t *t) FFIPIN_INTERNAL;
/* After the guard is given up: calls kept meanwhile are replayed. */
void ffipin_leave_slow(ffipin_thread_t *t) FFIPIN_INTERNAL;

static inline bool ffipin_claim(ffipin_thread_t *t) {
  /* A state is only ever used by its own thread, so only that thread's
   * signal handlers can interleave: they finish before this code goes on,
   * and a check and a store are enough. */
  if (__atomic_load_n(&t->in_runtime, __ATOMIC_RELAXED)) return false;
  __atomic_store_n(&t->in_runtime, 1, __ATOMIC_RELAXED);
  __atomic_signal_fence(__ATOMIC_SEQ_CST);
  return true;
}

static inline void ffipin_unclaim(ffipin_thread_t *t) {
  __atomic_signal_fence(__ATOMIC_SEQ_CST);
  __atomic_store_n(&t->in_runtime, 0, __ATOMIC_RELEASE);
}

static inline bool ffipin_deferred_pending(ffipin_thread_t *t) {
  return atomic_load_explicit(&t->deferred_reserved, memory_order_acquire) !=
         atomic_load_explicit(&t->deferred_done, memory_order_relaxed);
}

/* How every hook starts: the calling thread's state with its guard held,
 * or NULL when the runtime may not act (not ready, or busy on this thread:
 * for queries, which then answer "nothing"). Pair with ffipin_leave. */
static inline ffipin_thread_t *ffipin_enter(void) {
  if (!ffipin_ready()) return NULL;
  ffipin_thread_t *t = ffipin_thread_current();
  if (!ffipin_claim(t)) return NULL;
  if (FFIPIN_UNLIKELY(ffipin_deferred_pending(t))) ffipin_replay_deferred(t);
  return t;
}

/* The same for a call that must not be lost: when the runtime is busy on
 * this thread, the call is kept (replay with a0..a3 and the caller's pc,
 * in order with the thread's other calls) and NULL is returned. */
static inline ffipin_thread_t *ffipin_enter_or_defer(ffipin_replay_fn_t replay, uintptr_t a0,
                                                     uintptr_t a1, uintptr_t a2, uintptr_t a3,
                                                     uintptr_t pc) {
  if (!ffipin_ready()) return NULL;
  ffipin_thread_t *t = ffipin_thread_current();
  if (FFIPIN_UNLIKELY(!ffipin_claim(t))) {
    ffipin_defer(t, replay, a0, a1, a2, a3, pc);
    return NULL;
  }
  if (FFIPIN_UNLIKELY(ffipin_deferred_pending(t))) ffipin_replay_deferred(t);
  return t;
}

/* Calls kept meanwhile (by a signal handler that interrupted the hook)
 * are replayed after the guard is let go, each with it taken again. */
static inline void ffipin_leave(ffipin_thread_t *t) {
  ffipin_unclaim(t);
  if (FFIPIN_UNLIKELY(ffipin_deferred_pending(t))) ffipin_leave_slow(t);
}

/* The entry sequence's common case, for the allocation hooks' fast paths:
 * the thread's state with its guard held, or NULL, with nothing done,
 * whenever anything else is so (not ready, no state yet, thread-local
 * storage shared, busy, calls kept): the caller then takes the whole
 * sequence. It makes no call, so a hook that makes none needs no frame.
 * Pair with ffipin_leave. */
static FFIPIN_ALWAYS_INLINE ffipin_thread_t *ffipin_enter_fast(void) {
  ffipin_thread_t *t = __atomic_load_n(&ffipin_tls_thread, __ATOMIC_RELAXED);
  if (FFIPIN_UNLIKELY(!t || atomic_load_explicit(&ffipin_tls_shared, memory_order_relaxed) ||
                      atomic_load_explicit(&ffipin_state, memory_order_acquire) !=
                          FFIPIN_STATE_READY ||
                      ffipin_deferred_pending(t) || !ffipin_claim(t)))
    return NULL;
  return t;
}

/* The exit-time checks (pin leaks); run from atexit, and callable by a
 * binding whose runtime exits without running atexit handlers (Go). Runs
 * at most once. */
void ffipin_run_exit_checks(void) FFIPIN_INTERNAL;

#endif
