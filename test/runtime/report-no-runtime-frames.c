// RUN: %clang_ffipin -O0 %s -o %t -pthread
// RUN: not %run %t 2>&1 | FileCheck %s
// RUN: %env_ffipin_opts=symbolize=0 not %run %t 2>&1 | FileCheck %s --check-prefix=UNSYM

// Intent: a store made on a thread started through pthread_create ends its
// stack at the thread's function: the runtime's own start routine (and any
// other runtime frame) is never shown, symbolized or not, so a crash state
// made of the first frames names only the program's code.

#include <pthread.h>
#include "Inputs/foreign_heap.h"

void *g_shared;

static void *worker(void *arg) {
  g_shared = arg;
  return NULL;
}

int main(void) {
  char *obj = heap_obj(new_heap(), 1);
  __ffipin_pin(obj, OBJ_SIZE);
  pthread_t t;
  pthread_create(&t, NULL, worker, obj);
  pthread_join(t, NULL);
  __ffipin_unpin(obj);
  return 0;
}

// CHECK: STORE of foreign pointer by thread T1:
// CHECK-NEXT: {{^    #0 0x[0-9a-f]+ in worker .*report-no-runtime-frames.c:}}[[@LINE-15]]
// CHECK-NOT: {{ in (__)?ffipin_| in thread_start }}
// CHECK: pinned by thread T0 here:
// CHECK-NOT: {{ in (__)?ffipin_| in thread_start }}
// CHECK: SUMMARY: FFIPinSanitizer: pin-outlived

// UNSYM: STORE of foreign pointer by thread T1:
// UNSYM-NEXT: {{^    #0 0x[0-9a-f]+  \(.*report-no-runtime-frames.c.tmp\+0x[0-9a-f]+\)$}}
// UNSYM-NEXT: {{^    #1 0x[0-9a-f]+  \(.*libc.so.6\+0x[0-9a-f]+\)$}}
// UNSYM: pinned by thread T0 here:
