package main

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
)

// sanitizerBuild runs go build|run|test|install as a sanitizer build. Our
// -overlay and -ldflags go into GOFLAGS (merged with the user's), so that go
// commands the build itself runs (tests that build programs, Go's own
// harnesses) are sanitizer builds too; -ldflags given on the command line
// win over GOFLAGS, so ours are merged into them as well.
func sanitizerBuild(in *install, cmd string, args []string) error {
	w, buildID, err := prepare(in, true)
	if err != nil {
		return err
	}
	ourLdflags += " -X=runtime.ffipinBuildID=" + buildID
	cl, err := parseArgs(cmd, args)
	if err != nil {
		return err
	}
	dir, err := os.Getwd()
	if err != nil {
		return fail("%v", err)
	}
	if cl.chdir != "" {
		dir = filepath.Join(dir, cl.chdir)
	}
	goflags, err := sanitizerGoflags(os.Getenv("GOFLAGS"), w, dir, cl)
	if err != nil {
		return err
	}
	argv := []string{cmd}
	if cl.chdir != "" {
		argv = append(argv, "-C="+cl.chdir)
	}
	argv = append(argv, cl.args...)
	return in.execGo(argv, append(toolchainEnv(w, buildID, layoutFlags(cl)), "GOFLAGS="+goflags))
}

// sanitizerGoflags is the user's GOFLAGS with their -overlay merged into
// ours, our linker flags in every -ldflags, and -vet=off unless vetting was
// asked for: go vet reads source files itself, not through -overlay, and
// `go test` vets with facts from every dependency, package runtime included.
func sanitizerGoflags(user string, w *workDir, dir string, cl *commandLine) (string, error) {
	fields, err := splitQuoted(user)
	if err != nil {
		return "", err
	}
	var kept, ldflags []string
	overlay, vet := cl.overlay, cl.vet
	for _, f := range fields {
		switch name, value, _ := flagName(f); name {
		case "overlay":
			if overlay == "" { // the command line's wins, as in the go command
				overlay = value
			}
		case "ldflags":
			ldflags = append(ldflags, "-ldflags="+mergeLdflags(value))
		case "vet":
			vet = true
			kept = append(kept, f)
		default:
			kept = append(kept, f)
		}
	}
	path, err := w.writeOverlay(overlay, dir)
	if err != nil {
		return "", err
	}
	kept = append(kept, "-overlay="+path, "-ldflags="+ourLdflags)
	kept = append(kept, ldflags...)
	if !vet {
		kept = append(kept, "-vet=off")
	}
	return joinQuoted(kept)
}

// prepare asks go about itself (refusing what cannot give a sanitizer
// build when check is set) and writes the work directory.
func prepare(in *install, check bool) (*workDir, string, error) {
	env, err := queryGo(in)
	if err != nil {
		return nil, "", err
	}
	if check {
		if err := env.check(); err != nil {
			return nil, "", err
		}
	}
	buildID, err := in.buildID()
	if err != nil {
		return nil, "", err
	}
	w, err := prepareWorkDir(in, env, buildID)
	return w, buildID, err
}

// toolchainEnv is the C side of a sanitizer build: the compiler shims, cgo
// on, and in the compile flags the build ID and the layout's flags (Go's
// default -g -O2 kept). Go keys its cache of C objects on these flags, so
// an executable and a PIE of one package never share objects.
func toolchainEnv(w *workDir, buildID, layout string) []string {
	flags := func(name string) string {
		v, ok := os.LookupEnv(name)
		if !ok {
			v = "-g -O2"
		}
		return strings.TrimSpace(v + " -DFFIPIN_BUILD_ID=" + buildID + layout)
	}
	return []string{"CC=" + w.cc, "CXX=" + w.cxx, "CGO_ENABLED=1",
		"CGO_CFLAGS=" + flags("CGO_CFLAGS"), "CGO_CXXFLAGS=" + flags("CGO_CXXFLAGS")}
}

// passThrough runs any other go command unchanged. Those that compile or
// describe C code (vet runs cgo, list and env report the toolchain,
// generate runs tools that may build) see the sanitizer's C toolchain; the
// rest get the user's environment as it is.
func passThrough(in *install, args []string) error {
	switch args[0] {
	case "vet", "list", "generate":
	case "env":
		for _, a := range args[1:] {
			if name, _, _ := flagName(a); name == "w" || name == "u" {
				return in.execGo(args, nil)
			}
		}
	default:
		return in.execGo(args, nil)
	}
	w, buildID, err := prepare(in, false)
	if err != nil {
		return err
	}
	cl, err := parseArgs(args[0], args[1:])
	if err != nil {
		cl = nil
	}
	return in.execGo(args, toolchainEnv(w, buildID, layoutFlags(cl)))
}

// execGo replaces this process with the go command run with args; extra
// entries override the environment's.
func (in *install) execGo(args []string, extra []string) error {
	argv := append([]string{in.goCmd}, args...)
	extra = append(extra, childNesting(in.nesting))
	override := map[string]bool{}
	for _, e := range extra {
		override[e[:strings.IndexByte(e, '=')]] = true
	}
	var environ []string
	for _, e := range os.Environ() {
		if i := strings.IndexByte(e, '='); i < 0 || !override[e[:i]] {
			environ = append(environ, e)
		}
	}
	err := syscall.Exec(argv[0], argv, append(environ, extra...))
	return fail("cannot run %s: %v", argv[0], err)
}
