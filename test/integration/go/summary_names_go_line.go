// RUN: %ffipin_go build -o %t %s
// RUN: not %run %t 2>&1 | FileCheck %s
// REQUIRES: go

// Intent: when the C store site is cgo's generated glue (C.memcpy copying a
// Go pointer into C memory happens in the `_cgo_<hash>_Cfunc_memcpy`
// wrapper), the SUMMARY names the Go line of the call, and the glue's
// hashed name appears nowhere in the report.

package main

// #include <stdlib.h>
// #include <string.h>
// void *slot;
import "C"

import (
	"runtime"
	"unsafe"
)

func main() {
	obj := new([4]int)
	holder := uintptr(unsafe.Pointer(obj)) // an integer: cgocheck lets it through
	C.slot = C.malloc(8)
	C.memcpy(C.slot, unsafe.Pointer(&holder), 8)
	// CHECK: ERROR: FFIPinSanitizer: borrow-escaped
	// CHECK-NOT: _cgo_{{[0-9a-f]+}}_Cfunc
	// CHECK: SUMMARY: FFIPinSanitizer: borrow-escaped {{.*}}summary_names_go_line.go:[[@LINE-3]] in main.main
	runtime.KeepAlive(obj)
}
