// RUN: %ffipin_go build -o %t %s
// RUN: not %run %t call 2>&1 | FileCheck %s --check-prefixes=CHECK,CALL
// RUN: not %run %t exit 2>&1 | FileCheck %s --check-prefixes=CHECK,EXIT
// REQUIRES: go

// Intent: Unpin while C still holds the pointer is a pin-outlived, found
// when the next cgo call returns or, without one, when the program exits
// (Go runs no C atexit handlers; the glue's exit hook does the check).

package main

/*
void *kept;
void keep(void *p) {
	kept = p;
// CHECK: ERROR: FFIPinSanitizer: pin-outlived on address
// CHECK: STORE of foreign pointer by thread T{{[0-9]+}}:
// CHECK-NEXT: #0 0x{{[0-9a-f]+}} in keep {{.*}}unpin_outlived.go:[[@LINE-3]]
}
void poll(void) {}
*/
import "C"

import (
	"os"
	"runtime"
	"unsafe"
)

type conn struct{ fd, flags int }

func main() {
	c := &conn{fd: 3}
	var pinner runtime.Pinner
	pinner.Pin(c)
	C.keep(unsafe.Pointer(c))
	pinner.Unpin()
	if os.Args[1] == "call" {
		C.poll()
		// CALL: cgo call from Go here:
		// CALL: in main.main {{.*}}unpin_outlived.go:[[@LINE-2]]
	}
	// EXIT: cgo call from Go here:
	// EXIT: in runtime/cgo.
	// CHECK: pinned by thread
	// CHECK: unpinned by thread
	// CHECK: SUMMARY: FFIPinSanitizer: pin-outlived
}
