// RUN: %clang_ffipin -O0 %s -o %t0 && %run %t0 2>&1 | FileCheck %s
// RUN: %clang_ffipin -O2 %s -o %t2 && %run %t2 2>&1 | FileCheck %s

// Intent: the Go binding's stack switch does not vouch for a goroutine
// stack outside the Go heap. A frame left on the system stack that looks
// like asmcgocall's (a return address, a depth, a word that points at two
// words taken for g.stack) once made the unwinder read [0x10, 0x1000)
// directly: git2go's suite faulted at 0x28 (the stack of an allocation
// inside libgit2, whose code has no frame pointers). Here the program
// defines x_cgo_init, so the switch is installed as in a Go program, and
// pins a buffer (which keeps the pin's stack) from a function whose caller
// frame is such a frame.

#include <sanitizer/ffipin_interface.h>
#include <stdint.h>
#include <stdio.h>

#include "Inputs/call_under_frame.h"

void x_cgo_init(void) {} // "a Go runtime is linked in"

static uintptr_t fake_g[2] = {0x10, 0x1000}; // g.stack {lo, hi}: low, unmapped
static char buf[64];

__attribute__((noinline)) static void pin_here(void *unused) {
  __ffipin_pin(buf, sizeof buf);
  __ffipin_unpin(buf);
}

int main(void) {
  // [frame] the goroutine's frame pointer, [+8] a return address, [+16]
  // the depth below g.stack.hi, [+24] the g.
  uintptr_t frame[4] = {0x20, (uintptr_t)&main + 1, 0x1000 - 0x10, (uintptr_t)fake_g};
  call_under_frame(frame, pin_here, NULL);
  printf("pinned under the forged frame\n");
  // CHECK: {{^}}pinned under the forged frame{{$}}
  return 0;
}
