// RUN: %ffipin_go build -o %t %s
// RUN: not %run %t 2>&1 | FileCheck %s
// REQUIRES: go

// Intent: a Go buffer handed to a C worker thread through a malloc'd job
// struct outlives the cgo call that lent it: borrow-escaped at the store
// into the job, located in the heap block.

package main

/*
#include <pthread.h>
#include <stdlib.h>

struct job { const unsigned char *data; size_t len; };

static void *worker(void *arg) {
	struct job *j = arg;
	size_t sum = 0;
	for (size_t i = 0; i < j->len; i++) sum += j->data[i];
	return (void *)sum;
}

pthread_t start_worker(const unsigned char *data, size_t len) {
	struct job *j = malloc(sizeof *j);
	j->data = data;
// CHECK: ERROR: FFIPinSanitizer: borrow-escaped on address
// CHECK: STORE of foreign pointer by thread T{{[0-9]+}}:
// CHECK-NEXT: #0 0x{{[0-9a-f]+}} in start_worker {{.*}}worker_thread.go:[[@LINE-3]]
	j->len = len;
	pthread_t t;
	pthread_create(&t, 0, worker, j);
	return t;
}
*/
import "C"

import "unsafe"

func main() {
	buf := make([]byte, 4096)
	t := C.start_worker((*C.uchar)(unsafe.Pointer(&buf[0])), C.size_t(len(buf)))
	// CHECK: cgo call from Go here:
	// CHECK: in main.main {{.*}}worker_thread.go:[[@LINE-2]]
	// CHECK: is located 0 bytes inside of {{.*}}heap
	C.pthread_join(t, nil)
}
