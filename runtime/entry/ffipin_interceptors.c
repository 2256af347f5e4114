/* libc functions that change what a slot is: memory that is freed,
 * reallocated or unmapped no longer holds anything (or holds it elsewhere),
 * a thread's start argument is a slot the pass never sees, and a clone()
 * child may share its creator's thread-local storage. The names come from
 * entry/ffipin_intercepted.inc. Static runtime: __wrap_<name> reached
 * through the linker's --wrap, calling __real_<name> (which is whatever
 * definition comes next, e.g. ASan's interceptor). Shared runtime: <name>
 * itself, calling the next definition found with dlsym(RTLD_NEXT). Each
 * does its runtime part through the hook entry sequence (entry/ffipin_init.h):
 * inside a signal handler that interrupted the runtime, that part is kept
 * for later, never run against a lock the thread already holds. */
#include <dlfcn.h>
#include <malloc.h> /* free, realloc: the intercepted names */
#include <pthread.h>
#include <sched.h>
#include <stdarg.h>
#include <sys/mman.h>

#include "base/ffipin_message.h"
#include "checks/ffipin_checks.h"
#include "entry/ffipin_alloc_events.h"
#include "entry/ffipin_init.h"
#include "entry/ffipin_start_records.h"
#include "model/ffipin_bounds.h"
#include "model/ffipin_held.h"

#if defined(FFIPIN_STATIC_RUNTIME)
#define INTERCEPTOR(ret, name, ...)                                                                \
  extern ret __real_##name(__VA_ARGS__);                                                           \
  FFIPIN_EXPORT ret __wrap_##name(__VA_ARGS__)
#define REAL(name) __real_##name
#else
#define FFIPIN_INTERCEPTED(name) static __typeof__(&name) real_##name;
#include "entry/ffipin_intercepted.inc"
#define INTERCEPTOR(ret, name, ...) FFIPIN_EXPORT ret name(__VA_ARGS__)
#define REAL(name) (real_##name ? real_##name : resolve_##name())
/* Resolution may run before our constructor (another library's constructor
 * frees memory); dlsym on a name that exists does not allocate. */
