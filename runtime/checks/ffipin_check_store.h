/* The store decision (unpinned-store), and what makes a slot held. */
#ifndef FFIPIN_CHECK_STORE_H
#define FFIPIN_CHECK_STORE_H

#include "base/ffipin_thread.h"
#include "diag/ffipin_stack.h"

/* How sure the caller is that the stored word is a pointer. */
typedef enum {
  FFIPIN_STORE_POINTER, /* a pointer (or a ptrtoint of one) */
  FFIPIN_STORE_GUESS,   /* copied bytes that may be data: tracked, but an
                           unpinned-store is never reported on a guess */
} ffipin_store_kind_t;

/* Who stored: the store stack (0: captured from pc/bp on first need, so a
 * memcpy that copies many pointers unwinds once) and the storing thread;
 * live_from: the lowest address of the storing thread's live stack when it
 * stored (a store kept for later is judged after its frame is gone: a
 * signal handler's local slot is not C memory then either), 0 for now. */
typedef struct {
  ffipin_stack_id_t stack;
  uint32_t tid;
  uintptr_t pc, bp;
  uintptr_t live_from;
} ffipin_store_site_t;

/* slot was just given value, which is inside the fast path's bounds: if the
 * value is foreign and the slot C-resident, the slot becomes held (and is
 * logged in the thread's innermost scope), and a store of an unpinned heap
 * pointer outside every scope is unpinned-store. */
void ffipin_check_store(ffipin_thread_t *t, uintptr_t slot, uintptr_t value,
                        ffipin_store_kind_t kind, ffipin_store_site_t *site) FFIPIN_INTERNAL;

#endif
