/* What the allocator's events mean to the runtime: a freed or moved block
 * loses its record (model/ffipin_allocs.h). Every free interceptor calls
 * these: the interposed allocator (entry/ffipin_alloc_interceptors.c, when
 * no other sanitizer owns malloc), the free/realloc interceptors, and the
 * allocator hooks of another sanitizer (ASan, LSan, TSan, MSan) when one
 * owns malloc. */
#ifndef FFIPIN_ALLOC_EVENTS_H
#define FFIPIN_ALLOC_EVENTS_H

#include "base/ffipin_common.h"

/* A block of n bytes was allocated at p by the code that called the
 * allocator at pc (frame bp): recorded, with its stack, when lends are
 * watched (model/ffipin_lends.h) and that code's module was not built with
 * the pass (scan mode reads such blocks). */
void ffipin_alloc_on_malloc(void *p, size_t n, uintptr_t pc, uintptr_t bp) FFIPIN_INTERNAL;
void ffipin_alloc_on_free(void *p) FFIPIN_INTERNAL;
/* realloc(p, n) returned q (NULL: failed, p untouched, unless n was 0),
 * called at pc (frame bp); a block not recorded before counts as new. */
void ffipin_alloc_on_realloc(void *p, void *q, size_t n, uintptr_t pc,
                             uintptr_t bp) FFIPIN_INTERNAL;
/* The same for a caller that holds the thread's guard (ffipin_enter):
 * records move at once; a block without a record gets none. */
void ffipin_alloc_on_realloc_entered(void *p, void *q, size_t n, uintptr_t pc,
                                     uintptr_t bp) FFIPIN_INTERNAL;

/* The size of the live heap block at p (0 if it is none), from whichever
 * allocator owns it. */
size_t ffipin_alloc_block_size(void *p) FFIPIN_INTERNAL;
/* Whether frees must forget held slots: the runtime is up and holds some. */
bool ffipin_alloc_tracking(void) FFIPIN_INTERNAL;
/* The end of every free: forgets the held slots in the block at p, then
 * calls release(p) (the next free: glibc's, another sanitizer's); on a
 * thread where the runtime is busy, the whole free waits. pc: the caller. */
void ffipin_alloc_free_block(void *p, void (*release)(void *), uintptr_t pc) FFIPIN_INTERNAL;
/* The static runtime's next free is the interposed allocator's (which then
 * does the free's runtime part for every module). */
bool ffipin_alloc_interposed(void) FFIPIN_INTERNAL;

/* True when every free in the process reaches ffipin_alloc_on_free, frees
 * made by shared libraries included: only then may a block's record be
 * trusted to mean it is still allocated (a leak check needs that). */
bool ffipin_alloc_frees_visible(void) FFIPIN_INTERNAL;

#endif
