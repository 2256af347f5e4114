/* A ring under one spinlock: lends end at the rate of cgo calls that pass
 * Go pointers, and each entry is a few words; when scans are rarer than
 * the ring is long, the newest lends are the ones judged. */
#include "model/ffipin_lends.h"

#include <stdatomic.h>

#include "base/ffipin_lock.h"

static ffipin_lock_t lock = FFIPIN_LOCK_INIT_TYPE(ended_lends);
atomic_bool ffipin_lends_watching;
static ffipin_ended_lend_t queue[FFIPIN_MAX_PENDING_LENDS];
static size_t head; /* the oldest entry */
static atomic_size_t queued;
_Atomic uint64_t ffipin_lends_ended; /* ffipin_lends_epoch() */

void ffipin_lends_lock(void) { ffipin_lock_acquire(&lock); }
void ffipin_lends_unlock(void) { ffipin_lock_release(&lock); }

void ffipin_lends_watch(void) { atomic_store(&ffipin_lends_watching, true); }

bool ffipin_lends_add(const ffipin_ended_lend_t *l) {
  ffipin_lock_acquire(&lock);
  size_t n = atomic_load_explicit(&queued, memory_order_relaxed);
  bool room = n < FFIPIN_MAX_PENDING_LENDS;
  ffipin_ended_lend_t *e = &queue[(head + n) % FFIPIN_MAX_PENDING_LENDS];
  *e = *l; /* overwrites the oldest when full */
  e->end_epoch = atomic_fetch_add_explicit(&ffipin_lends_ended, 1, memory_order_relaxed) + 1;
  if (room)
    atomic_store_explicit(&queued, n + 1, memory_order_relaxed);
  else
    head = (head + 1) % FFIPIN_MAX_PENDING_LENDS;
  ffipin_lock_release(&lock);
  return room;
}

size_t ffipin_lends_count(void) { return atomic_load_explicit(&queued, memory_order_relaxed); }

size_t ffipin_lends_take(ffipin_ended_lend_t *out, size_t max) {
  ffipin_lock_acquire(&lock);
  size_t n = atomic_load_explicit(&queued, memory_order_relaxed), k = n < max ? n : max;
  size_t skip = n - k; /* the oldest ones stay if out is short */
  for (size_t i = 0; i < k; i++) out[i] = queue[(head + skip + i) % FFIPIN_MAX_PENDING_LENDS];
  atomic_store_explicit(&queued, skip, memory_order_relaxed);
  ffipin_lock_release(&lock);
  return k;
}
