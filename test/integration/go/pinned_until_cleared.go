// RUN: %ffipin_go build -o %t %s
// RUN: %run %t 2>&1 | FileCheck %s --implicit-check-not=FFIPinSanitizer
// REQUIRES: go

// Intent: the handler table kept alive with runtime.Pinner until C clears
// its global (with a GC in between) is clean: the pin state comes from the
// Go runtime, with no source change.

package main

/*
typedef struct {
	void (*on_open)(int);
} event_handlers;

const event_handlers *registered;

void events_init(const event_handlers *h) { registered = h; }
void events_poll(void) {}
void events_shutdown(void) { registered = 0; }
*/
import "C"

import (
	"fmt"
	"runtime"
)

func main() {
	h := new(C.event_handlers)
	var pinner runtime.Pinner
	pinner.Pin(h)
	C.events_init(h)
	runtime.GC()
	C.events_poll()
	C.events_shutdown()
	pinner.Unpin()
	C.events_poll()
	fmt.Println("done")
	// CHECK: {{^done$}}
}
