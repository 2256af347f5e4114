// RUN: %ffipin_go build -o %t %s
// RUN: %run %t 2>&1 | FileCheck %s --implicit-check-not=FFIPinSanitizer
// REQUIRES: go

// Intent: C allocations still reachable at exit are no cgo-leak, wherever
// the pointer is kept: a C global, a Go global, a Go heap object, a C heap
// block, a blocked C thread's stack and a blocked goroutine's stack.

package main

/*
#include <pthread.h>
#include <stdlib.h>
#include <unistd.h>

static char *c_global;
void keep_in_global(char *p) { c_global = p; }

static char **c_heap;
void keep_in_heap(char *p) {
	c_heap = malloc(4 * sizeof *c_heap);
	c_heap[2] = p;
}

static int c_pipe[2];
static void *hold(void *arg) {
	char *volatile mine = arg;
	char byte;
	read(c_pipe[0], &byte, 1);  // blocks until exit
	return mine;
}
void keep_on_thread(char *p) {
	pthread_t t;
	pipe(c_pipe);
	pthread_create(&t, 0, hold, p);
}
*/
import "C"

import (
	"fmt"
	"runtime"
)

type record struct {
	name *C.char
	size int
}

var goGlobal *C.char
var goHeap = map[string]*record{}

//go:noinline
func onGoroutine(ready chan<- bool, never <-chan bool) {
	p := C.CString("held by a blocked goroutine")
	ready <- true
	<-never
	runtime.KeepAlive(p)
}

func main() {
	C.keep_in_global(C.CString("kept in a C global"))
	goGlobal = C.CString("kept in a Go global")
	goHeap["x"] = &record{name: C.CString("kept in a Go heap object")}
	C.keep_in_heap(C.CString("kept in a C heap block"))
	C.keep_on_thread(C.CString("kept on a C thread's stack"))
	ready, never := make(chan bool), make(chan bool)
	go onGoroutine(ready, never)
	<-ready
	fmt.Println("all kept")
	// CHECK: all kept
}
