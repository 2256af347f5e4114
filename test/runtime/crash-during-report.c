// RUN: %clang_ffipin -O0 %s -o %t && rm -f %t.started
// RUN: env SLOW_SYMBOLIZER_STARTED=%t.started %env_ffipin_opts=external_symbolizer_path=%S/Inputs/slow-symbolizer.sh \
// RUN:   not %run %t %t.started 2>&1 | FileCheck %s

// Intent: a crash on another thread while a report is being written (here:
// while the symbolizer answers slowly) does not lose the report: the
// crashing thread waits, the report is written whole, and the process ends
// with the report's exit code, not with the other thread's SIGSEGV.

#include <pthread.h>
#include <stdio.h>
#include <unistd.h>

#include "Inputs/foreign_heap.h"

void *g_slot;

static void *crash_when_reporting(void *started) {
  while (access(started, F_OK) != 0) usleep(1000);
  volatile int *null = NULL;
  return (void *)(long)*null;
}

int main(int argc, char **argv) {
  pthread_t t;
  pthread_create(&t, NULL, crash_when_reporting, argv[1]);
  char *obj = heap_obj(new_heap(), 1);
  __ffipin_pin(obj, OBJ_SIZE);
  g_slot = obj;
  __ffipin_unpin(obj);
  pthread_join(t, NULL);
  return 0;
}

// CHECK: ERROR: FFIPinSanitizer: pin-outlived
// CHECK: {{^}}SUMMARY: FFIPinSanitizer: pin-outlived /slow/src.c:7:3 in slow_symbolized_frame{{$}}
// CHECK-NEXT: {{^==[0-9]+==ABORTING$}}
