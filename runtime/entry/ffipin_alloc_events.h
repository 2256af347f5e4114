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
#include "diag/ffipin_stack.h"
#include "entry/ffipin_init.h"
#include "model/ffipin_allocs.h"
#include "model/ffipin_allocs_recent.h"
#include "model/ffipin_held.h"
#include "model/ffipin_lends.h"
#include "model/ffipin_modules.h"

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

/* The site of pc as t judged it, in either of its two places; NULL when
 * t has not judged it since the modules last changed. */
static FFIPIN_ALWAYS_INLINE ffipin_alloc_site_t *
ffipin_alloc_site_judged(ffipin_thread_t *t, uintptr_t pc, unsigned generation) {
  size_t i = ffipin_alloc_site_hash(pc);
  ffipin_alloc_site_t *s = &t->alloc_sites[i];
  if (FFIPIN_LIKELY(s->pc == pc && s->generation == generation)) return s;
  s = &t->alloc_sites[i ^ 1];
  return s->pc == pc && s->generation == generation ? s : NULL;
}

/* A block of n bytes was allocated at p by the code that called the
 * allocator at pc (frame bp): recorded, with its stack, when lends are
 * watched (model/ffipin_lends.h) and that code's module was not built with
 * the pass (scan mode reads such blocks). */
void ffipin_alloc_record_block(void *p, size_t n, uintptr_t pc, uintptr_t bp) FFIPIN_INTERNAL;
/* The whole way, which the common case below leaves to it. */
void ffipin_alloc_record_block_slow(void *p, size_t n, uintptr_t pc, uintptr_t bp) FFIPIN_INTERNAL;
/* The common case, which makes no call (a prebuilt library's every block
 * passes here): a site the thread judged since the modules last changed,
 * in either of its two places (a site in the second went the slow way on
 * every block whenever the load addresses made two sites share a hash: 14
 * of 15 blocks of an Exec op under valgrind), whose one-frame stack is
 * interned and is the block's whole stack (its module keeps no frame
 * pointers, or rbp leads to no frame), and a free place for the block.
 * False, with nothing done, for anything else: the caller then goes the
 * whole way, from the start. */
static FFIPIN_ALWAYS_INLINE bool ffipin_alloc_record_block_fast(void *p, size_t n, uintptr_t pc,
                                                                uintptr_t bp) {
  ffipin_thread_t *t = ffipin_enter_fast();
  if (FFIPIN_UNLIKELY(!t)) return false;
  ffipin_alloc_site_t *s = ffipin_alloc_site_judged(t, pc, ffipin_modules_generation());
  if (FFIPIN_LIKELY(
          s &&
          (s->instrumented ||
           (s->native && s->stack && (s->chainless || ffipin_stack_native_is_pc_alone(t, bp)) &&
            ffipin_allocs_try_keep_recent(t, (uintptr_t)p, n, s->stack, t->tid, s->module,
                                          FFIPIN_ALLOC_UNINSTRUMENTED))))) {
    ffipin_leave(t);
    return true;
  }
  ffipin_unclaim(t);
  return false;
}
static inline void ffipin_alloc_on_malloc(void *p, size_t n, uintptr_t pc, uintptr_t bp) {
  if (FFIPIN_UNLIKELY(p && ffipin_lends_watched())) ffipin_alloc_record_block(p, n, pc, bp);
}
/* The same with the common case inline, for the malloc and calloc
 * interceptors: the call to the hook, its frame and saved registers, cost
 * about 15 of its 100 instructions a block. */
static FFIPIN_ALWAYS_INLINE void ffipin_alloc_on_malloc_inline(void *p, size_t n, uintptr_t pc,
                                                               uintptr_t bp) {
  if (FFIPIN_UNLIKELY(p && ffipin_lends_watched()) && !ffipin_alloc_record_block_fast(p, n, pc, bp))
    ffipin_alloc_record_block_slow(p, n, pc, bp);
}

/* The block at p is being freed: its record goes. */
void ffipin_alloc_forget_record(void *p) FFIPIN_INTERNAL;
void ffipin_alloc_forget_record_slow(void *p) FFIPIN_INTERNAL;
static inline void ffipin_alloc_on_free(void *p) {
  if (FFIPIN_UNLIKELY(p && ffipin_allocs_any())) ffipin_alloc_forget_record(p);
}
/* The common case of forgetting, which makes no call: a block of the
 * thread's own recent ones (or none). False, with nothing done, when the
 * record may be elsewhere. */
static FFIPIN_ALWAYS_INLINE bool ffipin_alloc_forget_record_fast(void *p) {
  ffipin_thread_t *t = ffipin_enter_fast();
  if (FFIPIN_UNLIKELY(!t)) return false;
  bool mine = ffipin_allocs_forget_own(t, (uintptr_t)p);
  if (FFIPIN_LIKELY(mine))
    ffipin_leave(t);
  else
    ffipin_unclaim(t);
  return mine;
}
/* The same with it inline, for the free interceptor. */
static FFIPIN_ALWAYS_INLINE void ffipin_alloc_on_free_inline(void *p) {
  if (FFIPIN_UNLIKELY(p && ffipin_allocs_any()) && !ffipin_alloc_forget_record_fast(p))
    ffipin_alloc_forget_record_slow(p);
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
