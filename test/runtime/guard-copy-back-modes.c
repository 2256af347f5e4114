// RUN: %clang_ffipin -O0 %s -o %t && %run %t 2>&1 | FileCheck %s

// Intent: the release modes copy back as JNI's do: END copies a writable
// copy back and ends the lend, COMMIT copies back and keeps it (the copy is
// still usable), ABORT ends it without copying; a read-only lend is never
// copied back. C always gets a copy, never the managed memory.

#include <sanitizer/ffipin_interface.h>
#include <stdio.h>
#include <string.h>

static char managed[4][16];

int main(void) {
  for (int i = 0; i < 4; i++) strcpy(managed[i], "original");
  char *end = __ffipin_lend_copy(managed[0], 16, 1);
  char *commit = __ffipin_lend_copy(managed[1], 16, 1);
  char *abort_ = __ffipin_lend_copy(managed[2], 16, 1);
  char *readonly = __ffipin_lend_copy(managed[3], 16, 0);
  printf("copies: %d %d %d %d\n", end != managed[0], commit != managed[1], abort_ != managed[2],
         readonly != managed[3]);
  strcpy(end, "changed");
  strcpy(commit, "changed");
  strcpy(abort_, "changed");
  strcpy(readonly, "changed");
  __ffipin_lend_release(end, FFIPIN_LEND_END);
  __ffipin_lend_release(commit, FFIPIN_LEND_COMMIT);
  printf("still lent after commit: %s\n", commit);
  strcpy(commit, "again");
  __ffipin_lend_release(commit, FFIPIN_LEND_END);
  __ffipin_lend_release(abort_, FFIPIN_LEND_ABORT);
  __ffipin_lend_release(readonly, FFIPIN_LEND_END);
  for (int i = 0; i < 4; i++) printf("managed[%d] = %s\n", i, managed[i]);
  return 0;
}

// CHECK: copies: 1 1 1 1
// CHECK-NEXT: still lent after commit: changed
// CHECK-NEXT: managed[0] = changed
// CHECK-NEXT: managed[1] = again
// CHECK-NEXT: managed[2] = original
// CHECK-NEXT: managed[3] = original
