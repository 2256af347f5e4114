/* What the Go glue (bindings/go/glue) tells the sanitizer when it happens:
 * runtime.Pinner pins and unpins (with their Go stacks), a Pinner collected
 * while still pinning, and the program's exit (Go runs no C atexit
 * handlers). The glue calls these through the Go runtime's asmcgocall on
 * the system stack, like the runtime's own calls into runtime/cgo: they
 * never block and never call back into Go. */
#ifndef FFIPIN_GO_EVENTS_H
#define FFIPIN_GO_EVENTS_H

#include "base/ffipin_common.h"

enum { FFIPIN_GO_EVENT_FRAMES = 64 };

/* Mirrors ffipinPinEvent in bindings/go/glue/runtime_ffipin.go. */
typedef struct {
  uintptr_t base, size; /* the object: runtime.Pinner pins whole objects */
  uintptr_t pinned;     /* 1: Pin, 0: Unpin */
  uintptr_t nframes;    /* the Go stack: return addresses, innermost first */
  uintptr_t frames[FFIPIN_GO_EVENT_FRAMES];
} ffipin_go_pin_event_t;

/* Mirrors ffipinLeakEvent: the objects a collected Pinner still pinned. */
typedef struct {
  uintptr_t nbases;
  uintptr_t bases[FFIPIN_GO_EVENT_FRAMES];
  uintptr_t nframes;
  uintptr_t frames[FFIPIN_GO_EVENT_FRAMES];
} ffipin_go_leak_event_t;

void __ffipin_go_pin_event(ffipin_go_pin_event_t *ev) FFIPIN_EXPORT;
void __ffipin_go_pinner_leaked(ffipin_go_leak_event_t *ev) FFIPIN_EXPORT;
void __ffipin_go_exit(void *unused) FFIPIN_EXPORT;
/* The Go glue is in (package runtime's init): scan mode may start. */
void __ffipin_go_start(void *unused) FFIPIN_EXPORT;

#endif
