// REQUIRES: go
// RUN: rm -rf %t.dir && mkdir -p %t.dir && cp %s %t.dir/main.go
// RUN: cd %t.dir && %go_env CGO_ENABLED=1 CC=%ffipin_cc CGO_CFLAGS="-fsanitize=ffi-pin -g -O1" \
// RUN:   CGO_LDFLAGS=-fsanitize=ffi-pin %go build -o %t.dir/prog main.go
// RUN: %run %t.dir/prog | FileCheck %s
// RUN: llvm-nm %t.dir/prog | FileCheck %s --check-prefix=SYMS

// Intent: ffipin-cc works as CC for a cgo build (cgo's probes, the
// _cgo_.o link, the external link): the program links with the runtime and
// runs.

// CHECK: cgo says 42
// SYMS: {{[Tt]}} __wrap_free

package main

/*
static int twice(int x) { return 2 * x; }
*/
import "C"

import "fmt"

func main() {
	fmt.Println("cgo says", C.twice(21))
}
