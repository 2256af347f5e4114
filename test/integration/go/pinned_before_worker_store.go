// RUN: %ffipin_go build -o %t %s
// RUN: %run %t 2>&1 | FileCheck %s --implicit-check-not=FFIPinSanitizer
// RUN: %env_ffipin_opts=print_stats=1 %run %t 2>&1 | FileCheck %s --check-prefix=STATS
// REQUIRES: go

// Intent: a C worker thread that receives a buffer the Go side pinned
// before any cgo call saw it (its address comes through a pipe, not through
// C memory written in a call) may store it: the pin is known when Pin runs,
// so the store outside every call scope is no unpinned-store; print_stats
// counts the pin, the unpin and the call scopes.

package main

/*
#include <pthread.h>
#include <unistd.h>

static int fds[2];
static unsigned char *volatile current;
static pthread_t worker;

static void *work(void *arg) {
	unsigned char *buf;
	while (read(fds[0], &buf, sizeof buf) == sizeof buf && buf) {
		current = buf;
		buf[0]++;
		current = 0;
	}
	return 0;
}

int start(void) {
	if (pipe(fds)) return -1;
	if (pthread_create(&worker, 0, work, 0)) return -1;
	return fds[1];
}

void stop(void) {
	void *none = 0;
	write(fds[1], &none, sizeof none);
	pthread_join(worker, 0);
}
*/
import "C"

import (
	"fmt"
	"os"
	"runtime"
	"unsafe"
)

func main() {
	fd := C.start()
	if fd < 0 {
		panic("start")
	}
	buf := make([]byte, 64)
	var pinner runtime.Pinner
	pinner.Pin(&buf[0])
	// The worker learns the address from the pipe alone.
	w := os.NewFile(uintptr(fd), "pipe")
	p := uintptr(unsafe.Pointer(&buf[0]))
	if _, err := w.Write((*[8]byte)(unsafe.Pointer(&p))[:]); err != nil {
		panic(err)
	}
	C.stop()
	pinner.Unpin()
	fmt.Println("worker saw", buf[0])
	// CHECK: worker saw 1
	// STATS: FFIPinSanitizer stats: {{.*}} pins=1 unpins=1 call_scopes=2 reports=0
}
