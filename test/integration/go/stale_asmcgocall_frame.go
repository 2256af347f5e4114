// RUN: %ffipin_go build -o %t %s
// RUN: %env_ffipin_opts=halt_on_error=0 %run %t 2>&1 | FileCheck %s
// REQUIRES: go

// Intent: the unwinder's way from a cgo call's C frames onto the goroutine
// stack reads the g of a frame that looks like asmcgocall's only with a
// safe read: a frame chain through code without frame pointers can reach a
// stale copy of that frame whose g word holds no g (git2go's suite crashed
// so, reading a g at 0xa0, when an allocation hook unwound inside
// libgit2). Here C crafts such a frame (the real return address into
// asmcgocall, seen before by a first unwind; g 0xa0) and stores under it.

package main

/*
#cgo CFLAGS: -I${SRCDIR}/../../runtime/Inputs
#include <stdint.h>
#include "call_under_frame.h"

void *held;

__attribute__((noinline)) void keep(void *p) { held = p; }

// keep, called with rbp pointing at the crafted frame: its saved frame
// pointer (8) leaves the stack, so the unwinder asks whether the frame is
// asmcgocall's.
__attribute__((noinline)) void keep_under_stale_frame(void *p) {
	uintptr_t *wrapper = __builtin_frame_address(1); // the cgo wrapper's frame
	volatile uintptr_t fake[4] = {8, wrapper[1], 0, 0xa0};
	keep(0); // a call: no red zone, fake lies above the stack pointer
	call_under_frame(fake, keep, p);
}
*/
import "C"

import (
	"fmt"
	"unsafe"
)

func main() {
	x := new([4]int)
	C.keep(unsafe.Pointer(x)) // an unwind across asmcgocall's real frame
	// CHECK: ERROR: FFIPinSanitizer: borrow-escaped
	C.keep_under_stale_frame(unsafe.Pointer(x))
	// CHECK: ERROR: FFIPinSanitizer: borrow-escaped
	// CHECK: in keep {{.*}}stale_asmcgocall_frame.go
	fmt.Println("survived", x[0])
	// CHECK: survived 0
}
