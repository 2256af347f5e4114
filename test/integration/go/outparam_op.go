// RUN: %ffipin_go build -o %t %s
// RUN: not %run %t 2>&1 | FileCheck %s
// REQUIRES: go

// Intent: the go-ceph pattern: an out-parameter (&result.field) registered
// with a C "operation" created earlier, and written through by a later
// call, escapes at the registering call.

package main

/*
#include <stdlib.h>
typedef struct { long *out_len; } op_t;
op_t *op_create(void) { return calloc(1, sizeof(op_t)); }
void op_stat(op_t *op, long *len) {
	op->out_len = len;
// CHECK: ERROR: FFIPinSanitizer: borrow-escaped on address
// CHECK: STORE of foreign pointer by thread T{{[0-9]+}}:
// CHECK-NEXT: #0 0x{{[0-9a-f]+}} in op_stat {{.*}}outparam_op.go:[[@LINE-3]]
}
void op_execute(op_t *op) { *op->out_len = 42; }
*/
import "C"

import "fmt"

type statResult struct {
	name string
	len  C.long
}

func main() {
	op := C.op_create()
	var res statResult
	C.op_stat(op, &res.len)
	// CHECK: cgo call from Go here:
	// CHECK: in main.main {{.*}}outparam_op.go:[[@LINE-2]]
	C.op_execute(op)
	fmt.Println(res.len)
}
