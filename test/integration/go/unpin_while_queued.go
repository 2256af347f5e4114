// RUN: %ffipin_go build -o %t %s
// RUN: not %run %t 2>&1 | FileCheck %s --implicit-check-not="completed"
// REQUIRES: go

// Intent: an asynchronous client that unpins a request right after
// submitting it, while C's queue still holds it, and whose later completion
// call clears the queue slot (tigerbeetle#1952), gets pin-outlived at the
// Unpin line, with the Pin line in the report: the clearing call comes too
// late to hide the bug.

package main

/*
struct request { int op; int result; };
static struct request *queue[8];
static int queued;

void submit(struct request *r) {
	queue[queued++] = r;
// CHECK: ERROR: FFIPinSanitizer: pin-outlived on address
// CHECK: STORE of foreign pointer by thread T{{[0-9]+}}:
// CHECK-NEXT: #0 0x{{[0-9a-f]+}} in submit {{.*}}unpin_while_queued.go:[[@LINE-3]]
}

int complete(void) {
	int n = 0;
	while (queued > 0) {
		struct request *r = queue[--queued];
		r->result = r->op * 2;
		queue[queued] = 0;
		n++;
	}
	return n;
}
*/
import "C"

import (
	"fmt"
	"runtime"
)

func send(op int) *C.struct_request {
	r := &C.struct_request{op: C.int(op)}
	var pinner runtime.Pinner
	pinner.Pin(r)
	C.submit(r)
	// CHECK: cgo call from Go here:
	// CHECK: in main.send {{.*}}unpin_while_queued.go:[[@LINE-2]]
	// CHECK: pinned by thread T{{[0-9]+}} here:
	// CHECK-NEXT: #0 0x{{[0-9a-f]+}} in main.send {{.*}}unpin_while_queued.go:[[@LINE-5]]
	pinner.Unpin() // the bug: C's queue still holds r
	// CHECK: unpinned by thread T{{[0-9]+}} here:
	// CHECK-NEXT: #0 0x{{[0-9a-f]+}} in main.send {{.*}}unpin_while_queued.go:[[@LINE-2]]
	// CHECK: SUMMARY: FFIPinSanitizer: pin-outlived {{.*}}unpin_while_queued.go:{{[0-9]+}}:{{[0-9]+}} in submit
	return r
}

func main() {
	r := send(21)
	fmt.Println("completed", C.complete(), r.result)
}
