// REQUIRES: asan-rt
// RUN: %ffipin_cc -fsanitize=address,ffi-pin -g -O1 %s -o %t
// RUN: %run %t | FileCheck %s
// RUN: not %run %t overflow 2>&1 | FileCheck %s --check-prefix=ASAN
// RUN: %ffipin_cc -fsanitize=address,ffi-pin -### %s -o %t 2>&1 | FileCheck %s --check-prefix=LD \
// RUN:   -DRT=%ffipin_rt_static --implicit-check-not=libclang_rt.ffipin

// Intent: -fsanitize=address,ffi-pin builds one program with both
// runtimes and ASan's allocator alone (not our interposed one); it runs,
// and AddressSanitizer still reports its own bugs.

// CHECK: asan and ffi-pin ok
// ASAN: ERROR: AddressSanitizer: heap-buffer-overflow
// LD: {{"[^"]*libclang_rt.asan[^"]*"}}
// LD-SAME: "--whole-archive" "[[RT]]" "--no-whole-archive"

#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv) {
  volatile char *buf = malloc(8);
  buf[0] = 'x';
  if (argc > 1)
    buf[8] = 'y';
  printf("asan and ffi-pin ok\n");
  free((char *)buf);
  return 0;
}
