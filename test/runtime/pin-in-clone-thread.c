// RUN: %clang_ffipin -O2 %s -o %t && %run %t 2>&1 | FileCheck %s

// Intent: a thread created with clone() (no pthread: it shares its
// creator's thread-local storage) pins objects while its creator is busy
// inside the runtime: none of those pins is lost, so the creator's unpins
// afterwards are never a bad-unpin.

#define _GNU_SOURCE
#include <sched.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdint.h>
#include <sys/wait.h>
#include "Inputs/foreign_heap.h"

#define PINS 2000

static uintptr_t g_heap_hidden; /* hidden: a global holding it would be held */
#define HEAP ((char *)(g_heap_hidden ^ ~(uintptr_t)0))
static atomic_int g_pinned;
static char g_stack[1 << 16];

static int child(void *arg) {
  for (int i = 0; i < PINS; i++) {
    __ffipin_pin(heap_obj(HEAP, 1 + i), OBJ_SIZE);
    atomic_store(&g_pinned, i + 1);
  }
  return 0;
}

int main(void) {
  char *heap = new_heap();
  g_heap_hidden = (uintptr_t)heap ^ ~(uintptr_t)0;
  pid_t pid = clone(child, g_stack + sizeof g_stack, CLONE_VM | CLONE_FS | CLONE_FILES | SIGCHLD,
                    NULL);
  /* Inside the runtime almost all the time while the child pins. */
  while (atomic_load(&g_pinned) < PINS) (void)__ffipin_held_count(heap, HEAP_SIZE);
  waitpid(pid, NULL, 0);
  fprintf(stderr, "the clone thread pinned %d objects\n", PINS);
  for (int i = 0; i < PINS; i++) __ffipin_unpin(heap_obj(heap, 1 + i));
  fprintf(stderr, "done\n");
  return 0;
}

// CHECK: the clone thread pinned 2000 objects
// CHECK-NEXT: {{^done$}}
