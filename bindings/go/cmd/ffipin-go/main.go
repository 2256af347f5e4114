// Command ffipin-go is `go build|run|test|install` with FFIPinSanitizer, the
// way `go build -race` works: no source change. Every piece of C code in the
// build (cgo preambles, the packages' .c files, runtime/cgo) is compiled with
// -fsanitize=ffi-pin, and the Go glue (lib/ffipin/go) is added to package
// runtime and runtime/cgo with -overlay. Other go subcommands pass through to
// go unchanged; vet, list, env and generate see the same C toolchain.
//
// What it sets, and why: bindings/go/README.md. Environment: FFIPIN_ROOT
// (where bin/ and lib/ffipin/ are; default: the parent of this program's
// directory), FFIPIN_GO (the go command; default: go on PATH, else
// /usr/lib/go-1.23/bin/go).
package main

import (
	"fmt"
	"os"
)

func main() {
	os.Exit(run(os.Args[1:]))
}

const usage = `usage: ffipin-go build|run|test|install [go flags] [packages] [arguments]
       ffipin-go <other go command> ...   (passed through to go)
Runs the go command with FFIPinSanitizer enabled for all C code in the build
(cgo preambles, .c files, runtime/cgo).
`

// failure is an error to report as "ffipin-go: <message>", exit status 2.
type failure struct{ msg string }

func (f failure) Error() string { return f.msg }

func fail(format string, args ...any) error { return failure{fmt.Sprintf(format, args...)} }

func run(args []string) int {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" && len(args) == 1 {
		fmt.Fprint(os.Stderr, usage)
		return 2
	}
	depth, err := nesting()
	var inst *install
	if err == nil {
		inst, err = findInstall()
	}
	if err == nil {
		inst.nesting = depth
		switch args[0] {
		case "build", "run", "test", "install":
			err = sanitizerBuild(inst, args[0], args[1:])
		default:
			err = passThrough(inst, args)
		}
	}
	// Both paths exec go on success: only failures get here.
	fmt.Fprintf(os.Stderr, "ffipin-go: %v\n", err)
	return 2
}
