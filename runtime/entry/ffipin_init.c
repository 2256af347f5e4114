/* Start-up and shut-down. The static runtime starts from .preinit_array
 * (before any constructor of the program or its libraries, so that their
 * stores and threads are seen); the shared runtime from a constructor. */
#include "entry/ffipin_init.h"

#include <pthread.h>
#include <stdlib.h>

#include "base/ffipin_flags.h"
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
#include "model/ffipin_allocs.h"
#include "model/ffipin_bounds.h"
#include "model/ffipin_guard.h"
#include "model/ffipin_heaps.h"
#include "model/ffipin_held.h"
#include "model/ffipin_lends.h"
#include "model/ffipin_modules.h"
#include "model/ffipin_pins.h"
#include "model/ffipin_scan.h"

atomic_int ffipin_state;

/* fork() in a threaded program: no runtime lock may be held by a thread
 * that does not exist in the child. Lock order: report, heaps, guarded
 * copies, bounds, pins, held, allocations, ended lends, modules, scanner,
 * stack depot, thread pool, log, sys (maps reader, safe-read pipe). */
static void before_fork(void) {
  ffipin_report_lock();
  ffipin_heaps_lock();
  ffipin_guard_lock();
  ffipin_bounds_lock();
  ffipin_pins_lock();
  ffipin_held_lock();
  ffipin_allocs_lock();
  ffipin_lends_lock();
  ffipin_modules_lock();
  ffipin_scan_lock();
  ffipin_stack_lock();
  ffipin_thread_pool_lock();
  ffipin_log_lock();
  ffipin_sys_lock();
}
static void after_fork_parent(void) {
  ffipin_sys_unlock();
  ffipin_log_unlock();
  ffipin_thread_pool_unlock();
  ffipin_stack_unlock();
  ffipin_scan_unlock();
  ffipin_modules_unlock();
  ffipin_lends_unlock();
  ffipin_allocs_unlock();
  ffipin_held_unlock();
  ffipin_pins_unlock();
  ffipin_bounds_unlock();
  ffipin_guard_unlock();
  ffipin_heaps_unlock();
  ffipin_report_unlock();
}
static void after_fork_child(void) {
  after_fork_parent();
  ffipin_thread_after_fork_child();
}

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
  ffipin_thread_init_keys();
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
