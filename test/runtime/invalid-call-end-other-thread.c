// RUN: %clang_ffipin -O0 %s -o %t -pthread && not %run %t 2>&1 | FileCheck %s

// Intent: call scopes are per thread: a scope opened by a worker thread does
// not balance a call_end on the main thread, which is an invalid-call.

#include <pthread.h>
#include <sanitizer/ffipin_interface.h>
#include <stdio.h>

static void *worker(void *arg) {
  __ffipin_call_begin();
  return NULL;
}

int main(void) {
  pthread_t t;
  pthread_create(&t, NULL, worker, NULL);
  pthread_join(t, NULL);
  fprintf(stderr, "worker opened a scope\n");
  __ffipin_call_end();
  fprintf(stderr, "not reached\n");
  return 0;
}

// CHECK: worker opened a scope
// CHECK-NEXT: =================================================================
// CHECK-NEXT: {{^==[0-9]+==ERROR: FFIPinSanitizer: invalid-call( on address 0x0+)?$}}
// CHECK: {{^    #0 0x[0-9a-f]+ in main .*invalid-call-end-other-thread.c:}}[[@LINE-8]]:{{[0-9]+$}}
// CHECK: SUMMARY: FFIPinSanitizer: invalid-call
