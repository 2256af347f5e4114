// RUN: %ffipin_go build -asan -o %t %s
// RUN: env FFIPIN_OPTIONS=print_stats=1 %run %t 2>&1 | FileCheck %s --implicit-check-not=ERROR
// REQUIRES: go, asan-rt

// Intent: under `go build -asan`, ASan's shadow memory covers the Go
// runtime's first heap arena hints (0xc000000000, 0x1c000000000, ...): the
// kernel places each of those reservations elsewhere, near the libraries,
// and Go unmaps it and tries the next hint. Those mappings never were Go's
// heap, so the range the inline check compares against stays on the arena
// Go kept, and C's own heap pointers (ASan's heap, far below the libraries)
// stored into C memory never reach the runtime.

package main

/*
#include <stdlib.h>
struct node { struct node *next; void *data; };
static struct node *head;
unsigned long push_many(int n) {
	unsigned long sum = 0;
	for (int i = 0; i < n; i++) {
		struct node *x = malloc(sizeof *x);
		x->next = head;
		x->data = malloc(16);
		head = x;
	}
	while (head) {
		struct node *x = head;
		head = x->next;
		sum += (unsigned long)(x->data != NULL);
		free(x->data);
		free(x);
	}
	return sum;
}
*/
import "C"

import "fmt"

func main() {
	total := 0
	for i := 0; i < 100; i++ {
		total += int(C.push_many(1000))
	}
	fmt.Println("nodes:", total)
}

// CHECK: nodes: 100000
// CHECK: FFIPinSanitizer stats: slow_path_stores=0 held_records=0
