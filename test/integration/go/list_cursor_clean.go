// RUN: %ffipin_go build -o %t %s
// RUN: %run %t 2>&1 | FileCheck %s --implicit-check-not=FFIPinSanitizer
// REQUIRES: go

// Intent: C walking a Go linked list through a global cursor is clean when
// the cursor ends NULL: only what a slot still holds when the call returns
// counts. (The nodes past the head are pinned, as the cgo rules require for
// Go pointers inside memory passed to C.)

package main

/*
struct node { struct node *next; int value; };
const struct node *cursor;
int sum_list(const struct node *head) {
	int sum = 0;
	for (cursor = head; cursor; cursor = cursor->next) sum += cursor->value;
	return sum;
}
*/
import "C"

import (
	"fmt"
	"runtime"
)

func main() {
	var pinner runtime.Pinner
	defer pinner.Unpin()
	var head *C.struct_node
	for i := 1; i <= 10; i++ {
		n := &C.struct_node{next: head, value: C.int(i)}
		if head != nil {
			pinner.Pin(head)
		}
		head = n
	}
	fmt.Println("sum", C.sum_list(head))
	// CHECK: sum 55
}
