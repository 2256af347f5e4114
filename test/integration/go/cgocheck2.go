// RUN: env GOEXPERIMENT=cgocheck2 %ffipin_go build -o %t %s
// RUN: not %run %t go 2>&1 | FileCheck %s --check-prefix=GO --implicit-check-not=FFIPinSanitizer
// RUN: not %run %t c 2>&1 | FileCheck %s --check-prefix=C
// REQUIRES: go

// Intent: with GOEXPERIMENT=cgocheck2 both tools are on and each reports its
// own class: cgocheck2 the Go-side store of a Go pointer into C memory, we
// the C-side one (which cgocheck2 cannot see).

package main

/*
#include <stdlib.h>
void *c_side;
void keep(void *p) {
	c_side = p;
// C: ERROR: FFIPinSanitizer: borrow-escaped on address
// C: STORE of foreign pointer by thread T{{[0-9]+}}:
// C-NEXT: #0 0x{{[0-9a-f]+}} in keep {{.*}}cgocheck2.go:[[@LINE-3]]
}
*/
import "C"

import (
	"os"
	"unsafe"
)

type buffer struct{ b [64]byte }

func main() {
	obj := &buffer{}
	if os.Args[1] == "go" {
		mem := (*unsafe.Pointer)(C.malloc(8))
		*mem = unsafe.Pointer(obj)
		// GO: fatal error: unpinned Go pointer stored into non-Go memory
		return
	}
	C.keep(unsafe.Pointer(obj))
	// C: cgo call from Go here:
	// C: in main.main {{.*}}cgocheck2.go:[[@LINE-2]]
}
