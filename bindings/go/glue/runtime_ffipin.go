// Added to package runtime by ffipin-go (as $GOROOT/src/runtime/ffipin_glue.go
// in a -overlay); not part of the Go distribution. It reads the pin state
// the way the runtime's own cgocheck does (isPinned in pinner.go), so users
// change no source and runtime.Pinner needs no wrapper.
//
// Go 1.23's linker rejects a //go:linkname reference ("pull") to a standard
// library symbol unless the symbol's own package marks it with
// //go:linkname ("push"), see checkLinkname in cmd/link/internal/loader.
// Living inside package runtime, this file needs no pull at all, and it
// pushes the two functions the runtime/cgo half pulls, so the build needs
// no -checklinkname=0.

//go:build linux && amd64

package runtime

import (
	"internal/runtime/exithook"
	"unsafe"
)

// ffipinObject returns the heap object holding p (base 0 if p is not in a
// live heap object) and whether a runtime.Pinner pins it.
//
//go:linkname ffipinObject
func ffipinObject(p uintptr) (base, size uintptr, pinned bool) {
	s := spanOfHeap(p)
	if s == nil {
		return 0, 0, false
	}
	idx := s.objIndex(p)
	if s.isFree(idx) {
		return 0, 0, false
	}
	base = s.base() + idx*s.elemsize
	return base, s.elemsize, isPinned(unsafe.Pointer(base))
}

// ffipinAddExitHook runs f when main returns or os.Exit is called (with any
// status): Go exits without running C atexit handlers.
//
//go:linkname ffipinAddExitHook
func ffipinAddExitHook(f func()) {
	exithook.Add(exithook.Hook{F: f, RunOnFailure: true})
}
