package main

import (
	"os"
	"strconv"
)

// lowBoundFirstFlag makes the checks compare a stored value with the
// foreign bounds' low word first (instrumentation/pass/FFIPinPass.cpp).
const lowBoundFirstFlag = "-mllvm -ffipin-low-bound-first"

// layout is what the build's flags say about where the program's C memory
// lies: its -buildmode and whether -asan or -msan brings an allocator. Each
// field counts only once a flag set it, so that the command line's word
// overrides GOFLAGS' (as in the go command), and an unset one the default.
type layout struct {
	mode                             string
	modeSet, otherHeap, otherHeapSet bool
}

// note records one flag (name, value and whether "=" was there, as
// flagName gives them), the separate value of a -buildmode included.
func (l *layout) note(name, value string, eq bool) {
	switch name {
	case "buildmode":
		l.mode, l.modeSet = value, true
	case "asan", "msan":
		on, err := strconv.ParseBool(value)
		l.otherHeap, l.otherHeapSet = !eq || err == nil && on, true
	}
}

// over is l with what a later word (the command line after GOFLAGS) set.
func (l layout) over(later layout) layout {
	if later.modeSet {
		l.mode, l.modeSet = later.mode, true
	}
	if later.otherHeapSet {
		l.otherHeap, l.otherHeapSet = later.otherHeap, true
	}
	return l
}

// lowBoundFirst says whether the program's C memory lies mostly below Go's
// arenas (0xc000000000 up): in linux/amd64's default build mode, a non-PIE
// executable, its code, globals, constants and glibc's main heap follow the
// load address 0x400000, and a check that compares the high word first
// takes two branches out of line for each of them. A PIE, c-shared or
// c-archive program loads above the arenas, and the allocators of -asan and
// -msan map their heaps above them: those keep the high word first.
func (l layout) lowBoundFirst() bool {
	return (l.mode == "" || l.mode == "default" || l.mode == "exe") && !l.otherHeap
}

// flags is what the C flags gain for this layout.
func (l layout) flags() string {
	if l.lowBoundFirst() {
		return " " + lowBoundFirstFlag
	}
	return ""
}

// goflagsLayout is the layout GOFLAGS gives (-flag=value fields only, as
// the go command requires there); a malformed GOFLAGS gives none, and the
// go command reports it.
func goflagsLayout(goflags string) layout {
	var l layout
	fields, err := splitQuoted(goflags)
	if err != nil {
		return l
	}
	for _, f := range fields {
		l.note(flagName(f))
	}
	return l
}

// layoutFlags is what the C flags gain for the layout GOFLAGS gives, then
// the command line (cl; nil when it does not parse, which go reports).
func layoutFlags(cl *commandLine) string {
	l := goflagsLayout(os.Getenv("GOFLAGS"))
	if cl != nil {
		l = l.over(cl.layout)
	}
	return l.flags()
}
