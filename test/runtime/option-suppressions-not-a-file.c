// RUN: %clang_ffipin -O0 %s -o %t
// RUN: rm -rf %t.fifo %t.dir && mkfifo %t.fifo && mkdir %t.dir
// RUN: %env_ffipin_opts=suppressions=%t.fifo sh -c 'timeout 20 %run %t; echo "exit code $?"' 2>&1 | FileCheck %s -DWHAT=fifo
// RUN: %env_ffipin_opts=suppressions=%t.dir sh -c 'timeout 20 %run %t; echo "exit code $?"' 2>&1 | FileCheck %s -DWHAT=dir
// RUN: printf 'pin-outlived:keep\0_this\n' > %t.nul
// RUN: %env_ffipin_opts=suppressions=%t.nul sh -c 'timeout 20 %run %t; echo "exit code $?"' 2>&1 | FileCheck %s --check-prefix=NUL

// Intent: a suppressions path that is not a regular file is a start-up error
// naming it (a FIFO used to block start-up forever waiting for a writer, a
// directory was read as an empty file), and a NUL byte inside a line is an
// error naming the line (it used to cut the pattern short silently).

#include <stdio.h>

int main(void) {
  fprintf(stderr, "main ran\n");
  return 0;
}

// CHECK-NOT: main ran
// CHECK: {{^==[0-9]+==ERROR: FFIPinSanitizer: suppressions file '.*\.tmp\.}}[[WHAT]]' is not a regular file
// CHECK-NOT: main ran
// CHECK: exit code 1

// NUL-NOT: main ran
// NUL: {{^==[0-9]+==ERROR: FFIPinSanitizer: suppressions file '.*\.tmp\.nul', line 1: a NUL byte}}
// NUL-NOT: main ran
// NUL: exit code 1
