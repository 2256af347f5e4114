// REQUIRES: tsan-rt
// RUN: %clang_ffipin -fsanitize=thread -O1 %s -o %t -pthread
// RUN: env TSAN_OPTIONS=halt_on_error=1 %run %t 2>&1 | FileCheck %s

// Intent: under ThreadSanitizer, two threads keep creating short-lived
// threads that enter the runtime, so that thread states are recycled from
// one thread to the next: TSan sees no data race (the runtime's reuse of a
// dead thread's state is invisible to TSan or ordered for it).

#include <pthread.h>
#include <sanitizer/ffipin_interface.h>
#include <stdio.h>

static void *child(void *arg) {
  __ffipin_call_begin();
  __ffipin_call_end();
  return NULL;
}

static void *creator(void *arg) {
  for (int i = 0; i < 300; i++) {
    pthread_t t;
    pthread_create(&t, NULL, child, NULL);
    pthread_join(t, NULL);
  }
  return NULL;
}

int main(void) {
  pthread_t a, b;
  pthread_create(&a, NULL, creator, NULL);
  pthread_create(&b, NULL, creator, NULL);
  pthread_join(a, NULL);
  pthread_join(b, NULL);
  fprintf(stderr, "600 threads done\n");
  return 0;
}

// CHECK-NOT: ThreadSanitizer
// CHECK: 600 threads done
