/* Start-up and shut-down. The static runtime starts from .preinit_array
 * (before any constructor of the program or its libraries, so that their
 * stores and threads are seen); the shared runtime from a constructor. */
#include "entry/ffipin_init.h"

#include <pthread.h>
#include <stdlib.h>

#include "base/ffipin_assert.h"
#include "base/ffipin_flags.h"
#include "base/ffipin_lock.h"
#include "base/ffipin_message.h"
#include "base/ffipin_stats.h"
#include "base/ffipin_sys.h"
#include "base/ffipin_thread.h"
#include "checks/ffipin_checks.h"
#include "diag/ffipin_bug_kinds.h"
#include "diag/ffipin_log.h"
#include "diag/ffipin_report.h"
#include "diag/ffipin_stack.h"
#include "diag/ffipin_suppress.h"
#include "diag/ffipin_suppress_builtin.h"
#include "entry/ffipin_signals.h"
#include "entry/ffipin_start_records.h"
#include "model/ffipin_allocs.h"
#include "model/ffipin_bounds.h"
#include "model/ffipin_guard.h"
#include "model/ffipin_heaps.h"
#include "model/ffipin_held.h"
#include "model/ffipin_lends.h"
#include "model/ffipin_modules.h"
#include "model/ffipin_pins.h"
#include "model/ffipin_scan.h"
#include "model/ffipin_shadow.h"

atomic_int ffipin_state;

/* Every lock's Lock/Unlock functions, from the one list. A binding's are
 * weak: without the binding linked in, there is no such lock. */
#define FFIPIN_LOCK(Name, Multi, Lock, Unlock, Meaning)
#define FFIPIN_BINDING_LOCK(Name, Multi, Lock, Unlock, Meaning)                                    \
  extern void Lock(void) __attribute__((weak));                                                    \
  extern void Unlock(void) __attribute__((weak));
#include "base/ffipin_locks.inc"

/* fork() in a threaded program: no runtime lock may be held by a thread
 * that does not exist in the child. Every lock of the list, in its order
 * before fork(), released in the reverse order after it. */
static void before_fork(void) {
  ffipin_thread_before_fork();
#define FFIPIN_LOCK(Name, Multi, Lock, Unlock, Meaning) Lock();
#define FFIPIN_BINDING_LOCK(Name, Multi, Lock, Unlock, Meaning)                                    \
  if (Lock) Lock();
#include "base/ffipin_locks.inc"
}
static void after_fork_parent(void) {
  /* The list reversed: each entry pushes its unlock before the next one's. */
  void (*unlocks[FFIPIN_LOCK_TYPES])(void);
  int n = 0;
#define FFIPIN_LOCK(Name, Multi, Lock, Unlock, Meaning) unlocks[n++] = Unlock;
#define FFIPIN_BINDING_LOCK(Name, Multi, Lock, Unlock, Meaning)                                    \
  if (Unlock) unlocks[n++] = Unlock;
#include "base/ffipin_locks.inc"
  while (n > 0) unlocks[--n]();
}
static void after_fork_child(void) {
  after_fork_parent();
  ffipin_thread_after_fork_child();
}

/* Debug builds: each listed lock gets its type, taken once by its list
 * entry's Lock function (the order check needs them all). */
static void learn_lock_types(void) {
#if defined(FFIPIN_DEBUG) && FFIPIN_DEBUG
#define FFIPIN_LOCK(Name, Multi, Lock, Unlock, Meaning)                                            \
  ffipin_lock_learn_begin(FFIPIN_LOCK_TYPE_##Name);                                                \
  Lock();                                                                                          \
  Unlock();
#define FFIPIN_BINDING_LOCK(Name, Multi, Lock, Unlock, Meaning)                                    \
  ffipin_lock_learn_begin(FFIPIN_LOCK_TYPE_##Name);                                                \
  if (Lock) Lock();                                                                                \
  if (Unlock) Unlock();
#include "base/ffipin_locks.inc"
  ffipin_lock_learn_end();
#endif
}

// The hook entry sequence's calls kept for later

/* A signal handler on the thread finishes (writing its entry) before the
 * code it interrupted goes on, so the guard's holder never finds an entry
 * half written. */
bool ffipin_defer(ffipin_thread_t *t, ffipin_replay_fn_t replay, uintptr_t a0, uintptr_t a1,
                  uintptr_t a2, uintptr_t a3, uintptr_t pc) {
  unsigned n = atomic_load_explicit(&t->deferred_reserved, memory_order_relaxed);
  do {
    if (n - atomic_load_explicit(&t->deferred_done, memory_order_acquire) >= FFIPIN_MAX_DEFERRED) {
      atomic_fetch_add_explicit(&t->deferred_dropped, 1, memory_order_relaxed);
      return false;
    }
  } while (!atomic_compare_exchange_weak_explicit(&t->deferred_reserved, &n, n + 1,
                                                  memory_order_acq_rel, memory_order_relaxed));
  ffipin_deferred_t *d = &t->deferred[n % FFIPIN_MAX_DEFERRED];
  d->replay = replay;
  d->arg[0] = a0;
  d->arg[1] = a1;
  d->arg[2] = a2;
  d->arg[3] = a3;
  d->pc = pc;
  atomic_store_explicit(&d->ready, 1, memory_order_release);
  FFIPIN_COUNT(deferred_calls);
  return true;
}

void ffipin_replay_deferred(ffipin_thread_t *t) {
  for (;;) {
    unsigned done = atomic_load_explicit(&t->deferred_done, memory_order_relaxed);
    if (done == atomic_load_explicit(&t->deferred_reserved, memory_order_acquire)) break;
    ffipin_deferred_t *slot = &t->deferred[done % FFIPIN_MAX_DEFERRED];
    FFIPIN_CHECK(atomic_load_explicit(&slot->ready, memory_order_acquire));
    ffipin_deferred_t d;
    d.replay = slot->replay;
    for (int i = 0; i < 4; i++) d.arg[i] = slot->arg[i];
    d.pc = slot->pc;
    atomic_store_explicit(&slot->ready, 0, memory_order_relaxed);
    atomic_store_explicit(&t->deferred_done, done + 1, memory_order_release);
    d.replay(t, &d);
  }
  unsigned dropped = atomic_exchange_explicit(&t->deferred_dropped, 0, memory_order_relaxed);
  if (FFIPIN_UNLIKELY(dropped))
    ffipin_warning("%u runtime calls made while the runtime was busy on thread T%u (from a signal "
                   "handler or the error-report callback) were dropped: more than %d waited",
                   dropped, t->tid, FFIPIN_MAX_DEFERRED);
}

void ffipin_leave_slow(ffipin_thread_t *t) {
  while (ffipin_deferred_pending(t) && ffipin_claim(t)) {
    ffipin_replay_deferred(t);
    ffipin_unclaim(t);
  }
}

// Start-up

static void at_exit(void) { ffipin_run_exit_checks(); }

static void initialise(void) {
  ffipin_thread_current(); /* the initialising thread is T0 */
  ffipin_flags_init();
  if (ffipin_flags.help) {
    ffipin_flags_print_help();
    ffipin_bug_kinds_print_help();
    ffipin_suppress_builtin_print_help();
  }
  ffipin_suppress_init();
  learn_lock_types();
  pthread_atfork(before_fork, after_fork_parent, after_fork_child);
  ffipin_report_set_start_hook(ffipin_signals_install);
  atexit(at_exit);
  ffipin_verbose(1, "initialised (pid %d)", ffipin_getpid());
}

bool ffipin_init_slow(void) {
  int expected = FFIPIN_STATE_NONE;
  if (atomic_compare_exchange_strong(&ffipin_state, &expected, FFIPIN_STATE_INITIALISING)) {
    initialise();
    atomic_store_explicit(&ffipin_state, FFIPIN_STATE_READY, memory_order_release);
    return true;
  }
  /* Initialising (on this thread: a hook reached from the set-up itself;
   * on another: a moment before main) — pass through. */
  return expected == FFIPIN_STATE_READY;
}

void ffipin_run_exit_checks(void) {
  static atomic_int done;
  if (atomic_exchange(&done, 1)) return;
  if (atomic_load(&ffipin_state) != FFIPIN_STATE_READY) return;
  if (ffipin_flags.print_stats) ffipin_stats_print();
  if (ffipin_lends_watched()) {
    /* The lends no scan judged yet (the binding's oracle is gone: pointers
     * a call lent then match only when equal). */
    ffipin_thread_t *t = ffipin_enter();
    if (t) {
      ffipin_check_unseen_all(t, NULL);
      ffipin_leave(t);
    }
  }
  if (ffipin_flags.detect_pin_leaks) ffipin_check_pin_leaks();
  if (ffipin_flags.detect_cgo_leaks) ffipin_check_managed_leaks();
}

#if defined(FFIPIN_STATIC_RUNTIME)
/* ld.so runs .preinit_array before libc has set `environ`, so getenv()
 * would find nothing; the environment comes in as the third argument. */
static void preinit(int argc, char **argv, char **envp) {
  ffipin_set_envp(envp);
  ffipin_ready();
}
__attribute__((section(".preinit_array"),
               used)) static void (*const ffipin_preinit)(int, char **, char **) = preinit;
#elif defined(FFIPIN_EMBEDDED_RUNTIME)
/* Built into an agent library (bindings/<language>): the agent starts the
 * runtime itself, once it has read its own options. */
#else
__attribute__((constructor(101))) static void ffipin_ctor(void) { ffipin_ready(); }
#endif
