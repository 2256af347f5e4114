/* Per-thread state: the sanitizer's thread number (T0 is the main thread),
 * the live stack's bounds, the recursion guards, the calls deferred while
 * the runtime was busy on the thread, and the records of the open call
 * scopes (what was borrowed and which slots were written in each; the
 * model layer's ffipin_scope.c gives them meaning). */
#ifndef FFIPIN_THREAD_H
#define FFIPIN_THREAD_H

#include <stdatomic.h>

#include "base/ffipin_common.h"
#include "base/ffipin_lock.h"

enum {
  FFIPIN_MAX_SCOPES = 32,     /* nesting depth of call scopes per thread */
  FFIPIN_MAX_BORROWS = 16,    /* borrowed ranges per scope */
  FFIPIN_SCOPE_SLOT_LOG = 64, /* slots remembered per scope before overflow */
  FFIPIN_MAX_DEFERRED = 64,   /* calls kept while the runtime is busy on a thread */
  FFIPIN_RECENT_BLOCKS = 256, /* blocks kept in a thread's recent allocations, two per set */
  FFIPIN_ALLOC_SITES = 16,    /* allocator callers a thread remembers */
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

typedef struct ffipin_thread_s ffipin_thread_t;

/* A heap block allocated on this thread lately, by code built without the
 * pass (or by the managed language's C helper, once frees ask here anyway):
 * the fields of its allocation record, which model/ffipin_allocs.c keeps
 * here, out of the shared table, until the block is freed or another
 * recent block takes its place (then it moves to the table). addr 0: the
 * place is free. Only the owner fills a place; model/ffipin_allocs.c says
 * who may clear one and how the others read it. */
typedef struct {
  _Atomic uintptr_t addr;   /* read without a lock: a free's first look */
  _Atomic unsigned version; /* odd while the owner fills the place (a seqlock) */
  unsigned age;             /* the owner's fill count at the fill: its own to read */
  uintptr_t size;           /* these: written by the owner while version is odd */
  uint64_t epoch;
  uint32_t stack, tid;
  uint16_t module;
  uint16_t kind; /* ffipin_alloc_kind_t (model/ffipin_allocs.h) */
} ffipin_recent_block_t;

/* An allocator's caller, as the allocation hooks last judged it
 * (entry/ffipin_alloc_events.c): a prebuilt library allocates from a
 * handful of call sites (libsqlite3 from one), and finding a pc's module
 * and interning its one-frame stack cost more than keeping the record.
 * Valid while the modules table is of the same generation. Used only
 * by the thread, inside ffipin_enter. */
typedef struct {
  uintptr_t pc;        /* the return address into the caller; 0: unused */
  unsigned generation; /* ffipin_modules_generation() when judged */
  uint32_t stack;      /* pc alone as a stack; 0: not interned yet */
  uint16_t module;     /* pc's module, 0 if none */
  bool instrumented;   /* its module was built with the pass: nothing to record */
  bool native;         /* its module starts no stack switch (diag/ffipin_stack.h) */
  bool chainless;      /* native, and its module keeps no frame pointers: the stack is pc
                        * alone, whatever rbp holds (model/ffipin_module_frames.h) */
} ffipin_alloc_site_t;

/* A hook call that found the runtime already busy on its thread (a signal
 * handler that interrupted it, the error-report callback, a clone() child
 * sharing the thread's storage), kept to be replayed in order as soon as
 * the runtime is free there (entry/ffipin_hook.h). */
typedef struct ffipin_deferred_s {
  void (*replay)(ffipin_thread_t *t, const struct ffipin_deferred_s *d);
  uintptr_t arg[4];
  uintptr_t pc;     /* the caller: the replayed call's one-frame stack */
  atomic_int ready; /* written by whoever reserved the entry */
} ffipin_deferred_t;

struct ffipin_thread_s {
  uint32_t tid; /* 0 = main thread */
  int os_tid;
  uintptr_t stack_lo, stack_hi; /* [lo, hi) of this thread's stack; 0 if unknown */
  int in_runtime;               /* recursion guard for hooks */
  int in_report;                /* recursion guard for the report path */
  unsigned depth;               /* open call scopes */
  /* A word the unwinder's stack switch (diag/ffipin_stack.h) has found
   * readable for good on this thread, and the last one it refused; what
   * they mean is the binding's. They spare the switch a system call per
   * stack on the thread's next ones (a C program's main thread ends every
   * stack at the same frame, which the switch would otherwise test anew). */
  uintptr_t switch_known, switch_refused;
  /* Deferred calls: entry n % FFIPIN_MAX_DEFERRED for n in [done, reserved). */
  atomic_uint deferred_reserved;
  atomic_uint deferred_done; /* advanced by the thread that holds in_runtime */
  atomic_uint deferred_dropped;
  ffipin_deferred_t deferred[FFIPIN_MAX_DEFERRED];
  /* Recycling (ffipin_thread.c). */
  atomic_int in_use;
  bool listed_free;
  ffipin_thread_t *next_free;
  ffipin_thread_t *_Atomic next_state;
  ffipin_scope_t scopes[FFIPIN_MAX_SCOPES];
  /* Recent allocations, by address hash. They outlive the thread: the
   * blocks stay allocated, so a state's next owner inherits them, and they
   * are never reset. The owner fills and clears its places without a lock;
   * recent_lock is taken by another thread's free of a block this thread
   * allocated, and by the owner to give a place's block up to the table. */
  ffipin_lock_t recent_lock;
  unsigned recent_fills; /* the owner's: the places' ages */
  /* Whether a block ever took a place of its second set (the owner's; for
   * good: the places outlive an owner): its frees then look there too. */
  bool recent_alt_used;
  ffipin_recent_block_t recent[FFIPIN_RECENT_BLOCKS];
  ffipin_alloc_site_t alloc_sites[FFIPIN_ALLOC_SITES]; /* by pc hash */
};

/* This thread's state, created on first use (never NULL). Inline: every
 * hook asks, on every cgo call twice. Safe in a signal handler, also one
 * that interrupted the creation of this thread's state. Once a thread was
 * created with clone() sharing its creator's thread-local storage
 * (ffipin_thread_note_shared_tls), the TLS pointer may be another
 * thread's: then each thread's own state is found by its kernel id. */
extern FFIPIN_TLS ffipin_thread_t *ffipin_tls_thread FFIPIN_INTERNAL;
extern atomic_int ffipin_tls_shared FFIPIN_INTERNAL;
ffipin_thread_t *ffipin_thread_find(void) FFIPIN_INTERNAL;
static inline ffipin_thread_t *ffipin_thread_current(void) {
  ffipin_thread_t *t = __atomic_load_n(&ffipin_tls_thread, __ATOMIC_RELAXED);
  if (FFIPIN_LIKELY(t != NULL) &&
      FFIPIN_LIKELY(!atomic_load_explicit(&ffipin_tls_shared, memory_order_relaxed)))
    return t;
  return ffipin_thread_find();
}
/* Every thread state there is (live, recycled or of a thread that ended):
 * states are never freed, so the walk needs no lock. */
ffipin_thread_t *ffipin_thread_first_state(void) FFIPIN_INTERNAL;
static inline ffipin_thread_t *ffipin_thread_next_state(ffipin_thread_t *t) {
  return atomic_load_explicit(&t->next_state, memory_order_acquire);
}
/* How many states there are. */
size_t ffipin_thread_states(void) FFIPIN_INTERNAL;
/* A thread sharing this one's thread-local storage is about to start. */
void ffipin_thread_note_shared_tls(void) FFIPIN_INTERNAL;
/* The top of t's stack the first time it is asked (from the mappings). */
uintptr_t ffipin_thread_find_stack_hi(ffipin_thread_t *t) FFIPIN_INTERNAL;
/* The top of this thread's stack (found lazily; (uintptr_t)-1 if unknown).
 * Inline: each stack the unwinder takes asks once, and once more at a
 * switch to a managed stack; out of line, its prologue cost more than the
 * question (it saved three registers for the rare first time). */
static inline uintptr_t ffipin_thread_stack_hi(void) {
  ffipin_thread_t *t = ffipin_thread_current();
  uintptr_t hi = t->stack_hi;
  return FFIPIN_LIKELY(hi != 0) ? hi : ffipin_thread_find_stack_hi(t);
}
/* The live stack's bounds for the unwinder: from the caller's frame up to
 * the top of this thread's stack. False if the top is unknown. */
static inline bool ffipin_thread_stack_bounds(uintptr_t *lo, uintptr_t *hi) {
  uintptr_t h = ffipin_thread_stack_hi();
  if (h == (uintptr_t)-1) return false;
  *lo = FFIPIN_FRAME;
  *hi = h;
  return true;
}
/* Called by the pthread_create trampoline with its own frame address. */
void ffipin_thread_set_stack_hi(uintptr_t hi) FFIPIN_INTERNAL;
/* The calling thread is about to exit: its state goes back to the pool
 * (states of threads that exit unseen are found later: see thread.c). */
void ffipin_thread_exit(void) FFIPIN_INTERNAL;
void ffipin_thread_before_fork(void) FFIPIN_INTERNAL;
void ffipin_thread_after_fork_child(void) FFIPIN_INTERNAL;
void ffipin_thread_pool_lock(void) FFIPIN_INTERNAL;
void ffipin_thread_pool_unlock(void) FFIPIN_INTERNAL;

#endif
