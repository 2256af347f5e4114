// RUN: %ffipin_go build -o %t %s
// RUN: not %run %t 2>&1 | FileCheck %s --implicit-check-not="panic:"
// REQUIRES: go

// Intent: a runtime.Pinner garbage-collected while it still pins an object
// (Go's finalizer then panics "found leaking pinned pointer", from the
// finalizer goroutine, with no pin site: DataDog/go-libddwaf#211) is a
// pin-leak that names the Pin line, reported before Go's panic.

package main

import (
	"fmt"
	"runtime"
	"time"
)

type handle struct{ data [4]int }

//go:noinline
func leakPinner() {
	var p runtime.Pinner
	p.Pin(new(handle))
	// CHECK: ERROR: FFIPinSanitizer: pin-leak
	// CHECK: is still pinned by a runtime.Pinner that was garbage-collected without Unpin
	// CHECK: pinned by thread T{{[0-9]+}} here:
	// CHECK-NEXT: #0 0x{{[0-9a-f]+}} in main.leakPinner {{.*}}pinner_collected.go:[[@LINE-4]]
	// CHECK: dropped by thread T{{[0-9]+}} here:
	// CHECK: SUMMARY: FFIPinSanitizer: pin-leak {{.*}}pinner_collected.go:[[@LINE-6]] in main.leakPinner
}

func main() {
	leakPinner()
	for i := 0; i < 50; i++ {
		runtime.GC()
		time.Sleep(10 * time.Millisecond)
	}
	fmt.Println("the finalizer never ran")
}
