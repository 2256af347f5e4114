// Added to package runtime/cgo by ffipin-go (as
// $GOROOT/src/runtime/cgo/ffipin_glue.go in a -overlay); not part of the Go
// distribution. runtime/cgo is linked into every cgo program exactly once,
// so this is the one place that reaches every program without a source
// change. The FFIPinSanitizer runtime (bindings/go/runtime/ffipin_go.c) calls the two
// exported functions at the end of a cgo call, on the goroutine that made
// it; the exit hook calls back into the runtime.

//go:build linux && amd64

package cgo

/*
#include <stddef.h>
#include <stdint.h>
// runtime/cgo builds with -Wall -Werror, and cmd/cgo's wrapper for a C
// function without arguments or results declares an unused _cgo_a.
#pragma GCC diagnostic ignored "-Wunused-variable"
void __ffipin_go_exit(void);
*/
import "C"

import (
	"runtime"
	"unsafe"
)

// Pushed by the package runtime half (runtime_ffipin.go, added to package
// runtime as ffipin_glue.go).
//
//go:linkname ffipinObject runtime.ffipinObject
func ffipinObject(p uintptr) (base, size uintptr, pinned bool)

//go:linkname ffipinAddExitHook runtime.ffipinAddExitHook
func ffipinAddExitHook(f func())

func init() {
	ffipinAddExitHook(func() { C.__ffipin_go_exit() })
}

//export ffipinGoObjects
func ffipinGoObjects(ptrs *C.uintptr_t, n C.size_t, bases, sizes *C.uintptr_t, pinned *C.uchar) {
	p := unsafe.Slice(ptrs, n)
	b := unsafe.Slice(bases, n)
	s := unsafe.Slice(sizes, n)
	pin := unsafe.Slice(pinned, n)
	for i := range p {
		base, size, ok := ffipinObject(uintptr(p[i]))
		b[i], s[i], pin[i] = C.uintptr_t(base), C.uintptr_t(size), 0
		if ok {
			pin[i] = 1
		}
	}
}

// ffipinGoStack writes the Go frames of the cgo call in progress on this
// goroutine, in the report's frame format, as a NUL-terminated string.
//
//export ffipinGoStack
func ffipinGoStack(buf *C.char, size C.size_t) {
	if size == 0 {
		return
	}
	out := stackWriter{dst: unsafe.Slice((*byte)(unsafe.Pointer(buf)), size-1)}
	var pcs [64]uintptr
	frames := runtime.CallersFrames(pcs[:runtime.Callers(1, pcs[:])])
	// Above runtime.cgocall are this callback's own frames; below it, the
	// goroutine's: the cgo-generated _Cfunc_ wrapper, then the user's code.
	inCall, n := false, 0
	for {
		f, more := frames.Next()
		if inCall {
			if n == 0 {
				out.str("cgo call from Go here:\n")
			}
			out.str("    #")
			out.dec(uint64(n))
			out.str(" 0x")
			out.hex(uint64(f.PC), 12)
			out.str(" in ")
			out.str(f.Function)
			out.str(" ")
			out.str(f.File)
			out.str(":")
			out.dec(uint64(f.Line))
			out.str("\n")
			n++
		}
		if f.Function == "runtime.cgocall" {
			inCall = true
		}
		if !more {
			break
		}
	}
	*(*byte)(unsafe.Add(unsafe.Pointer(buf), out.n)) = 0
}

// stackWriter formats without fmt (runtime/cgo imports only the runtime),
// dropping what does not fit.
type stackWriter struct {
	dst []byte
	n   int
}

func (w *stackWriter) str(s string) {
	w.n += copy(w.dst[w.n:], s)
}

func (w *stackWriter) dec(v uint64) {
	var b [20]byte
	i := len(b)
	for {
		i--
		b[i] = byte('0' + v%10)
		v /= 10
		if v == 0 {
			break
		}
	}
	w.str(string(b[i:]))
}

// hex writes v with at least width digits, as the C frames are printed.
func (w *stackWriter) hex(v uint64, width int) {
	const digits = "0123456789abcdef"
	var b [16]byte
	i := len(b)
	for v != 0 || len(b)-i < width {
		i--
		b[i] = digits[v&15]
		v >>= 4
	}
	w.str(string(b[i:]))
}
