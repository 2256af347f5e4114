/* The runtime's fatal-signal handler: faults on guarded copies become
 * use-after-unpin / lend-overflow reports; any other fatal signal (a real
 * crash) first waits for a report another thread is writing, then goes to
 * whatever handler was installed before ours (ASan's, the JVM's, the
 * program's), or to the default action. */
#ifndef FFIPIN_SIGNALS_H
#define FFIPIN_SIGNALS_H

#include "base/ffipin_common.h"

/* Puts the handler in front of SIGSEGV, SIGBUS, SIGILL, SIGFPE and SIGABRT,
 * keeping the previous actions to chain to. Not at start-up (a handler
 * already there makes libFuzzer keep it instead of installing its own, and
 * then a crash input is not saved): when a report begins, so that a crash on
 * another thread cannot end the process in the middle of it. */
void ffipin_signals_install(void) FFIPIN_INTERNAL;
/* The lock around installing them (base/ffipin_locks.inc). */
void ffipin_signals_lock(void) FFIPIN_INTERNAL;
void ffipin_signals_unlock(void) FFIPIN_INTERNAL;

/* Before a guarded lend: makes sure the handler is still the one the kernel
 * calls for SIGSEGV and SIGBUS (a runtime that installed its own after our
 * start-up — ASan, the JVM, Python's faulthandler — would take the faults
 * of guarded copies and call them crashes); reinstalls it in front if not.
 * Asks the kernel at the first lend and then at every 64th. */
void ffipin_signals_ensure(void) FFIPIN_INTERNAL;

/* For a managed runtime whose handler (behind ours) handles faults of its
 * own as part of normal operation (the JVM's implicit null checks, safepoint
 * polls, stack banging) and can say so without dying: fn returns true when
 * it handled the fault. It is tried for every fault that is not on a
 * guarded copy before that fault is taken for a crash, which waits for a
 * report another thread is writing: that report may itself be waiting for
 * the managed runtime (for the safepoint this very fault is part of). */
void ffipin_signals_set_first_chance(bool (*fn)(int sig, void *info,
                                                void *context)) FFIPIN_INTERNAL;

#endif
