/* A spinlock that yields; the runtime's only lock type. No lock is ever held
 * while calling out of the runtime (except the report lock, see report.c).
 * Every lock has a type from base/ffipin_locks.inc, the one list of the
 * runtime's locks in the order they may be taken; debug builds
 * (FFIPIN_DEBUG) check that order on every acquisition, as sanitizer_common's
 * CheckedMutex does. A lock defined with FFIPIN_LOCK_INIT gets its type in
 * debug builds when the list's Lock function first takes it at start-up
 * (ffipin_lock_learn_types). */
#ifndef FFIPIN_LOCK_H
#define FFIPIN_LOCK_H

#include <sched.h>
#include <stdatomic.h>

#include "base/ffipin_common.h"

typedef enum {
  FFIPIN_LOCK_TYPE_NONE, /* not (yet) known: not checked */
#define FFIPIN_LOCK(Name, Multi, Lock, Unlock, Meaning) FFIPIN_LOCK_TYPE_##Name,
#include "base/ffipin_locks.inc"
  FFIPIN_LOCK_TYPES
} ffipin_lock_type_t;

typedef struct {
  atomic_int held;
  int type; /* ffipin_lock_type_t */
} ffipin_lock_t;
#define FFIPIN_LOCK_INIT {0, FFIPIN_LOCK_TYPE_NONE}
#define FFIPIN_LOCK_INIT_TYPE(Name) {0, FFIPIN_LOCK_TYPE_##Name}

#if defined(FFIPIN_DEBUG) && FFIPIN_DEBUG
/* The order check: a failure names both locks and dies. */
void ffipin_lock_debug_acquired(ffipin_lock_t *l) FFIPIN_INTERNAL;
void ffipin_lock_debug_released(ffipin_lock_t *l) FFIPIN_INTERNAL;
#define FFIPIN_LOCK_DEBUG(call) call
#else
#define FFIPIN_LOCK_DEBUG(call) ((void)0)
#endif

static inline bool ffipin_lock_try_acquire(ffipin_lock_t *l) {
  if (atomic_load_explicit(&l->held, memory_order_relaxed) ||
      atomic_exchange_explicit(&l->held, 1, memory_order_acquire))
    return false;
  FFIPIN_LOCK_DEBUG(ffipin_lock_debug_acquired(l));
  return true;
}

static inline void ffipin_lock_acquire(ffipin_lock_t *l) {
  for (unsigned spins = 0;; spins++) {
    if (ffipin_lock_try_acquire(l)) return;
    if (spins > 64)
      sched_yield();
    else
      __builtin_ia32_pause();
  }
}

static inline void ffipin_lock_release(ffipin_lock_t *l) {
  FFIPIN_LOCK_DEBUG(ffipin_lock_debug_released(l));
  atomic_store_explicit(&l->held, 0, memory_order_release);
}

/* Debug builds: gives every lock the list names its type, by calling each
 * list entry's Lock and Unlock functions in order (called once at start-up,
 * by entry/ffipin_init.c, which sees every layer's functions). From then on
 * a lock without a type is a lock missing from the list, and a check
 * failure. No-ops in release builds. */
void ffipin_lock_learn_begin(ffipin_lock_type_t type) FFIPIN_INTERNAL;
void ffipin_lock_learn_end(void) FFIPIN_INTERNAL;
/* The list's name of a lock type, for messages. */
const char *ffipin_lock_type_name(ffipin_lock_type_t type) FFIPIN_INTERNAL;

#endif
