// go-event-handler: a Go program that gives a C event loop a handler table
// allocated by Go. libevloop keeps the table in a C global after
// evloop_init returns, which the cgo pointer rules forbid unless the table
// is pinned: the garbage collector may free or reuse it while C still
// dispatches through it.
//
//	ffipin-go run .        # reports borrow-escaped at evloop_init
//	ffipin-go run . -fixed # pins the table with runtime.Pinner: clean
package main

/*
#include "evloop.h"

void goOnEvent(int fd, int event);
*/
import "C"

import (
	"flag"
	"fmt"
	"runtime"
)

//export goOnEvent
func goOnEvent(fd, event C.int) {
	fmt.Printf("fd %d: event %d\n", fd, event)
}

func newHandlers() *C.struct_evloop_handlers {
	cb := C.evloop_fn(C.goOnEvent)
	return &C.struct_evloop_handlers{on_open: cb, on_data: cb, on_close: cb}
}

func main() {
	fixed := flag.Bool("fixed", false, "pin the handler table while libevloop holds it")
	flag.Parse()

	h := newHandlers()
	var pinner runtime.Pinner
	if *fixed {
		pinner.Pin(h)
		defer pinner.Unpin()
	}
	C.evloop_init(h)
	runtime.GC()
	for _, ev := range []C.int{C.EV_OPEN, C.EV_DATA, C.EV_CLOSE} {
		C.evloop_dispatch(3, ev)
	}
	C.evloop_shutdown()
}
