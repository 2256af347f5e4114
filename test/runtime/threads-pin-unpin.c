// RUN: %clang_ffipin -O0 %s -o %t -pthread
// RUN: %env_ffipin_opts=halt_on_error=0 %run %t > %t.out 2>&1
// RUN: FileCheck %s < %t.out
// RUN: grep -c "ERROR: FFIPinSanitizer:" %t.out | FileCheck %s --check-prefix=COUNT
// RUN: grep -c "ERROR: FFIPinSanitizer: pin-outlived" %t.out | FileCheck %s --check-prefix=COUNT
// RUN: not grep -E " in stash[1357] |by thread T0" %t.out

// Intent: 8 threads at once each pin their own object, store it in their own
// malloc'd slot, clear it (odd threads) or not (even threads), and unpin:
// exactly the 4 even threads are reported, each from its own thread, and
// nothing else.

#include <pthread.h>
#include "Inputs/foreign_heap.h"

struct slot { void *p; };

/* One store function per thread, so the reports differ in their store
 * stacks and none is deduplicated away. */
#define STASH(i) \
  __attribute__((noinline)) void stash##i(struct slot *s, void *p) { s->p = p; }
STASH(0) STASH(1) STASH(2) STASH(3) STASH(4) STASH(5) STASH(6) STASH(7)
static void (*const stashers[8])(struct slot *, void *) = {
    stash0, stash1, stash2, stash3, stash4, stash5, stash6, stash7};

static char *g_heap; /* set before the heap is registered: not a held slot */
static struct slot *g_slots[8];
static pthread_barrier_t g_start;

static void *worker(void *arg) {
  int i = (int)(long)arg;
  char *obj = heap_obj(g_heap, i + 1);
  pthread_barrier_wait(&g_start);
  __ffipin_pin(obj, OBJ_SIZE);
  stashers[i](g_slots[i], obj);
  if (i % 2) g_slots[i]->p = NULL;
  __ffipin_unpin(obj);
  return NULL;
}

int main(void) {
  g_heap = mmap(NULL, HEAP_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  __ffipin_heap_register(g_heap, HEAP_SIZE, "test");
  pthread_t t[8];
  pthread_barrier_init(&g_start, NULL, 9);
  for (long i = 0; i < 8; i++) {
    g_slots[i] = malloc(sizeof(struct slot));
    pthread_create(&t[i], NULL, worker, (void *)i);
  }
  fprintf(stderr, "started 8 threads\n");
  pthread_barrier_wait(&g_start);
  for (int i = 0; i < 8; i++)
    pthread_join(t[i], NULL);
  fprintf(stderr, "joined 8 threads\n");
  return 0;
}

// CHECK: started 8 threads
// CHECK-DAG: {{^    #0 0x[0-9a-f]+ in stash0 }}
// CHECK-DAG: {{^    #0 0x[0-9a-f]+ in stash2 }}
// CHECK-DAG: {{^    #0 0x[0-9a-f]+ in stash4 }}
// CHECK-DAG: {{^    #0 0x[0-9a-f]+ in stash6 }}
// CHECK: joined 8 threads

// COUNT: {{^4$}}
