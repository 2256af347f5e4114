// RUN: %ffipin_go build -o %t %s
// RUN: %env_ffipin_opts=verbosity=1 not %run %t 2>&1 | FileCheck %s \
// RUN:   --implicit-check-not="ERROR: FFIPinSanitizer"
// RUN: %env_ffipin_opts=detect_cgo_leaks=0 %run %t 2>&1 | FileCheck %s --check-prefix=OFF \
// RUN:   --implicit-check-not=FFIPinSanitizer
// REQUIRES: go

// Intent: C.CString called in a loop without C.free is one cgo-leak report
// at exit, naming the loop's line with the bytes and objects lost and the
// kind of allocation (C.CString), with only the program's own Go frames;
// detect_cgo_leaks=0 turns the check off. All 10 blocks are still recorded
// at exit (the verbose count); the report may name fewer: a stale copy of a
// pointer in dead memory makes its block look reachable (README, "Leaks
// masked by stale words"): with two busy loops beside it, 16 of 1,100 runs
// reported 7 to 9 (stale copies on the main thread's dead stack, or in the
// Go heap, while the exit check ran on another thread).

package main

// #include <string.h>
import "C"

import "fmt"

func main() {
	n := 0
	for i := 0; i < 10; i++ {
		n += int(C.strlen(C.CString(fmt.Sprintf("name-%04d", i))))
		// CHECK: leak check: 10 C allocation(s) made by the managed language still live at exit
		// CHECK: ERROR: FFIPinSanitizer: cgo-leak
		// CHECK-NEXT: {{([1-9]|10)}}0 byte(s) in {{([1-9]|10)}} object(s) allocated by C.CString were never freed
		// CHECK-NEXT: allocated by thread T{{[0-9]+}} here:
		// CHECK-NEXT: #0 0x{{[0-9a-f]+}} in main.main {{.*}}cgo_leak_loop.go:[[@LINE-5]]
		// CHECK: SUMMARY: FFIPinSanitizer: cgo-leak {{.*}}cgo_leak_loop.go:[[@LINE-6]] in main.main
	}
	fmt.Println("bytes", n)
	// OFF: bytes 90
}
