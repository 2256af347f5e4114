/* Lends that ended and await a scan of the memory no instrumented store
 * describes (checks/ffipin_check_unseen.c): a range whose last pin ended,
 * or the pointers a call lent. The scan is not run at every lend's end
 * (its cost is that of the memory it reads), so the ends are queued with
 * their stacks and one scan judges all of them. */
#ifndef FFIPIN_LENDS_H
#define FFIPIN_LENDS_H

#include <stdatomic.h>

#include "base/ffipin_common.h"
#include "diag/ffipin_stack.h"

enum { FFIPIN_LEND_POINTERS = 8, FFIPIN_MAX_PENDING_LENDS = 512 };

typedef struct {
  bool is_call;         /* a call's pointers, else a pin's range */
  uintptr_t base, size; /* the pin's range */
  unsigned npointers;   /* the call's lent pointers */
  uintptr_t pointers[FFIPIN_LEND_POINTERS];
  ffipin_stack_id_t lend; /* the pin (0 for a call) */
  ffipin_stack_id_t end;  /* the unpin, or the call's end */
  uint32_t lend_tid, end_tid;
  uint64_t end_epoch; /* set by ffipin_lends_add: ffipin_lends_epoch() right after it */
} ffipin_ended_lend_t;

/* Whether lends are being watched this way: a binding turns it on (Go
 * programs built by ffipin-go) unless scan_uninstrumented=0. Every malloc
 * asks (entry/ffipin_alloc_events.h), so the answer is read inline. */
extern atomic_bool ffipin_lends_watching FFIPIN_INTERNAL;
static inline bool ffipin_lends_watched(void) {
  return atomic_load_explicit(&ffipin_lends_watching, memory_order_relaxed);
}
void ffipin_lends_watch(void) FFIPIN_INTERNAL;

/* Lends ended so far. A heap block recorded when this was e cannot have
 * held anything at the end of a lend whose end_epoch <= e: it was
 * allocated after that end, and what it holds then is a later copy or a
 * freed block's bytes malloc did not clear. Inline: every block a
 * prebuilt library allocates is stamped with it. */
extern _Atomic uint64_t ffipin_lends_ended FFIPIN_INTERNAL;
static inline uint64_t ffipin_lends_epoch(void) {
  return atomic_load_explicit(&ffipin_lends_ended, memory_order_relaxed);
}

/* Queues an ended lend (stamping its end_epoch); when the queue is full the oldest one is dropped
 * (false: the caller counts it unjudged). */
bool ffipin_lends_add(const ffipin_ended_lend_t *l) FFIPIN_INTERNAL;
/* Lends queued now. */
size_t ffipin_lends_count(void) FFIPIN_INTERNAL;
/* Moves up to max queued lends to out, the newest last, and returns how
 * many. */
size_t ffipin_lends_take(ffipin_ended_lend_t *out, size_t max) FFIPIN_INTERNAL;

void ffipin_lends_lock(void) FFIPIN_INTERNAL;
void ffipin_lends_unlock(void) FFIPIN_INTERNAL;

#endif
