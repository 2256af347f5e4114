/* Bytes of C memory that move or are copied carry their held slots with
 * them: memcpy/memmove (the copies are stores by the copier) and a realloc
 * that moves a block (the slots move, keeping their store stacks). */
#ifndef FFIPIN_CHECK_COPY_H
#define FFIPIN_CHECK_COPY_H

#include "base/ffipin_thread.h"
#include "checks/ffipin_check_store.h"

/* [src, src+n) was just copied to dst: each held slot of the source whose
 * word landed in the destination makes that destination word a held slot
 * stored at site (if the word is still foreign and the destination is C
 * memory), logged in the thread's innermost scope. Overlapping ranges
 * (memmove) never copy a copy. */
void ffipin_check_copy(ffipin_thread_t *t, uintptr_t dst, uintptr_t src, uintptr_t n,
                       ffipin_store_site_t *site) FFIPIN_INTERNAL;
/* realloc moved [from, from+kept) to to: its held slots recorded up to
 * stamp `until` (before the move: what another thread stored in the old
 * block since is not ours) are recorded at their new place with their own
 * store stacks (the old block's slots are the caller's to forget). */
void ffipin_check_block_moved(ffipin_thread_t *t, uintptr_t from, uintptr_t kept, uintptr_t to,
                              uint64_t until) FFIPIN_INTERNAL;

#endif
