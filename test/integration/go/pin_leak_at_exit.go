// RUN: %ffipin_go build -o %t %s
// RUN: %env_ffipin_opts=detect_pin_leaks=1 not %run %t 2>&1 | FileCheck %s
// RUN: %run %t 2>&1 | FileCheck %s --check-prefix=OFF --implicit-check-not=FFIPinSanitizer
// REQUIRES: go

// Intent: with detect_pin_leaks=1, a runtime.Pinner that still pins an
// object when the program exits is a pin-leak whose stack names the Pin
// line (not the runtime's pinner.go); without the option the exit is clean.

package main

import (
	"fmt"
	"runtime"
)

var pinner runtime.Pinner

type session struct{ id int }

func open() *session {
	s := &session{id: 7}
	pinner.Pin(s)
	// CHECK: ERROR: FFIPinSanitizer: pin-leak
	// CHECK: is still pinned at exit (count 1)
	// CHECK: pinned by thread T{{[0-9]+}} here:
	// CHECK-NEXT: #0 0x{{[0-9a-f]+}} in main.open {{.*}}pin_leak_at_exit.go:[[@LINE-4]]
	// CHECK: SUMMARY: FFIPinSanitizer: pin-leak {{.*}}pin_leak_at_exit.go:[[@LINE-5]] in main.open
	return s
}

func main() {
	fmt.Println("session", open().id)
	// OFF: session 7
}
