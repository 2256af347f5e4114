// RUN: %ffipin_go build -o %t %s
// RUN: strace -f -qq -e trace=process_vm_readv -o %t.strace %run %t | FileCheck %s
// RUN: %python -c "import sys; n = sum('iov_len=16}' in l for l in open(sys.argv[1])); print('g reads', n); sys.exit(n > 100)" %t.strace
// REQUIRES: go, strace

// Intent: recording a C.CString for the cgo-leak check takes its Go stack
// without a system call each time: the unwinder reads the goroutine's g (16
// bytes) safely, by process_vm_readv, once per thread and g, not once per
// stack (it did for every allocation: +1.8 us on each go-sqlite3 Exec).
// (The start-up's reads of module headers are 1 KiB each, not counted.)

package main

// #include <stdlib.h>
// #include <string.h>
import "C"

import (
	"fmt"
	"unsafe"
)

func main() {
	n := 0
	for i := 0; i < 2000; i++ {
		s := C.CString(fmt.Sprintf("name-%04d", i))
		n += int(C.strlen(s))
		C.free(unsafe.Pointer(s))
	}
	fmt.Println("bytes", n)
	// CHECK: bytes 18000
}
