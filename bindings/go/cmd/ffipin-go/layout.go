package main

import "strconv"

// lowBoundFirstFlag makes the checks compare a stored value with the
// foreign bounds' low word first (instrumentation/pass/FFIPinPass.cpp).
const lowBoundFirstFlag = "-mllvm -ffipin-low-bound-first"

// lowBoundFirst says whether the program's C memory lies mostly below Go's
// arenas (0xc000000000 up): in linux/amd64's default build mode, a non-PIE
// executable, its code, globals, constants and glibc's main heap follow the
// load address 0x400000, and a check that compares the high word first
// takes two branches out of line for each of them. A PIE, c-shared or
// c-archive program loads above the arenas, and the allocators of -asan and
// -msan map their heaps above them: those keep the high word first. GOFLAGS
// comes first and the command line after it, so the last word wins, as in
// the go command; the flags end where parseArgs says the program's own
// arguments begin.
func lowBoundFirst(cmd string, goflags, args []string) bool {
	mode, otherHeap := "", false
	for _, list := range [][]string{goflags, args} {
		for i := 0; i < len(list); i++ {
			name, value, eq := flagName(list[i])
			if list[i] == "--" || name == "args" || name == "" && cmd == "run" {
				break
			}
			if !eq && valueFlags[name] && i+1 < len(list) {
				value = list[i+1]
				i++
			}
			switch name {
			case "buildmode":
				mode = value
			case "asan", "msan":
				on, err := strconv.ParseBool(value)
				otherHeap = !eq || err == nil && on
			}
		}
	}
	return (mode == "" || mode == "default" || mode == "exe") && !otherHeap
}

// layoutFlags is what the C flags gain for this build's memory layout.
func layoutFlags(cmd, userGoflags string, args []string) string {
	fields, err := splitQuoted(userGoflags)
	if err != nil { // reported where GOFLAGS is merged; no flag meanwhile
		return ""
	}
	if lowBoundFirst(cmd, fields, args) {
		return " " + lowBoundFirstFlag
	}
	return ""
}
