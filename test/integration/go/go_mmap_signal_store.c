// RUN: %clang_ffipin -O1 %s -o %t
// RUN: timeout 120 %run %t 2>&1 | FileCheck %s --implicit-check-not=FFIPinSanitizer

// Intent: a signal handler's instrumented store, on a thread interrupted
// while the Go heap hook (x_cgo_mmap's __ffipin_go_mmap/munmap) is
// changing the heap table, passes through instead of spinning forever on
// the table its own thread is writing.

#include <sanitizer/ffipin_interface.h>
#include <signal.h>
#include <stdio.h>
#include <sys/mman.h>
#include <sys/time.h>
#include <sys/types.h>

void *__ffipin_go_mmap(void *addr, size_t len, int prot, int flags, int fd, off_t off);
int __ffipin_go_munmap(void *addr, size_t len);

enum { ARENA = 1 << 16 };
static char *volatile arena;
static volatile unsigned long signals, stored;

__attribute__((noinline)) static void escape(void *volatile *p) { __asm__ volatile("" ::"r"(p)); }

/* The store reaches the runtime (the value is in the Go heap's bounds);
 * its slot is the handler's own stack, so it is never held or reported. */
static void on_alarm(int sig) {
  void *volatile local;
  escape(&local);
  if (arena) {
    local = arena + 64;
    stored++;
  }
  signals++;
}

/* Not instrumented: main keeps the arena's address in a global. */
FFIPIN_NO_INSTRUMENT int main(void) {
  struct sigaction sa = {.sa_handler = on_alarm, .sa_flags = SA_RESTART};
  sigaction(SIGALRM, &sa, 0);
  struct itimerval every = {{0, 50}, {0, 50}};
  setitimer(ITIMER_REAL, &every, 0);
  for (int i = 0; i < 20000; i++) {
    /* A hint without MAP_FIXED: registered as a Go heap arena. */
    char *p = __ffipin_go_mmap((void *)0x6f0000000000, ARENA, PROT_READ | PROT_WRITE,
                               MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED) return 1;
    if (!arena) arena = p; /* in the bounds from now on: they only grow */
    __ffipin_go_munmap(p, ARENA);
  }
  struct itimerval off = {{0, 0}, {0, 0}};
  setitimer(ITIMER_REAL, &off, 0);
  printf("survived %s\n", stored > 100 ? "many stores" : "few stores");
  // CHECK: survived many stores
  return 0;
}
