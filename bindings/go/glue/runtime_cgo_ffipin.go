// Added to package runtime/cgo by ffipin-go (as
// $GOROOT/src/runtime/cgo/ffipin_glue.go in a -overlay); not part of the Go
// distribution. runtime/cgo is linked into every cgo program exactly once;
// it hands package runtime the sanitizer's C entry points the way it hands
// over its own (_cgo_mmap in mmap.go): static initialisers, resolved by the
// C linker, so they are set before any Go code runs.

//go:build linux && amd64

package cgo

import _ "unsafe" // for go:linkname

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
