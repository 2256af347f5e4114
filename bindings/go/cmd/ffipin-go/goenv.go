package main

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"regexp"
	"strconv"
)

// minMinor is the oldest Go release ffipin-go accepts: 1.22. runtime.Pinner
// arrived in 1.21, but 1.21 is out of upstream support (Go supports its two
// newest releases) and its Pinner differs (pinning a non-Go pointer panics,
// setPinned reports nothing); the runtime patches are checked against 1.22
// and 1.23, which CI tests.
const minMinor = 22

// goEnv is what ffipin-go needs to know about the go command.
type goEnv struct {
	GOVERSION, GOROOT, GOOS, GOARCH, CGO_ENABLED, GOFLAGS string
}

func queryGo(in *install) (*goEnv, error) {
	cmd := exec.Command(in.goCmd, "env", "-json", "GOVERSION", "GOROOT", "GOOS", "GOARCH",
		"CGO_ENABLED", "GOFLAGS")
	// With our compiler as CC: a CGO_ENABLED of 0 then comes from the user's
	// own configuration (go env -w), not from a missing C compiler.
	cmd.Env = append(os.Environ(), "CC="+in.cc, "CXX="+in.cxx, childNesting(in.nesting))
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return nil, fail("'%s env' failed: %v\n%s", in.goCmd, err, stderr.String())
	}
	var env goEnv
	if err := json.Unmarshal(out, &env); err != nil {
		return nil, fail("cannot read '%s env -json': %v", in.goCmd, err)
	}
	return &env, nil
}

var goVersion = regexp.MustCompile(`^go1\.([0-9]+)`)

// check refuses what cannot give a sanitizer build, saying why.
func (e *goEnv) check() error {
	m := goVersion.FindStringSubmatch(e.GOVERSION)
	if m == nil {
		return fail("cannot read the Go version from '%s'", e.GOVERSION)
	}
	if minor, _ := strconv.Atoi(m[1]); minor < minMinor {
		return fail("%s is too old: Go 1.%d or newer is needed (1.21 is no longer supported "+
			"upstream, and its runtime.Pinner differs from the one the Go glue is checked against)",
			e.GOVERSION, minMinor)
	}
	if e.GOOS+"/"+e.GOARCH != "linux/amd64" {
		return fail("%s/%s is not supported (linux/amd64 is: the Go heap is found through "+
			"runtime/cgo's x_cgo_mmap, and Go stacks through amd64's asmcgocall)", e.GOOS, e.GOARCH)
	}
	if os.Getenv("CGO_ENABLED") == "0" || e.CGO_ENABLED == "0" {
		return fail("CGO_ENABLED=0: FFIPinSanitizer checks the C code a Go program calls " +
			"through cgo, and with cgo disabled there is none; nothing would be checked. " +
			"Unset CGO_ENABLED (and 'go env -u CGO_ENABLED'): ffipin-go turns cgo on")
	}
	return nil
}
