/* Start-up and shut-down. The static runtime starts from .preinit_array
 * (before any constructor of the program or its libraries, so that their
 * stores and threads are seen); the shared runtime from a constructor. */
#include "ffipin_init.h"

#include <pthread.h>
#include <stdlib.h>

#include "ffipin_flags.h"
#include "ffipin_held.h"
#include "ffipin_heaps.h"
#include "ffipin_interceptors.h"
#include "ffipin_output.h"
#include "ffipin_pins.h"
#include "ffipin_platform.h"
#include "ffipin_report.h"
#include "ffipin_stats.h"
#include "ffipin_suppress.h"
#include "ffipin_thread.h"

atomic_int ffipin_state;

/* fork() in a threaded program: no runtime lock may be held by a thread
 * that does not exist in the child. Lock order: report, heaps, pins, held,
 * stack depot, thread pool, platform (maps reader, safe-read pipe). */
static void before_fork(void) {
  ffipin_report_lock();
  ffipin_heaps_lock();
  ffipin_pins_lock();
  ffipin_held_lock();
  ffipin_stack_lock();
  ffipin_thread_pool_lock();
  ffipin_platform_lock();
}
static void after_fork_parent(void) {
  ffipin_platform_unlock();
  ffipin_thread_pool_unlock();
  ffipin_stack_unlock();
  ffipin_held_unlock();
  ffipin_pins_unlock();
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
  ffipin_interceptors_init();
  ffipin_flags_init();
  ffipin_suppress_init();
  ffipin_thread_init_keys();
  pthread_atfork(before_fork, after_fork_parent, after_fork_child);
  atexit(at_exit);
  ffipin_verbose(1, "initialised (pid %d)", ffipin_getpid());
}

bool ffipin_init_slow(void) {
  int expected = ffipin_state_none;
  if (atomic_compare_exchange_strong(&ffipin_state, &expected, ffipin_state_initialising)) {
    initialise();
    atomic_store_explicit(&ffipin_state, ffipin_state_ready, memory_order_release);
    return true;
  }
  /* Initialising (on this thread: a hook reached from the set-up itself;
   * on another: a moment before main) — pass through. */
  return expected == ffipin_state_ready;
}

static void report_pin_leaks(void) {
  ffipin_pin pins[64];
  size_t cursor = 0, n;
  bool halt = ffipin_flags.halt_on_error, any = false;
  /* Every leak is listed before the process exits, as LeakSanitizer does. */
  ffipin_flags.halt_on_error = false;
  while ((n = ffipin_pins_snapshot(&cursor, pins, 64))) {
    for (size_t i = 0; i < n; i++) {
      ffipin_report r = {
          .kind = ffipin_bug_PinLeak,
          .range_begin = pins[i].base,
          .range_size = pins[i].size,
          .pin_count = pins[i].count,
          .stacks = {{"pinned", pins[i].stack, pins[i].tid}},
      };
      any |= ffipin_report_error(&r);
    }
  }
  ffipin_flags.halt_on_error = halt;
  if (any && halt) ffipin_die();
}

void ffipin_run_exit_checks(void) {
  static atomic_int done;
  if (atomic_exchange(&done, 1)) return;
  if (atomic_load(&ffipin_state) != ffipin_state_ready) return;
  if (ffipin_flags.print_stats) ffipin_stats_print();
  if (ffipin_flags.detect_pin_leaks) report_pin_leaks();
}

#if defined(FFIPIN_STATIC_RUNTIME)
/* ld.so runs .preinit_array before libc has set `environ`, so getenv()
 * would find nothing; the environment comes in as the third argument. */
static void preinit(int argc, char **argv, char **envp) {
  ffipin_set_envp(envp);
  ffipin_ready();
}
__attribute__((section(".preinit_array"), used))
static void (*const ffipin_preinit)(int, char **, char **) = preinit;
#else
__attribute__((constructor(101))) static void ffipin_ctor(void) { ffipin_ready(); }
#endif
