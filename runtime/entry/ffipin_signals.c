/* The handler and its chain. Actions are read and set with the raw
 * rt_sigaction system call (libc's sigaction is intercepted by other
 * sanitizers, and a hook must not call it), with our own rt_sigreturn
 * trampoline as the kernel requires on x86-64. */
#include "entry/ffipin_signals.h"

#include <errno.h>
#include <signal.h>
#include <sys/syscall.h>
#include <sys/ucontext.h>
#include <unistd.h>

#include "base/ffipin_lock.h"
#include "base/ffipin_message.h"
#include "base/ffipin_sys.h"
#include "base/ffipin_thread.h"
#include "checks/ffipin_check_guard.h"
#include "diag/ffipin_report.h"

/* The kernel's struct sigaction on x86-64. */
typedef struct {
  void *handler;
  unsigned long flags;
  void (*restorer)(void);
  uint64_t mask;
} kernel_sigaction_t;

enum {
  KERNEL_SA_RESTORER = 0x04000000,
  /* A crash waits this long for another thread's report (the symbolizer's
   * start-up can take a good part of a second on a large binary). */
  REPORT_WAIT_MS = 30000,
  /* The report path's own stack: a handler may run on a small alternate
   * stack (ASan gives each thread 32 KiB), too small for a report. */
  FAULT_STACK_SIZE = 256 << 10,
};

static FFIPIN_TLS char *fault_stack; /* per thread, mapped at its first fault */

static const int HANDLED[] = {SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT};
enum { NUM_HANDLED = sizeof(HANDLED) / sizeof(HANDLED[0]) };

static kernel_sigaction_t previous[65]; /* what we chain to, per signal */
static bool (*first_chance)(int, void *, void *);
static ffipin_lock_t install_lock = FFIPIN_LOCK_INIT_TYPE(signals);
void ffipin_signals_lock(void) { ffipin_lock_acquire(&install_lock); }
void ffipin_signals_unlock(void) { ffipin_lock_release(&install_lock); }

__attribute__((naked)) static void restore_rt(void) {
  __asm__ volatile("mov $15, %eax\n\tsyscall\n\thlt");
}

static bool get_action(int sig, kernel_sigaction_t *out) {
  return syscall(SYS_rt_sigaction, sig, NULL, out, 8) == 0;
}

static bool set_action(int sig, const kernel_sigaction_t *act) {
  return syscall(SYS_rt_sigaction, sig, act, NULL, 8) == 0;
}

/* Whatever was there before us: called as it asked to be called. */
static void chain(int sig, siginfo_t *info, void *ctx) {
  kernel_sigaction_t old = previous[sig];
  if (old.handler != (void *)SIG_DFL && old.handler != (void *)SIG_IGN) {
    if (old.flags & SA_SIGINFO)
      ((void (*)(int, siginfo_t *, void *))old.handler)(sig, info, ctx);
    else
      ((void (*)(int))old.handler)(sig);
    return;
  }
  /* The default action: put it back and let the signal happen again. A
   * fault re-executes the faulting instruction on return; a signal that was
   * sent (abort, kill) is sent again. */
  kernel_sigaction_t dfl = {(void *)SIG_DFL, 0, NULL, 0};
  set_action(sig, &dfl);
  if (info->si_code <= 0 || sig == SIGABRT)
    syscall(SYS_tgkill, ffipin_getpid(), ffipin_gettid(), sig);
}

typedef struct {
  ffipin_thread_t *t;
  siginfo_t *info;
  ucontext_t *uc;
  bool ours;
} fault_t;

static void check_fault(void *arg) {
  fault_t *f = arg;
  greg_t *regs = f->uc->uc_mcontext.gregs;
  f->ours = ffipin_check_fault(f->t, (uintptr_t)f->info->si_addr, regs[REG_ERR] & 2,
                               (uintptr_t)regs[REG_RIP], (uintptr_t)regs[REG_RBP],
                               (uintptr_t)regs[REG_RSP]);
}

static void handler(int sig, siginfo_t *info, void *ctx) {
  int saved_errno = errno;
  if ((sig == SIGSEGV || sig == SIGBUS) && info->si_code > 0) {
    ffipin_thread_t *t = ffipin_thread_current();
    /* A fault inside the runtime itself is not a use of a guarded copy. */
    if (!t->in_runtime && !t->in_report) {
      t->in_runtime = 1;
      if (!fault_stack) fault_stack = ffipin_map_or_die(FAULT_STACK_SIZE, "a fault handler stack");
      fault_t f = {t, info, ctx, false};
      ffipin_call_on_stack(check_fault, &f, fault_stack + FAULT_STACK_SIZE);
      t->in_runtime = 0;
      if (f.ours) {
        errno = saved_errno;
        return; /* the pages are open: the access completes */
      }
    }
  }
  bool (*first)(int, void *, void *) = __atomic_load_n(&first_chance, __ATOMIC_ACQUIRE);
  if (first && sig != SIGABRT && first(sig, info, ctx)) {
    errno = saved_errno;
    return; /* the managed runtime's own fault, handled by it */
  }
  /* A real crash: a report being written on another thread comes first. */
  ffipin_report_wait_for_others(REPORT_WAIT_MS);
  errno = saved_errno;
  chain(sig, info, ctx);
}

static void put_in_front(int sig) {
  kernel_sigaction_t cur;
  if (!get_action(sig, &cur) || cur.handler == (void *)handler) return;
  /* An ignored SIGABRT stays ignored: a program that asks for that keeps it. */
  if (cur.handler == (void *)SIG_IGN) return;
  previous[sig] = cur;
  kernel_sigaction_t ours = {(void *)handler, SA_SIGINFO | SA_ONSTACK | KERNEL_SA_RESTORER,
                             restore_rt, 0};
  set_action(sig, &ours);
}

void ffipin_signals_install(void) {
  ffipin_lock_acquire(&install_lock);
  for (int i = 0; i < NUM_HANDLED; i++) put_in_front(HANDLED[i]);
  ffipin_lock_release(&install_lock);
}

void ffipin_signals_set_first_chance(bool (*fn)(int, void *, void *)) {
  __atomic_store_n(&first_chance, fn, __ATOMIC_RELEASE);
}

/* Asking the kernel costs two system calls: done at the first lend, then at
 * every ENSURE_EVERY-th. A handler installed in front of ours in between
 * (ASan and the JVM install theirs before the first lend, at start-up) is
 * found within that many lends. */
enum { ENSURE_EVERY = 64 };

void ffipin_signals_ensure(void) {
  static unsigned lends;
  if (__atomic_fetch_add(&lends, 1, __ATOMIC_RELAXED) % ENSURE_EVERY != 0) return;
  kernel_sigaction_t cur;
  if (get_action(SIGSEGV, &cur) && cur.handler == (void *)handler && get_action(SIGBUS, &cur) &&
      cur.handler == (void *)handler)
    return;
  ffipin_lock_acquire(&install_lock);
  put_in_front(SIGSEGV);
  put_in_front(SIGBUS);
  ffipin_lock_release(&install_lock);
}
