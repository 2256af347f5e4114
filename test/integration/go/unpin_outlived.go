// RUN: %ffipin_go build -o %t %s
// RUN: not %run %t 2>&1 | FileCheck %s
// REQUIRES: go

// Intent: Unpin while C still holds the pointer is a pin-outlived reported
// at the Unpin itself (not at a later cgo call or at exit), with the three
// stacks: the C store and the Go call it was made in, the Go Pin and the Go
// Unpin; the runtime's own Pinner frames are left out.

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
	"fmt"
	"runtime"
	"unsafe"
)

type conn struct{ fd, flags int }

func main() {
	c := &conn{fd: 3}
	var pinner runtime.Pinner
	pinner.Pin(c)
	C.keep(unsafe.Pointer(c))
	// CHECK: cgo call from Go here:
	// CHECK: in main.main {{.*}}unpin_outlived.go:[[@LINE-2]]
	// CHECK: pinned by thread T{{[0-9]+}} here:
	// CHECK-NEXT: #0 0x{{[0-9a-f]+}} in main.main {{.*}}unpin_outlived.go:[[@LINE-5]]
	pinner.Unpin()
	// CHECK: unpinned by thread T{{[0-9]+}} here:
	// CHECK-NEXT: #0 0x{{[0-9a-f]+}} in main.main {{.*}}unpin_outlived.go:[[@LINE-2]]
	// CHECK: SUMMARY: FFIPinSanitizer: pin-outlived {{.*}}unpin_outlived.go:{{[0-9]+}}:{{[0-9]+}} in keep
	fmt.Println("not reached: the report halts at the Unpin")
	C.poll()
}
