// Package cgocall measures the cost of a cgo call, built with plain `go test`
// and with `ffipin-go test` (test/bench/run compares the two).
package cgocall

/*
static char *last_seen;

static int add(int a, int b) { return a + b; }

// Reads through a Go pointer; stores no pointer.
static void touch(char *p) { p[0]++; }

// Stores the Go pointer in a C global and clears it before returning: legal
// under the cgo rules, and a store the sanitizer must look at.
static void hold_and_release(char *p) {
	last_seen = p;
	p[0]++;
	last_seen = 0;
}
*/
import "C"

import "unsafe"

// Add is a cgo call with scalar arguments only.
func Add(a, b int) int { return int(C.add(C.int(a), C.int(b))) }

// Touch passes a Go pointer (borrowed for the call).
func Touch(b []byte) { C.touch((*C.char)(unsafe.Pointer(&b[0]))) }

// HoldAndRelease passes a Go pointer that C stores and clears in the call.
func HoldAndRelease(b []byte) { C.hold_and_release((*C.char)(unsafe.Pointer(&b[0]))) }
