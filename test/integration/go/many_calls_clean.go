// RUN: %ffipin_go build -o %t %s
// RUN: %run %t 2>&1 | FileCheck %s --implicit-check-not=FFIPinSanitizer
// REQUIRES: go

// Intent: a clean workload of 100,000 cgo calls that lend Go memory and
// pass pointers between C locals and C-owned state gives no report.

package main

/*
#include <stdlib.h>
#include <string.h>
struct acc { unsigned long sum; const unsigned char *last; };
struct acc *acc_new(void) { return calloc(1, sizeof(struct acc)); }
void acc_add(struct acc *a, const unsigned char *buf, size_t n) {
	a->last = buf;
	for (size_t i = 0; i < n; i++) a->sum += buf[i];
	a->last = NULL;
}
*/
import "C"

import (
	"fmt"
	"unsafe"
)

func main() {
	a := C.acc_new()
	buf := make([]byte, 64)
	for i := range buf {
		buf[i] = 1
	}
	for i := 0; i < 100000; i++ {
		C.acc_add(a, (*C.uchar)(unsafe.Pointer(&buf[0])), C.size_t(len(buf)))
	}
	fmt.Println("sum", a.sum)
	// CHECK: sum 6400000
}
