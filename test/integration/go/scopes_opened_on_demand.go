// RUN: %ffipin_go build -o %t %s
// RUN: env FFIPIN_OPTIONS=print_stats=1:scan_uninstrumented=0:halt_on_error=0 %run %t 2>&1 | FileCheck %s --implicit-check-not="ERROR: FFIPinSanitizer"
// REQUIRES: go

// Intent: a cgo call's scope is only announced; the runtime opens it when
// a store in the call is judged or C code opens a scope of its own inside
// the call, and 1,000 calls that need neither open none. A store made in
// a call is still judged at the call's end: a Go pointer C clears before it
// returns is no report, one it keeps is borrow-escaped.

package main

/*
#include <sanitizer/ffipin_interface.h>
#include <stdlib.h>
// volatile: the store C clears again stays in the program at -O2
static void *volatile keep;
static int sum;
void noop(int *c) { sum += *c; }
void store_then_clear(int *p) { keep = p; sum += *(int *)keep; keep = NULL; }
void own_scope(int *p) {
	__ffipin_call_begin();
	__ffipin_borrow(p, sizeof *p);
	sum += *p;
	__ffipin_call_end();
}
void store_kept(int *p) { keep = p; }
int kept_value(void) { return keep ? *(int *)keep : -1; }
*/
import "C"

import (
	"fmt"
	"unsafe"
)

func main() {
	c := (*C.int)(C.malloc(C.size_t(unsafe.Sizeof(C.int(0)))))
	*c = 1
	for i := 0; i < 1000; i++ {
		C.noop(c)
	}
	v := new(C.int)
	*v = 2
	C.store_then_clear(v) // opens 1
	C.own_scope(v)        // opens 2: the Go call's, below C's own
	C.store_kept(v)       // opens 1, and is reported at its end
	fmt.Println("kept", C.kept_value())
	C.free(unsafe.Pointer(c))
}

// CHECK: ERROR: FFIPinSanitizer: borrow-escaped
// CHECK: in store_kept
// CHECK: kept 2
// 1,000 + C.malloc + 4 calls + kept_value + C.free, and C's own scope;
// opened: 1 + 2 + 1.
// CHECK: FFIPinSanitizer stats: slow_path_stores=2 {{.*}}call_scopes=1007 reports=1 {{.*}}call_scopes_opened=4{{$}}
