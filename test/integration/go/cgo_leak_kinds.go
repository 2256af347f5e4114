// RUN: %ffipin_go build -o %t %s
// RUN: bash -c 'for try in 1 2 3; do %run %t >%t.out 2>&1; echo "exit status $?" >>%t.out; \
// RUN:   grep -q "4096 byte(s)" %t.out && grep -q "12 byte(s)" %t.out && break; done; true'
// RUN: FileCheck %s <%t.out
// REQUIRES: go

// Intent: C.CBytes and C.malloc leaks are cgo-leak reports too, each named
// by its kind and Go line, the larger loss first. (As with LeakSanitizer, a
// stale copy of a pointer in a dead stack slot counts as a root: the
// program makes more calls through the same frames before it exits.)
// Even so a stale word in the C heap masked one of the two blocks in 4 of
// 250 runs with two busy loops beside it (README, "Leaks masked by stale
// words"), so the program runs up to three times, until both are reported;
// the checks below read the last run, naming and order included.

package main

// #include <stdlib.h>
import "C"

import (
	"fmt"
	"unsafe"
)

//go:noinline
func buffer() unsafe.Pointer {
	return C.malloc(4096)
	// CHECK: ERROR: FFIPinSanitizer: cgo-leak
	// CHECK-NEXT: 4096 byte(s) in 1 object(s) allocated by C.malloc were never freed
	// CHECK: #0 0x{{[0-9a-f]+}} in main.buffer {{.*}}cgo_leak_kinds.go:[[@LINE-3]]
}

//go:noinline
func payload() unsafe.Pointer {
	return C.CBytes([]byte("twelve bytes"))
	// CHECK: ERROR: FFIPinSanitizer: cgo-leak
	// CHECK-NEXT: 12 byte(s) in 1 object(s) allocated by C.CBytes were never freed
	// CHECK: #0 0x{{[0-9a-f]+}} in main.payload{{(.func1)?}} {{.*}}cgo_leak_kinds.go:[[@LINE-3]]
}

//go:noinline
func leakBoth() bool {
	return buffer() != nil && payload() != nil
}

// churn allocates and frees through the same frames, overwriting the
// stale copies the leaking calls left there. Its two blocks are of two
// malloc size classes, so that no free list holds two of them: glibc links
// a freed block to the next free one of its class by that one's address
// XORed with the link's own address >> 12 (safe-linking), a word within
// 64 KiB of the other block, often inside the leaked one right before
// them, which then looked reachable (about 1 run in 20 with one class).
//
//go:noinline
func churn() int {
	n := 0
	for i := 0; i < 8; i++ {
		b, p := C.malloc(8), C.CBytes([]byte("forty bytes, another size class........"))
		C.free(b)
		C.free(p)
		n++
	}
	return n
}

func main() {
	fmt.Println(leakBoth(), churn())
	// CHECK: exit status {{[1-9][0-9]*}}
}
