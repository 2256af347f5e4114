// RUN: %ffipin_go build -o %t %s
// RUN: not %run %t panic 2>&1 | FileCheck %s --check-prefixes=CHECK,PANIC
// RUN: not %run %t exit 2>&1 | FileCheck %s --implicit-check-not=panic:
// REQUIRES: go

// Intent: the exit checks run however a Go program ends: after an
// unrecovered panic (once Go has printed it) and on os.Exit with a non-zero
// status, as when main returns.

package main

// #include <stdlib.h>
// #include <string.h>
import "C"

import (
	"os"
	"runtime"
)

// One thread for main's cgo calls: the calls after leak() overwrite the
// system-stack words where the block's pointer was left, and they can do
// that only on the thread whose stack holds them. Without the lock, 4 of
// 400 runs beside two busy loops reported nothing (exit status 3), as when
// a stale copy counts as a root (LeakSanitizer's limit too); with it, 0 of
// 400. Go may run main on another thread after a cgo call, and then the
// copy on the first thread's stack stays.
func init() { runtime.LockOSThread() }

// Go prints the panic first; the exit checks run after it.
// PANIC: panic: unrecovered
// PANIC: goroutine 1 [running, locked to thread]:

//go:noinline
func leak() C.size_t {
	return C.strlen(C.CString("lost before the end"))
	// CHECK: ERROR: FFIPinSanitizer: cgo-leak
	// CHECK-NEXT: 20 byte(s) in 1 object(s) allocated by C.CString were never freed
	// CHECK: #0 0x{{[0-9a-f]+}} in main.leak {{.*}}exit_checks_after_panic.go:[[@LINE-3]]
}

func main() {
	leak()
	for i := 0; i < 4; i++ {
		C.abs(C.int(i)) // cgo calls through the frames leak used
	}
	if os.Args[1] == "panic" {
		panic("unrecovered")
	}
	os.Exit(3)
}
