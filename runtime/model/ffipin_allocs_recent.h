/* The owner's side of a thread's recent blocks (model/ffipin_allocs.c
 * says what they are and who may touch them): inline, because every block
 * a prebuilt library allocates and frees passes here, and the allocation
 * hooks' common case then makes no call at all (a call's frame and saved
 * registers cost as much as the work). */
#ifndef FFIPIN_ALLOCS_RECENT_H
#define FFIPIN_ALLOCS_RECENT_H

#include <stdatomic.h>

#include "base/ffipin_common.h"
#include "base/ffipin_thread.h"
#include "diag/ffipin_stack.h"
#include "model/ffipin_lends.h"

#if !defined(__x86_64__)
#error "the recent blocks' filter relies on x86-64's store order (ffipin_allocs_fill_place)"
#endif

/* Which of the table's shards hold a record, a bit each, and
 * FFIPIN_ALLOCS_RECENT_USED (model/ffipin_allocs.c), read
 * by ffipin_allocs_any in model/ffipin_allocs.h. */
extern atomic_uint ffipin_allocs_shards_used FFIPIN_INTERNAL;
/* Set (for good) in ffipin_allocs_shards_used once any thread kept a
 * recent block: frees must then ask. */
#define FFIPIN_ALLOCS_RECENT_USED (1u << 31)

/* The set of two places, recent[set] and recent[set + 1], that addr
 * hashes to by multiplier. */
enum { FFIPIN_RECENT_SETS = FFIPIN_RECENT_BLOCKS / 2 };
_Static_assert((FFIPIN_RECENT_SETS & (FFIPIN_RECENT_SETS - 1)) == 0, "a power of two");
static inline ffipin_recent_block_t *ffipin_allocs_set_by(ffipin_thread_t *t, uintptr_t addr,
                                                          uint64_t multiplier) {
  return &t->recent[(size_t)(((uint64_t)addr * multiplier) >>
                             (64 - __builtin_ctz(FFIPIN_RECENT_SETS))) *
                    2];
}
/* A block's two places. */
static inline ffipin_recent_block_t *ffipin_allocs_places_of(ffipin_thread_t *t, uintptr_t addr) {
  return ffipin_allocs_set_by(t, addr, 0x9E3779B97F4A7C15ull);
}
/* Its second set, by another hash, for when both places of the first hold
 * live blocks: three blocks of one set alive at once made each op of some
 * runs (where ASLR put them so) record one of them the whole way and free
 * it so, giving the older up to the shared table each time (2,045 slow
 * records in 2,000 go-sqlite3 Exec ops, in 2 of 20 runs). */
static inline ffipin_recent_block_t *ffipin_allocs_alt_places_of(ffipin_thread_t *t,
                                                                 uintptr_t addr) {
  return ffipin_allocs_set_by(t, addr, 0xD6E8FEB86659FD93ull);
}

/* Which addresses may be another thread's recent block: a byte per hash
 * bucket (model/ffipin_allocs.c: the free path's filter). */
enum { FFIPIN_ALLOCS_FILTER = 4096 };
extern _Atomic unsigned char ffipin_allocs_maybe_recent[FFIPIN_ALLOCS_FILTER] FFIPIN_INTERNAL;
static inline size_t ffipin_allocs_bucket_of(uintptr_t addr) {
  return (size_t)(((uint64_t)addr * 0xC2B2AE3D27D4EB4Full) >> 52) % FFIPIN_ALLOCS_FILTER;
}
static inline void ffipin_allocs_mark(uintptr_t addr) {
  atomic_store_explicit(&ffipin_allocs_maybe_recent[ffipin_allocs_bucket_of(addr)], 1,
                        memory_order_release);
}

/* The owner's, its guard held: r gets the block's fields, then addr, while
 * r's version is odd (the seqlock's write side); then the block's address
 * goes into the filter. A rebuild of the filter zeroes it, fences, then
 * reads the places: it must see a fill whose mark it overwrote, which
 * x86-64 gives (a thread's stores become visible in program order), so the
 * compiler's order is enough here. */
