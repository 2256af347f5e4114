// RUN: %clang_ffipin -O0 %s -o %t && %run %t 2>&1 | FileCheck %s

// Intent: a signal handler running on a 12 KiB alternate signal stack
// memcpy's a block full of held slots (the runtime moves their tracking
// with the bytes): the runtime's share of that small stack is enough (the
// runtime's own frames stay under 4 KiB each; the stack unwinder's still
// needs 4.7 KiB, so 8 KiB is not enough yet).

#include <signal.h>
#include <string.h>
#include <sys/mman.h>
#include "Inputs/foreign_heap.h"

#define SLOTS 1024

static void **g_src, **g_dst;

__attribute__((noinline)) static void put(void **slots, int i, void *p) { slots[i] = p; }

static void on_signal(int sig) { memcpy(g_dst, g_src, SLOTS * sizeof(void *)); }

int main(void) {
  char *obj = heap_obj(new_heap(), 1);
  __ffipin_pin(obj, OBJ_SIZE);
  g_src = malloc(SLOTS * sizeof(void *));
  g_dst = malloc(SLOTS * sizeof(void *));
  for (int i = 0; i < SLOTS; i++) put(g_src, i, obj);
  /* 12 KiB with an inaccessible page below: an overflow faults. */
  char *guard = mmap(NULL, 4096 + 12288, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  mprotect(guard, 4096, PROT_NONE);
  stack_t ss = {.ss_sp = guard + 4096, .ss_size = 12288};
  sigaltstack(&ss, NULL);
  struct sigaction sa = {.sa_handler = on_signal, .sa_flags = SA_ONSTACK};
  sigaction(SIGUSR1, &sa, NULL);
  raise(SIGUSR1);
  fprintf(stderr, "copied on the alternate stack, held=%zu\n", __ffipin_held_count(obj, OBJ_SIZE));
  for (int i = 0; i < SLOTS; i++) put(g_src, i, NULL), put(g_dst, i, NULL);
  __ffipin_unpin(obj);
  return 0;
}

// CHECK: copied on the alternate stack, held=2048
