// RUN: %clang_ffipin -O0 %s -o %t
// RUN: %env_ffipin_opts=dedup_token_length=3 not %run %t 2>&1 | FileCheck %s
// RUN: %env_ffipin_opts=dedup_token_length=0 not %run %t 2>&1 | FileCheck %s --check-prefix=OFF

// Intent: dedup_token_length=N prints sanitizer_common's "DEDUP_TOKEN:" line
// after the first stack: its first N function names joined by "--", which
// ClusterFuzz and other tools use to tell crashes apart.

#include "Inputs/foreign_heap.h"

void *g_slot;

__attribute__((noinline)) void stash(void *p) { g_slot = p; }
__attribute__((noinline)) void middle(void *p) { stash(p); }

int main(void) {
  char *obj = heap_obj(new_heap(), 1);
  __ffipin_pin(obj, OBJ_SIZE);
  middle(obj);
  __ffipin_unpin(obj);
  return 0;
}

// CHECK: STORE of foreign pointer by thread T0:
// CHECK-NEXT: #0 {{.*}} in stash
// CHECK-NEXT: #1 {{.*}} in middle
// CHECK-NEXT: #2 {{.*}} in main
// CHECK: {{^DEDUP_TOKEN: stash--middle--main$}}
// CHECK-NEXT: pinned by thread T0 here:
// CHECK: SUMMARY: FFIPinSanitizer: pin-outlived

// OFF: ERROR: FFIPinSanitizer: pin-outlived
// OFF-NOT: DEDUP_TOKEN
// OFF: SUMMARY: FFIPinSanitizer: pin-outlived
