// RUN: %ffipin_go build -o %t %s
// RUN: not %run %t 2>&1 | FileCheck %s
// REQUIRES: go

// Intent: a C library that keeps the Go-allocated event-handler table it is
// given in a global, after the cgo call returned, is a borrow-escaped naming
// the C store line and the Go line that made the call.

package main

/*
typedef struct {
	void (*on_open)(int);
	void (*on_close)(int);
} event_handlers;

static void log_event(int fd) { (void)fd; }

const event_handlers *registered;

void events_init(const event_handlers *h) {
	registered = h;
// CHECK: ERROR: FFIPinSanitizer: borrow-escaped on address
// CHECK: STORE of foreign pointer by thread T{{[0-9]+}}:
// CHECK-NEXT: #0 0x{{[0-9a-f]+}} in events_init {{.*}}event_handler.go:[[@LINE-3]]
}

static void set_handlers(event_handlers *h) {
	h->on_open = log_event;
	h->on_close = log_event;
}
*/
import "C"

func main() {
	h := new(C.event_handlers)
	C.set_handlers(h)
	C.events_init(h)
	// CHECK: cgo call from Go here:
	// CHECK: in main.main {{.*}}event_handler.go:[[@LINE-2]]
	// CHECK: SUMMARY: FFIPinSanitizer: borrow-escaped {{.*}}event_handler.go:[[@LINE-19]]:{{[0-9]+}} in events_init
}
