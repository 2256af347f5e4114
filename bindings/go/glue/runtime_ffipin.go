// Added to package runtime by ffipin-go (as $GOROOT/src/runtime/ffipin_glue.go
// in a -overlay); not part of the Go distribution. ffipin-go also patches
// three lines of the runtime (bindings/go/cmd/ffipin-go/patch.go) to call
// the functions below: runtime.Pinner's setPinned, its leak finalizer, and
// fatalpanic. Each call reaches the FFIPinSanitizer runtime
// (bindings/go/runtime/ffipin_go_events.c) through asmcgocall, on the
// system stack, as the runtime reaches runtime/cgo's C code (x_cgo_mmap):
// the C side never blocks and never calls back into Go.
//
// Go 1.23's linker rejects a //go:linkname reference ("pull") to a standard
// library symbol unless the symbol's own package marks it with
// //go:linkname ("push"), see checkLinkname in cmd/link/internal/loader.
// Everything here lives inside package runtime and needs no pull; the C
// entry points are set by the runtime/cgo half (runtime_cgo_ffipin.go).

//go:build linux && amd64

package runtime

import (
	"internal/goarch"
	"unsafe"
)

// The sanitizer's C entry points, set by static initialisers in the
// runtime/cgo half (so before any Go code runs); nil in a program that does
// not link runtime/cgo.
//
//go:linkname _ffipin_pin_event _ffipin_pin_event
var _ffipin_pin_event unsafe.Pointer

//go:linkname _ffipin_pinner_leaked _ffipin_pinner_leaked
var _ffipin_pinner_leaked unsafe.Pointer

//go:linkname _ffipin_exit _ffipin_exit
var _ffipin_exit unsafe.Pointer

//go:linkname _ffipin_start _ffipin_start
var _ffipin_start unsafe.Pointer

// ffipinBuildID is set by ffipin-go (-ldflags=-X): the hash of the wrapper,
// the pass and the sanitizer's runtime this program was linked with.
var ffipinBuildID string

// The glue is in: the sanitizer may watch what libraries not built with the
// pass keep (scan mode). Package runtime's init runs before any other
// package's.
func init() {
	if fn := _ffipin_start; fn != nil {
		asmcgocall(fn, nil)
	}
}

// ffipinFrames is FFIPIN_GO_EVENT_FRAMES in ffipin_go_events.h.
const ffipinFrames = 64

// ffipinPinEvent mirrors ffipin_go_pin_event_t (ffipin_go_events.h).
type ffipinPinEvent struct {
	base, size uintptr
	pinned     uintptr
	nframes    uintptr
	frames     [ffipinFrames]uintptr
}

// ffipinLeakEvent mirrors ffipin_go_leak_event_t.
type ffipinLeakEvent struct {
	nbases  uintptr
	bases   [ffipinFrames]uintptr
	nframes uintptr
	frames  [ffipinFrames]uintptr
}

// ffipinCallers fills pcs with the return addresses of the goroutine's
// frames from the frame pointer fp outwards, as the execution tracer's
// fpTracebackPCs does, but only within the goroutine's stack: above a cgo
// callback the chain continues into C frames that may keep no frame
// pointer.
func ffipinCallers(fp uintptr, pcs []uintptr) uintptr {
	gp := getg()
	lo, hi := gp.stack.lo, gp.stack.hi
	n := 0
	for n < len(pcs) && fp >= lo && fp+2*goarch.PtrSize <= hi && fp%goarch.PtrSize == 0 {
		pcs[n] = *(*uintptr)(unsafe.Pointer(fp + goarch.PtrSize))
		n++
		next := *(*uintptr)(unsafe.Pointer(fp))
		if next <= fp {
			break
		}
		fp = next
	}
	return uintptr(n)
}

// ffipinSetPinned tells the sanitizer that setPinned changed the pin state
// of the object at objIndex in span. Called from setPinned (patched) under
// span.speciallock, so the events of one object arrive in the order Go
// made them. The stack starts at setPinned; the sanitizer hides the
// runtime's frames when it prints it.
//
//go:noinline
func ffipinSetPinned(span *mspan, objIndex uintptr, pin bool) {
	fn := _ffipin_pin_event
	if fn == nil {
		return
	}
	var ev ffipinPinEvent
	ev.base = span.base() + objIndex*span.elemsize
	ev.size = span.elemsize
	if pin {
		ev.pinned = 1
	}
	ev.nframes = ffipinCallers(getfp(), ev.frames[:])
	asmcgocall(fn, noescape(unsafe.Pointer(&ev)))
}

// ffipinPinnerLeaked is called by the Pinner's leak finalizer (patched)
// before it unpins what the collected Pinner still pinned and panics: the
// sanitizer reports each object with the stack of its Pin.
//
//go:noinline
func ffipinPinnerLeaked(refs []unsafe.Pointer) {
	fn := _ffipin_pinner_leaked
	if fn == nil {
		return
	}
	var ev ffipinLeakEvent
	ev.nframes = ffipinCallers(getfp(), ev.frames[:])
	for len(refs) > 0 {
		ev.nbases = 0
		for ; len(refs) > 0 && ev.nbases < ffipinFrames; refs = refs[1:] {
			s := spanOfHeap(uintptr(refs[0]))
			if s == nil {
				continue
			}
			ev.bases[ev.nbases] = s.base() + s.objIndex(uintptr(refs[0]))*s.elemsize
			ev.nbases++
		}
		asmcgocall(fn, noescape(unsafe.Pointer(&ev)))
	}
}

// ffipinObject returns the heap object holding p (base 0 if p is not in a
// live heap object): the runtime/cgo half answers the sanitizer's question
// with it, at the end of a cgo call.
//
//go:linkname ffipinObject
func ffipinObject(p uintptr) (base, size uintptr) {
	s := spanOfHeap(p)
	if s == nil {
		return 0, 0
	}
	idx := s.objIndex(p)
	if s.isFree(idx) {
		return 0, 0
	}
	return s.base() + idx*s.elemsize, s.elemsize
}

// ffipinExit runs the sanitizer's exit checks (pin leaks, cgo allocation
// leaks): an exit hook (ffipin_exithook_*.go) when main returns or os.Exit
// is called, and fatalpanic (patched) when a panic is not recovered. It
// runs at most once.
func ffipinExit() {
	if fn := _ffipin_exit; fn != nil {
		asmcgocall(fn, nil)
	}
}
