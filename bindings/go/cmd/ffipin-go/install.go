package main

import (
	"crypto/sha256"
	"encoding/hex"
	"io"
	"os"
	"os/exec"
	"path/filepath"
)

// libDirSuffix is where the libraries are below the install root
// (lib/ffipin, or lib/<triplet>/ffipin under a /usr prefix); CMake sets it
// with -ldflags=-X.
var libDirSuffix = "lib/ffipin"

// install is where FFIPinSanitizer's pieces are, and the go command to run.
type install struct {
	root, cc, cxx, plugin, runtime, allocator, glue string
	self                                            string // this program
	goCmd                                           string
	nesting                                         int // ffipin-go processes above this one
}

func findInstall() (*install, error) {
	self, err := os.Executable()
	if err != nil {
		return nil, fail("cannot find this program's path: %v", err)
	}
	if resolved, err := filepath.EvalSymlinks(self); err == nil {
		self = resolved
	}
	root := os.Getenv("FFIPIN_ROOT")
	if root == "" {
		root = filepath.Dir(filepath.Dir(self))
	}
	lib := filepath.Join(root, libDirSuffix)
	in := &install{
		root:      root,
		cc:        filepath.Join(root, "bin", "ffipin-cc"),
		cxx:       filepath.Join(root, "bin", "ffipin-c++"),
		plugin:    filepath.Join(lib, "ffipin-pass.so"),
		runtime:   filepath.Join(lib, "libclang_rt.ffipin-x86_64.a"),
		allocator: filepath.Join(lib, "libclang_rt.ffipin_alloc-x86_64.a"),
		glue:      filepath.Join(lib, "go"),
		self:      self,
	}
	for _, f := range append([]string{in.cc, in.cxx, in.plugin, in.runtime, in.allocator}, in.glueFiles()...) {
		if _, err := os.Stat(f); err != nil {
			return nil, fail("missing %s (set FFIPIN_ROOT to the build or install directory)", f)
		}
	}
	if in.goCmd, err = findGo(self); err != nil {
		return nil, err
	}
	return in, nil
}

// findGo is the go command to run: FFIPIN_GO (a path, or a name looked up
// on PATH, since the command is exec'd without a search), else go on PATH,
// else Debian's Go 1.23. It is never this program: ffipin-go running itself
// as go would start itself again for ever (FFIPIN_GO set to ffipin-go, or
// ffipin-go installed as the go on PATH).
func findGo(self string) (string, error) {
	goCmd := os.Getenv("FFIPIN_GO")
	if goCmd != "" {
		p, err := exec.LookPath(goCmd)
		if err != nil {
			return "", fail("FFIPIN_GO=%s: %v", goCmd, err)
		}
		goCmd = p
	} else if p, err := exec.LookPath("go"); err == nil {
		goCmd = p
	} else if _, err := os.Stat("/usr/lib/go-1.23/bin/go"); err == nil {
		goCmd = "/usr/lib/go-1.23/bin/go"
	} else {
		return "", fail("no go command found (put go on PATH or set FFIPIN_GO)")
	}
	if a, err := os.Stat(goCmd); err == nil {
		if b, err := os.Stat(self); err == nil && os.SameFile(a, b) {
			return "", fail("the go command %s is ffipin-go itself: set FFIPIN_GO to the real go command", goCmd)
		}
	}
	return goCmd, nil
}

// glueFile is one Go file ffipin-go adds to the standard library.
type glueFile struct {
	name string // in lib/ffipin/go
	dest string // below $GOROOT/src
}

var glueFiles = []glueFile{
	{"runtime_ffipin.go", "runtime/ffipin_glue.go"},
	{"ffipin_exithook_go123.go", "runtime/ffipin_exithook.go"},
	{"ffipin_exithook_go122.go", "runtime/ffipin_exithook_old.go"},
	{"runtime_cgo_ffipin.go", "runtime/cgo/ffipin_glue.go"},
}

func (in *install) glueFiles() []string {
	var out []string
	for _, g := range glueFiles {
		out = append(out, filepath.Join(in.glue, g.name))
	}
	return out
}

// hashFiles is the hex SHA-256 of the files' contents (and of extra
// strings), cut to n digits.
func hashFiles(n int, files []string, extra ...string) (string, error) {
	h := sha256.New()
	for _, f := range files {
		r, err := os.Open(f)
		if err != nil {
			return "", fail("%v", err)
		}
		_, err = io.Copy(h, r)
		r.Close()
		if err != nil {
			return "", fail("reading %s: %v", f, err)
		}
	}
	for _, e := range extra {
		h.Write([]byte(e))
		h.Write([]byte{0})
	}
	return hex.EncodeToString(h.Sum(nil))[:n], nil
}

// buildID names everything that changes instrumented C objects or what
// they link against: Go keys its cache of C objects on CC and the cgo flags,
// not on the plugin or the runtime, so it goes into CGO_CFLAGS.
func (in *install) buildID() (string, error) {
	return hashFiles(16, []string{in.cc, in.plugin, in.runtime, in.allocator})
}