static FFIPIN_ALWAYS_INLINE void ffipin_allocs_fill_place(ffipin_thread_t *t,
                                                          ffipin_recent_block_t *r, uintptr_t addr,
                                                          uintptr_t size, ffipin_stack_id_t stack,
                                                          uint32_t tid, unsigned module,
                                                          unsigned kind) {
  unsigned v = atomic_load_explicit(&r->version, memory_order_relaxed);
  atomic_store_explicit(&r->version, v + 1, memory_order_relaxed);
  atomic_thread_fence(memory_order_release);
  __atomic_store_n(&r->size, size, __ATOMIC_RELAXED);
  __atomic_store_n(&r->epoch, ffipin_lends_epoch(), __ATOMIC_RELAXED);
  __atomic_store_n(&r->stack, stack, __ATOMIC_RELAXED);
  __atomic_store_n(&r->tid, tid, __ATOMIC_RELAXED);
  __atomic_store_n(&r->module, (uint16_t)module, __ATOMIC_RELAXED);
  __atomic_store_n(&r->kind, (uint16_t)kind, __ATOMIC_RELAXED);
  r->age = t->recent_fills++;
  atomic_store_explicit(&r->addr, addr, memory_order_release);
  atomic_store_explicit(&r->version, v + 2, memory_order_release);
  atomic_signal_fence(memory_order_seq_cst);
  ffipin_allocs_mark(addr);
  if (FFIPIN_UNLIKELY(!(atomic_load_explicit(&ffipin_allocs_shards_used, memory_order_relaxed) &
                        FFIPIN_ALLOCS_RECENT_USED)))
    atomic_fetch_or_explicit(&ffipin_allocs_shards_used, FFIPIN_ALLOCS_RECENT_USED,
                             memory_order_release);
}

/* The place of p (a block's two) that a new block at addr takes: its own
 * place again (a free we did not see: the record is replaced), else a
 * free one; NULL when both hold other blocks. */
static FFIPIN_ALWAYS_INLINE ffipin_recent_block_t *ffipin_allocs_place_for(ffipin_recent_block_t *p,
                                                                           uintptr_t addr) {
  uintptr_t a0 = atomic_load_explicit(&p[0].addr, memory_order_relaxed);
  uintptr_t a1 = atomic_load_explicit(&p[1].addr, memory_order_relaxed);
  return a0 == addr || (!a0 && a1 != addr) ? &p[0] : a1 == addr || !a1 ? &p[1] : NULL;
}

/* Keeps the block among t's recent ones (t: the caller's own state, its
 * guard held; tid: the allocating thread, which ffipin_allocs_record lets
 * its caller name; kind: an ffipin_alloc_kind_t) when its set has a place
 * for it without giving another block up; false, with nothing done,
 * otherwise. */
static FFIPIN_ALWAYS_INLINE bool ffipin_allocs_try_keep_recent(ffipin_thread_t *t, uintptr_t addr,
                                                               uintptr_t size,
                                                               ffipin_stack_id_t stack,
                                                               uint32_t tid, unsigned module,
                                                               unsigned kind) {
  ffipin_recent_block_t *r = ffipin_allocs_place_for(ffipin_allocs_places_of(t, addr), addr);
  if (FFIPIN_UNLIKELY(!r)) {
    r = ffipin_allocs_place_for(ffipin_allocs_alt_places_of(t, addr), addr);
    if (!r) return false;
    t->recent_alt_used = true;
  }
  ffipin_allocs_fill_place(t, r, addr, size, stack, tid, module, kind);
  return true;
}

/* The place of the set p where addr's record is, if it is one of them. */
static FFIPIN_ALWAYS_INLINE ffipin_recent_block_t *ffipin_allocs_place_in(ffipin_recent_block_t *p,
                                                                          uintptr_t addr) {
  return atomic_load_explicit(&p[0].addr, memory_order_acquire) == addr   ? &p[0]
         : atomic_load_explicit(&p[1].addr, memory_order_acquire) == addr ? &p[1]
                                                                          : NULL;
}
/* The place among t's where addr's record is, in either of its sets. */
static inline ffipin_recent_block_t *ffipin_allocs_place_of(ffipin_thread_t *t, uintptr_t addr) {
  ffipin_recent_block_t *r = ffipin_allocs_place_in(ffipin_allocs_places_of(t, addr), addr);
  return r ? r : ffipin_allocs_place_in(ffipin_allocs_alt_places_of(t, addr), addr);
}

/* Forgets addr's record if the caller's own places hold it (t: its state,
 * its guard held): only a free of addr, this one, clears that place. The
 * second set is read only once a block took a place there. */
static FFIPIN_ALWAYS_INLINE bool ffipin_allocs_forget_own(ffipin_thread_t *t, uintptr_t addr) {
  ffipin_recent_block_t *r = ffipin_allocs_place_in(ffipin_allocs_places_of(t, addr), addr);
  if (FFIPIN_UNLIKELY(!r) && t->recent_alt_used)
    r = ffipin_allocs_place_in(ffipin_allocs_alt_places_of(t, addr), addr);
  if (!r) return false;
  atomic_store_explicit(&r->addr, 0, memory_order_release);
  return true;
}

#endif
