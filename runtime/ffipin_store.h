/* The slow path of an instrumented store, shared by the pass's entry points
 * and the interceptors (a pthread_create argument is a store too). */
#ifndef FFIPIN_STORE_H
#define FFIPIN_STORE_H

#include "ffipin_stack.h"
#include "ffipin_thread.h"

/* How sure the caller is that the stored word is a pointer. */
typedef enum {
  ffipin_store_pointer, /* a pointer (or a ptrtoint of one) */
  ffipin_store_guess,   /* copied bytes that may be data: tracked, but an
                           unpinned-store is never reported on a guess */
} ffipin_store_kind;

/* slot was just given value. *stack is the store stack, captured from
 * pc/bp on first need (so a memcpy that copies many pointers unwinds once). */
void ffipin_store_slow(ffipin_thread *t, uptr slot, uptr value, ffipin_store_kind kind,
                       ffipin_stack_id *stack, uptr pc, uptr bp) FFIPIN_INTERNAL;

#endif
