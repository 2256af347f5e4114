// RUN: %clang_ffipin -O2 %s -o %t -pthread && %run %t 2>&1 | FileCheck %s

// Intent: the program forks again and again while two other threads are
// inside the runtime (starting threads, pinning, storing, freeing,
// unpinning, registering heaps): every child can make the same calls and
// exits; none hangs on a lock that a thread of the parent held at the
// moment of the fork.

#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdint.h>
#include <sys/wait.h>
#include <unistd.h>
#include "Inputs/foreign_heap.h"

#define FORKS 3000

static uintptr_t g_heap_hidden; /* hidden: a global holding it would be held */
#define HEAP ((char *)(g_heap_hidden ^ ~(uintptr_t)0))
static atomic_int g_done;

__attribute__((noinline)) static void put(void **slots, int k, void *p) { slots[k] = p; }

static void *nothing(void *arg) { return arg; }

/* Touches every runtime lock: the start-record pool and the thread states
 * (pthread_create), pins, held slots, bounds, the stack depot, heaps. */
static void use_runtime(int i) {
  char *obj = heap_obj(HEAP, 1 + i % 64);
  pthread_t t;
  pthread_create(&t, NULL, nothing, NULL);
  pthread_join(t, NULL);
  __ffipin_pin(obj, OBJ_SIZE);
  void **slots = malloc(8 * sizeof(void *));
  for (int k = 0; k < 8; k++) put(slots, k, obj);
  free(slots);
  __ffipin_unpin(obj);
  __ffipin_heap_register(HEAP + HEAP_SIZE + 4096 * (i % 16), 64, "test");
}

static void *busy(void *arg) {
  for (int i = 0; !atomic_load(&g_done); i++) use_runtime(i);
  return NULL;
}

/* Thread starts take the start-record pool's lock twice each. */
static void *starter(void *arg) {
  while (!atomic_load(&g_done)) {
    pthread_t t;
    pthread_create(&t, NULL, nothing, NULL);
    pthread_join(t, NULL);
  }
  return NULL;
}

int main(void) {
  char *heap = new_heap();
  g_heap_hidden = (uintptr_t)heap ^ ~(uintptr_t)0;
  pthread_t t[2];
  pthread_create(&t[0], NULL, busy, NULL);
  pthread_create(&t[1], NULL, starter, NULL);
  int bad = 0;
  for (int f = 0; f < FORKS; f++) {
    pid_t pid = fork();
    if (pid == 0) {
      alarm(10); /* a hung child dies of SIGALRM */
      use_runtime(f);
      (void)__ffipin_held_count(HEAP, HEAP_SIZE);
      _exit(0);
    }
    int status;
    waitpid(pid, &status, 0);
    bad += !WIFEXITED(status) || WEXITSTATUS(status) != 0;
  }
  atomic_store(&g_done, 1);
  for (int i = 0; i < 2; i++) pthread_join(t[i], NULL);
  fprintf(stderr, "forks %d, children that did not finish %d\n", FORKS, bad);
  return 0;
}

// CHECK: forks 3000, children that did not finish 0
