/* A spinlock that yields; the runtime's only lock type. No lock is ever held
 * while calling out of the runtime (except the report lock, see report.c). */
#ifndef FFIPIN_LOCK_H
#define FFIPIN_LOCK_H

#include <sched.h>
#include <stdatomic.h>

typedef struct {
  atomic_int held;
} ffipin_lock_t;
#define FFIPIN_LOCK_INIT {0}

static inline void ffipin_lock_acquire(ffipin_lock_t *l) {
  for (unsigned spins = 0;; spins++) {
    if (!atomic_load_explicit(&l->held, memory_order_relaxed) &&
        !atomic_exchange_explicit(&l->held, 1, memory_order_acquire))
      return;
    if (spins > 64)
      sched_yield();
    else
      __builtin_ia32_pause();
  }
}

static inline void ffipin_lock_release(ffipin_lock_t *l) {
  atomic_store_explicit(&l->held, 0, memory_order_release);
}

#endif
