// Added to package runtime/cgo by ffipin-go (as
// $GOROOT/src/runtime/cgo/ffipin_glue.go in a -overlay); not part of the Go
// distribution. runtime/cgo is linked into every cgo program exactly once;
// it hands package runtime the sanitizer's C entry points the way it hands
// over its own (_cgo_mmap in mmap.go): static initialisers, resolved by the
// C linker, so they are set before any Go code runs. It also exports the one
// question the sanitizer asks Go from C (bindings/go/runtime/ffipin_go_objects.c):
// which object holds a pointer, at the end of a cgo call.

//go:build linux && amd64

package cgo

/*
#include <stddef.h>
#include <stdint.h>
// runtime/cgo builds with -Wall -Werror, and cmd/cgo's wrapper for a C
// function without arguments or results declares an unused _cgo_a.
#pragma GCC diagnostic ignored "-Wunused-variable"
*/
import "C"

import "unsafe"

// Pushed by package runtime (runtime_ffipin.go).
//
//go:linkname ffipinObject runtime.ffipinObject
func ffipinObject(p uintptr) (base, size uintptr)

//export ffipinGoObjects
func ffipinGoObjects(ptrs *C.uintptr_t, n C.size_t, bases, sizes *C.uintptr_t) {
	p := unsafe.Slice(ptrs, n)
	b := unsafe.Slice(bases, n)
	s := unsafe.Slice(sizes, n)
	for i := range p {
		base, size := ffipinObject(uintptr(p[i]))
		b[i], s[i] = C.uintptr_t(base), C.uintptr_t(size)
	}
}

//go:cgo_import_static __ffipin_go_pin_event
//go:linkname __ffipin_go_pin_event __ffipin_go_pin_event
//go:linkname _ffipin_pin_event _ffipin_pin_event
var __ffipin_go_pin_event byte
var _ffipin_pin_event = &__ffipin_go_pin_event

//go:cgo_import_static __ffipin_go_pinner_leaked
//go:linkname __ffipin_go_pinner_leaked __ffipin_go_pinner_leaked
//go:linkname _ffipin_pinner_leaked _ffipin_pinner_leaked
var __ffipin_go_pinner_leaked byte
var _ffipin_pinner_leaked = &__ffipin_go_pinner_leaked

//go:cgo_import_static __ffipin_go_exit
//go:linkname __ffipin_go_exit __ffipin_go_exit
//go:linkname _ffipin_exit _ffipin_exit
var __ffipin_go_exit byte
var _ffipin_exit = &__ffipin_go_exit

//go:cgo_import_static __ffipin_go_start
//go:linkname __ffipin_go_start __ffipin_go_start
//go:linkname _ffipin_start _ffipin_start
var __ffipin_go_start byte
var _ffipin_start = &__ffipin_go_start