#define FFIPIN_INTERCEPTED(name)                                                                   \
  static __typeof__(&name) resolve_##name(void) {                                                  \
    __typeof__(&name) f = (__typeof__(&name))dlsym(RTLD_NEXT, #name);                              \
    if (!f) ffipin_fatal("dlsym(RTLD_NEXT, \"%s\") failed", #name);                                \
    __atomic_store_n(&real_##name, f, __ATOMIC_RELEASE);                                           \
    return f;                                                                                      \
  }
#include "entry/ffipin_intercepted.inc"
/* Before the runtime's own start-up constructor (101), so that no hook
 * resolves a name at a worse moment (inside a signal handler). */
__attribute__((constructor(100))) static void resolve_all(void) {
#define FFIPIN_INTERCEPTED(name) (void)REAL(name);
#include "entry/ffipin_intercepted.inc"
}
#endif

static size_t block_size(void *p) { return ffipin_alloc_block_size(p); }
static bool tracking(void) { return ffipin_alloc_tracking(); }

// Memory that goes away

/* The interposed allocator's free is every module's, shared libraries'
 * included, and does all of this itself (entry/ffipin_alloc_interceptors.c):
 * the executable's frees reach it as the next free. */
#if defined(FFIPIN_STATIC_RUNTIME)
extern void __libc_free(void *p);
#endif
INTERCEPTOR(void, free, void *p) {
  if (FFIPIN_LIKELY(ffipin_alloc_interposed())) {
#if defined(FFIPIN_STATIC_RUNTIME)
    /* The interposed free's own test, made here: one jump fewer. */
    if (FFIPIN_LIKELY(ffipin_alloc_free_is_plain())) {
      __libc_free(p);
      return;
    }
#endif
    REAL(free)(p); /* a tail call */
    return;
  }
  if (p) ffipin_alloc_on_free(p); /* before the block can be handed out again */
  ffipin_alloc_free_block(p, REAL(free), FFIPIN_CALLER_PC);
}

/* realloc(p, n) of a block of old_size bytes returned q: the slots in the
 * kept bytes move with them, the rest of the old block is forgotten (also
 * past n when it shrank in place: the allocator may keep the tail in the
 * block, but the bytes are no longer the program's). Only the slots
 * recorded up to stamp `until`, taken before the real call: once it has
 * freed the old block, another thread may have reused it and stored. */
static void realloc_done(ffipin_thread_t *t, uintptr_t p, uintptr_t old_size, uintptr_t q,
                         uintptr_t n, uint64_t until) {
  if (!q) {
    if (n == 0) ffipin_held_forget_range_until(p, p + old_size, until); /* freed */
    return;
  }
  uintptr_t kept = old_size < n ? old_size : n;
  if (q != p) {
    /* The bytes moved; so do the slots in them (before forgetting the rest). */
    ffipin_check_block_moved(t, p, kept, q, until);
    ffipin_held_forget_range_until(p, p + old_size, until);
  } else if (kept < old_size) {
    ffipin_held_forget_range_until(p + kept, p + old_size, until);
  }
}

/* The kept call's pc carries the stamp: a realloc's replay has no stack. */
static void replay_realloc(ffipin_thread_t *t, const ffipin_deferred_t *d) {
  realloc_done(t, d->arg[0], d->arg[1], d->arg[2], d->arg[3], d->pc);
}

INTERCEPTOR(void *, realloc, void *p, size_t n) {
  if (!p || !tracking()) {
    void *q = REAL(realloc)(p, n);
    ffipin_alloc_on_realloc(p, q, n, FFIPIN_CALLER_PC, FFIPIN_FRAME);
    return q;
  }
  uintptr_t old_size = block_size(p);
  ffipin_thread_t *t = ffipin_enter();
  if (!t) {
    /* Busy on this thread: the slots move later (and a thread that reuses
     * the old block meanwhile keeps what it stores there). */
    uint64_t until = ffipin_held_last_stamp();
    void *q = REAL(realloc)(p, n);
    ffipin_alloc_on_realloc(p, q, n, FFIPIN_CALLER_PC, FFIPIN_FRAME);
    ffipin_enter_or_defer(replay_realloc, (uintptr_t)p, old_size, (uintptr_t)q, n, until);
    return q;
  }
  /* The guard stays held across the real call (a signal handler's hooks
   * are kept meanwhile): the old block's slots must not be dropped by a
   * walk that re-reads them once the block is freed, before they move. */
  uint64_t until = ffipin_held_last_stamp();
  bool held_back = ffipin_held_moving_begin((uintptr_t)p, (uintptr_t)p + old_size);
  void *q = REAL(realloc)(p, n);
  /* At once, before another thread can be given p. (With the guard held, a
   * new record, for a p never recorded, is not made.) */
  ffipin_alloc_on_realloc_entered(p, q, n, FFIPIN_CALLER_PC, FFIPIN_FRAME);
  realloc_done(t, (uintptr_t)p, old_size, (uintptr_t)q, n, until);
  if (held_back) ffipin_held_moving_end((uintptr_t)p, (uintptr_t)p + old_size);
  ffipin_leave(t);
  return q;
}

/* The kept call's pc carries the stamp, as for realloc. */
static void replay_munmap(ffipin_thread_t *t, const ffipin_deferred_t *d) {
  ffipin_held_forget_range_until(d->arg[0], d->arg[0] + d->arg[1], d->pc);
}

INTERCEPTOR(int, munmap, void *addr, size_t len) {
  if (!tracking()) return REAL(munmap)(addr, len);
  ffipin_thread_t *t =
      ffipin_enter_or_defer(replay_munmap, (uintptr_t)addr, len, 0, 0, FFIPIN_CALLER_PC);
  if (t) {
    ffipin_held_forget_range((uintptr_t)addr, (uintptr_t)addr + len);
    ffipin_leave(t);
  }
  return REAL(munmap)(addr, len);
}

// Threads

/* When the thread ends, however it ends (its function returns, it calls
 * pthread_exit, it is cancelled: this file is built with -fexceptions, so
 * the unwinding of the last two runs this cleanup too): its argument is no
 * longer held, and its state goes back to the pool. */
static void thread_done(ffipin_start_record_t **record) {
  ffipin_thread_t *t = ffipin_enter();
  ffipin_start_record_put(*record);
  if (t) ffipin_leave(t);
  ffipin_thread_exit();
}

static void *thread_start(void *p) {
  ffipin_start_record_t *r __attribute__((cleanup(thread_done))) = p;
  /* Our frame is the outermost one the thread's code will use: the top of
   * its live stack. Above it are libc's start frame and the TLS block. */
  ffipin_thread_set_stack_hi(FFIPIN_FRAME + 2 * sizeof(uintptr_t));
  return r->fn(r->arg);
}

INTERCEPTOR(int, pthread_create, pthread_t *thread, const pthread_attr_t *attr, void *(*fn)(void *),
            void *arg) {
  /* Busy on this thread (or not ready): the thread starts unseen (its
   * argument untracked, its stack found later). */
  ffipin_thread_t *t = ffipin_enter();
  if (!t) return REAL(pthread_create)(thread, attr, fn, arg);
  ffipin_start_record_t *r = ffipin_start_record_get();
  r->fn = fn;
  r->arg = arg;
  if (ffipin_bounds_may_contain((uintptr_t)arg)) {
    ffipin_store_site_t site = {0, t->tid, FFIPIN_CALLER_PC, FFIPIN_FRAME, 0};
    ffipin_check_store(t, (uintptr_t)&r->arg, (uintptr_t)arg, FFIPIN_STORE_POINTER, &site);
  }
  ffipin_leave(t);
  int rc = REAL(pthread_create)(thread, attr, thread_start, r);
  if (rc) {
    t = ffipin_enter();
    ffipin_start_record_put(r);
    if (t) ffipin_leave(t);
  }
  return rc;
}

/* A child that shares memory and its creator's thread-local storage (no
 * CLONE_SETTLS) sees the creator's TLS pointer: from now on threads find
 * their states by their kernel ids. */
INTERCEPTOR(int, clone, int (*fn)(void *), void *stack, int flags, void *arg, ...) {
  va_list ap;
  va_start(ap, arg);
  pid_t *parent_tid = va_arg(ap, pid_t *);
  void *tls = va_arg(ap, void *);
  pid_t *child_tid = va_arg(ap, pid_t *);
  va_end(ap);
  if ((flags & CLONE_VM) && !(flags & CLONE_SETTLS) && ffipin_ready())
    ffipin_thread_note_shared_tls();
  return REAL(clone)(fn, stack, flags, arg, parent_tid, tls, child_tid);
}
