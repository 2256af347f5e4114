// RUN: %ffipin_go build -o %t %s
// RUN: %run %t 2>&1 | FileCheck %s --implicit-check-not=FFIPinSanitizer
// REQUIRES: go

// Intent: C code that ends the cgo call's scope itself (__ffipin_call_end
// inside the call), or opens one it leaves open, does not crash the cgo
// call's own end, which finds its scope gone or below the extra one.

package main

/*
#include <sanitizer/ffipin_interface.h>
void end_early(void) { __ffipin_call_end(); }
void begin_extra(void) { __ffipin_call_begin(); }
*/
import "C"

import "fmt"

func main() {
	C.end_early()
	C.begin_extra()
	C.end_early()
	fmt.Println("ends survived")
	// CHECK: ends survived
}
