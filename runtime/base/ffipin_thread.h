/* Per-thread state: the sanitizer's thread number (T0 is the main thread),
 * the live stack's bounds, the recursion guards, and the records of the open
 * call scopes (what was borrowed and which slots were written in each; the
 * model layer's ffipin_scope.c gives them meaning). */
#ifndef FFIPIN_THREAD_H
#define FFIPIN_THREAD_H

#include "base/ffipin_common.h"

enum {
  FFIPIN_MAX_SCOPES = 32,     /* nesting depth of call scopes per thread */
  FFIPIN_MAX_BORROWS = 16,    /* borrowed ranges per scope */
  FFIPIN_SCOPE_SLOT_LOG = 64, /* slots remembered per scope before overflow */
};

typedef struct {
  uintptr_t base, size;
} ffipin_range_t;

typedef struct {
  uintptr_t begin_pc; /* caller of call_begin: one frame, interned
                    into the depot only if a report needs it */
  unsigned nborrows;
  ffipin_range_t borrows[FFIPIN_MAX_BORROWS];
  bool borrows_overflowed; /* more borrows than fit: the last entry
                              grows to cover them all */
  unsigned nslots;
  uintptr_t slots[FFIPIN_SCOPE_SLOT_LOG];
  bool slots_overflowed; /* then call_end scans the held table */
} ffipin_scope_t;

typedef struct {
  uint32_t tid; /* 0 = main thread */
  int os_tid;
  uintptr_t stack_lo, stack_hi; /* [lo, hi) of this thread's stack; 0 if unknown */
  int in_runtime;               /* recursion guard for hooks */
  int in_report;                /* recursion guard for the report path */
  unsigned depth;               /* open call scopes */
  ffipin_scope_t scopes[FFIPIN_MAX_SCOPES];
} ffipin_thread_t;

/* This thread's state, created on first use (never NULL). Inline: every
 * hook asks, on every cgo call twice. */
extern FFIPIN_TLS ffipin_thread_t *ffipin_tls_thread FFIPIN_INTERNAL;
ffipin_thread_t *ffipin_thread_create(void) FFIPIN_INTERNAL;
static inline ffipin_thread_t *ffipin_thread_current(void) {
  ffipin_thread_t *t = ffipin_tls_thread;
  return FFIPIN_LIKELY(t != NULL) ? t : ffipin_thread_create();
}
/* The live stack's bounds for the unwinder: from the caller's frame up to
 * the top of this thread's stack. False if the top is unknown. */
bool ffipin_thread_stack_bounds(uintptr_t *lo, uintptr_t *hi) FFIPIN_INTERNAL;
/* The top of this thread's stack (found lazily; (uintptr_t)-1 if unknown). */
uintptr_t ffipin_thread_stack_hi(void) FFIPIN_INTERNAL;
/* Called by the pthread_create trampoline with its own frame address. */
void ffipin_thread_set_stack_hi(uintptr_t hi) FFIPIN_INTERNAL;
/* Creates the key whose destructor recycles a thread's state (at init). */
void ffipin_thread_init_keys(void) FFIPIN_INTERNAL;
void ffipin_thread_after_fork_child(void) FFIPIN_INTERNAL;
void ffipin_thread_pool_lock(void) FFIPIN_INTERNAL;
void ffipin_thread_pool_unlock(void) FFIPIN_INTERNAL;

#endif
