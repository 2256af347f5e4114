package main

import "strings"

// ourLdflags goes in front of every -ldflags: the instrumented runtime/cgo
// needs the C linker (and the wrapper links the runtime) even in a program
// whose only cgo package is in the standard library, and reports need
// symbols even from `go run` and `go test` (which add -s -w before the
// user's flags). sanitizerBuild adds -X=runtime.ffipinBuildID=<build ID>:
// the instrumented C objects do not depend on the runtime, so their content
// (of which Go's link cache key is made, with the link flags but not CC)
// stays the same when only the runtime changed; without the ID in the
// flags, an up-to-date output or a cached link would keep the old runtime.
var ourLdflags = "-linkmode=external -s=false -w=false"

// mergeLdflags puts ourLdflags in front of an -ldflags value, after its
// package pattern if it has one ("pattern=flags": the go command keeps the
// last -ldflags that matches a package).
func mergeLdflags(v string) string {
	if i := strings.IndexByte(v, '='); i > 0 && v[0] != '-' {
		return v[:i+1] + strings.TrimSpace(ourLdflags+" "+v[i+1:])
	}
	return strings.TrimSpace(ourLdflags + " " + v)
}

// flagName is "ldflags" for -ldflags, --ldflags, -ldflags=v; value is v and
// hasValue whether "=" was there.
func flagName(a string) (name, value string, hasValue bool) {
	if !strings.HasPrefix(a, "-") || a == "-" || a == "--" {
		return "", "", false
	}
	a = strings.TrimPrefix(strings.TrimPrefix(a, "-"), "-")
	if i := strings.IndexByte(a, '='); i >= 0 {
		return a[:i], a[i+1:], true
	}
	return a, "", false
}

// Flags of build, run, test and install that take a separate value.
var valueFlags = map[string]bool{}

func init() {
	for _, f := range strings.Fields(`o p gcflags asmflags tags pkgdir mod modfile toolexec
		buildmode compiler gccgoflags installsuffix coverpkg covermode pgo C exec run bench
		count timeout cpu parallel skip benchtime coverprofile cpuprofile memprofile
		blockprofile mutexprofile trace outputdir fuzz fuzztime fuzzminimizetime shuffle list
		vet ldflags overlay`) {
		valueFlags[f] = true
	}
}

// commandLine is the user's arguments as ffipin-go rebuilds them.
type commandLine struct {
	chdir   string   // -C's directory ("" if none): it must stay the first flag
	args    []string // the rest, -overlay taken out and our flags put in every -ldflags
	overlay string   // the user's -overlay file
	ldflags bool     // the user gave -ldflags
	vet     bool     // the user gave -vet (test)
	layout  layout   // what the flags say about the memory layout
}

// parseArgs scans the flags up to "--", for run up to the first non-flag
// and for test up to -args (the program's own arguments follow them).
func parseArgs(cmd string, args []string) (*commandLine, error) {
	c := &commandLine{}
	if len(args) > 0 {
		if name, v, eq := flagName(args[0]); name == "C" {
			if eq {
				c.chdir = v
				args = args[1:]
			} else if len(args) < 2 {
				return nil, fail("-C needs a directory")
			} else {
				c.chdir = args[1]
				args = args[2:]
			}
		}
	}
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			c.args = append(c.args, args[i:]...)
			break
		}
		name, value, eq := flagName(a)
		if name == "" && cmd == "run" || name == "args" && cmd == "test" {
			c.args = append(c.args, args[i:]...) // the program's own arguments
			break
		}
		if name == "" { // a package
			c.args = append(c.args, a)
			continue
		}
		if !eq && valueFlags[name] {
			if i+1 >= len(args) {
				return nil, fail("flag %s needs a value", a)
			}
			value = args[i+1]
			i++
		}
		c.layout.note(name, value, eq)
		switch name {
		case "overlay":
			c.overlay = value
			continue
		case "ldflags":
			c.ldflags = true
			c.args = append(c.args, "-ldflags="+mergeLdflags(value))
			continue
		case "vet":
			c.vet = true
		}
		if !eq && valueFlags[name] {
			c.args = append(c.args, a, value)
		} else {
			c.args = append(c.args, a)
		}
	}
	return c, nil
}
