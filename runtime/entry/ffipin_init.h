/* Start-up: options, suppressions, the main thread, fork and exit handlers.
 * Three states (uninitialised, initialising, ready); every entry point
 * calls ffipin_ready(), which initialises on first use and lets calls made
 * during initialisation pass through untouched. */
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

/* How every hook starts: the calling thread's state with its recursion
 * guard taken, or NULL when the runtime may not act (not ready, or already
 * inside the runtime on this thread). Pair with ffipin_leave. */
static inline ffipin_thread_t *ffipin_enter(void) {
  if (!ffipin_ready()) return NULL;
  ffipin_thread_t *t = ffipin_thread_current();
  if (t->in_runtime) return NULL;
  t->in_runtime = 1;
  return t;
}
static inline void ffipin_leave(ffipin_thread_t *t) { t->in_runtime = 0; }

/* The exit-time checks (pin leaks); run from atexit, and callable by a
 * binding whose runtime exits without running atexit handlers (Go). Runs
 * at most once. */
void ffipin_run_exit_checks(void) FFIPIN_INTERNAL;

#endif
