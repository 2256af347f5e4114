/* What the allocator's events mean to the runtime: a freed or moved block
 * loses its record (model/ffipin_allocs.h). Every free interceptor calls
 * these: the interposed allocator (entry/ffipin_alloc_interceptors.c, when
 * no other sanitizer owns malloc), the free/realloc interceptors, and the
 * allocator hooks of another sanitizer (ASan, LSan, TSan, MSan) when one
 * owns malloc. */
#ifndef FFIPIN_ALLOC_EVENTS_H
#define FFIPIN_ALLOC_EVENTS_H

#include <stdatomic.h>

#include "base/ffipin_common.h"
#include "entry/ffipin_init.h"
#include "model/ffipin_allocs.h"
#include "model/ffipin_held.h"
#include "model/ffipin_lends.h"

/* Every allocation and free of the process passes the functions below, so
 * each asks inline whether there is anything to do (a load or two) and
 * calls out of line only then: a program without lends pays no call. */

/* Allocator hooks run before the runtime starts and inside the loader:
 * they act only once it is ready, and never start it. */
static inline bool ffipin_alloc_runtime_ready(void) {
  return atomic_load_explicit(&ffipin_state, memory_order_acquire) == FFIPIN_STATE_READY;
}

/* The place of pc's call site in a thread's memo of allocator callers
 * (ffipin_thread_t.alloc_sites): the first of its pair; the other is this
 * index with its low bit flipped. */
static inline size_t ffipin_alloc_site_hash(uintptr_t pc) {
  return ((uint64_t)pc * 0x9E3779B97F4A7C15ull) >> 60 & (FFIPIN_ALLOC_SITES - 1);
}

/* A block of n bytes was allocated at p by the code that called the
 * allocator at pc (frame bp): recorded, with its stack, when lends are
 * watched (model/ffipin_lends.h) and that code's module was not built with
 * the pass (scan mode reads such blocks). */
void ffipin_alloc_record_block(void *p, size_t n, uintptr_t pc, uintptr_t bp) FFIPIN_INTERNAL;
static inline void ffipin_alloc_on_malloc(void *p, size_t n, uintptr_t pc, uintptr_t bp) {
  if (FFIPIN_UNLIKELY(p && ffipin_lends_watched())) ffipin_alloc_record_block(p, n, pc, bp);
}

/* The block at p is being freed: its record goes. */
void ffipin_alloc_forget_record(void *p) FFIPIN_INTERNAL;
static inline void ffipin_alloc_on_free(void *p) {
  if (FFIPIN_UNLIKELY(p && ffipin_allocs_any())) ffipin_alloc_forget_record(p);
}

/* realloc(p, n) returned q (NULL: failed, p untouched, unless n was 0),
 * called at pc (frame bp); a block not recorded before counts as new. */
void ffipin_alloc_move_record(void *p, void *q, size_t n, uintptr_t pc,
                              uintptr_t bp) FFIPIN_INTERNAL;
static inline void ffipin_alloc_on_realloc(void *p, void *q, size_t n, uintptr_t pc, uintptr_t bp) {
  if (FFIPIN_UNLIKELY(p && ffipin_allocs_any()))
    ffipin_alloc_move_record(p, q, n, pc, bp);
  else
    ffipin_alloc_on_malloc(q, n, pc, bp);
}
/* The same for a caller that holds the thread's guard (ffipin_enter):
 * records move at once; a block without a record gets none. */
void ffipin_alloc_on_realloc_entered(void *p, void *q, size_t n, uintptr_t pc,
                                     uintptr_t bp) FFIPIN_INTERNAL;

/* The size of the live heap block at p (0 if it is none), from whichever
 * allocator owns it. */
size_t ffipin_alloc_block_size(void *p) FFIPIN_INTERNAL;
/* Whether frees must forget held slots: the runtime is up and holds some. */
static inline bool ffipin_alloc_tracking(void) {
  return ffipin_held_size() != 0 && ffipin_alloc_runtime_ready();
}
/* Whether a free has nothing to do but free: no block is recorded and
 * nothing is held (or the runtime is not up yet). */
static inline bool ffipin_alloc_free_is_plain(void) {
  return !ffipin_allocs_any() && !ffipin_alloc_tracking();
}
/* The end of every free: forgets the held slots in the block at p, then
 * calls release(p) (the next free: glibc's, another sanitizer's); on a
 * thread where the runtime is busy, the whole free waits. pc: the caller. */
void ffipin_alloc_forget_block(void *p, void (*release)(void *), uintptr_t pc) FFIPIN_INTERNAL;
static inline void ffipin_alloc_free_block(void *p, void (*release)(void *), uintptr_t pc) {
  if (FFIPIN_UNLIKELY(p && ffipin_alloc_tracking()))
    ffipin_alloc_forget_block(p, release, pc);
  else
    release(p);
}

/* The static runtime's next free is the interposed allocator's (which then
 * does the free's runtime part for every module): when it is linked
 * (entry/ffipin_alloc_interceptors.c, its own archive) and the program
 * brought no allocator of its own, whose free would then not be ours. */
#if defined(FFIPIN_STATIC_RUNTIME)
extern void __ffipin_interposed_free(void *p) __attribute__((weak));
/* The free the executable resolved (the linker's --wrap=free names it so;
 * a plain reference to free would name our own __wrap_free). */
extern void __real_free(void *p);
/* The answer, once known (1 yes, -1 no): every free of the executable asks. */
extern signed char ffipin_alloc_interposed_known FFIPIN_INTERNAL;
static inline bool ffipin_alloc_interposed(void) {
  signed char known = __atomic_load_n(&ffipin_alloc_interposed_known, __ATOMIC_RELAXED);
  if (FFIPIN_LIKELY(known > 0)) return true;
  if (known < 0) return false;
  bool yes = __ffipin_interposed_free && __real_free == __ffipin_interposed_free;
  __atomic_store_n(&ffipin_alloc_interposed_known, yes ? 1 : -1, __ATOMIC_RELAXED);
  return yes;
}
#else
static inline bool ffipin_alloc_interposed(void) { return false; }
#endif

/* True when every free in the process reaches ffipin_alloc_on_free, frees
 * made by shared libraries included: only then may a block's record be
 * trusted to mean it is still allocated (a leak check needs that). */
bool ffipin_alloc_frees_visible(void) FFIPIN_INTERNAL;

#endif
