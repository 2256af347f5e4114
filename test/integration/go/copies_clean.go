// RUN: %ffipin_go build -o %t %s
// RUN: %run %t 2>&1 | FileCheck %s --implicit-check-not=FFIPinSanitizer
// REQUIRES: go

// Intent: C keeping C.CString and C.CBytes copies (C memory) is clean: the
// fix the cgo rules suggest for data C must keep.

package main

/*
#include <stdlib.h>
const char *name;
const void *blob;
void keep_name(const char *s) { name = s; }
void keep_blob(const void *p) { blob = p; }
void release(void) { free((void *)name); free((void *)blob); name = 0; blob = 0; }
*/
import "C"

import (
	"fmt"
	"runtime"
)

func main() {
	C.keep_name(C.CString("eth0"))
	C.keep_blob(C.CBytes([]byte{1, 2, 3, 4}))
	runtime.GC()
	C.release()
	fmt.Println("done")
	// CHECK: {{^done$}}
}
