package main

import (
	"os"
	"path/filepath"
	"strings"
)

// A patch adds a call to the Go glue on one line of the installed runtime's
// source, found by its exact text, which must occur exactly once: a Go
// release that changed the line fails loudly, naming itself, instead of
// building a runtime that tells the sanitizer nothing. The call goes on the
// same line (before or after the statement), so every line number of the
// runtime stays what tracebacks and DWARF say.
type patch struct {
	file   string // below $GOROOT/src
	line   string // the whole line, tabs included
	before string // inserted after the indentation, before the statement
	after  string // appended to the line
	why    string
}

var runtimePatches = []patch{
	{
		file:   "runtime/pinner.go",
		line:   "\tunlock(&span.speciallock)",
		before: "ffipinSetPinned(span, objIndex, pin); ",
		why:    "every Pin and Unpin, as setPinned changes the object's pin state",
	},
	{
		file:   "runtime/pinner.go",
		line:   "\t\t\t\t\ti.unpin() // only required to make the test idempotent",
		before: "ffipinPinnerLeaked(i.refs); ",
		why:    "a Pinner collected while it still pins (its leak finalizer, before it panics)",
	},
	{
		file:  "runtime/panic.go",
		line:  "\t\tdocrash = dopanic_m(gp, pc, sp)",
		after: "; ffipinExit()",
		why:   "an unrecovered panic: the exit checks run after Go printed the panic",
	},
}

// patchRuntime writes the patched copies of the runtime's files into dir
// and returns the overlay entries for them (original path -> copy).
func patchRuntime(goroot, goversion, dir string) (map[string]string, error) {
	byFile := map[string][]patch{}
	var order []string
	for _, p := range runtimePatches {
		if _, ok := byFile[p.file]; !ok {
			order = append(order, p.file)
		}
		byFile[p.file] = append(byFile[p.file], p)
	}
	replace := map[string]string{}
	for _, file := range order {
		src := filepath.Join(goroot, "src", filepath.FromSlash(file))
		data, err := os.ReadFile(src)
		if err != nil {
			return nil, fail("%s: cannot read %s: %v", goversion, src, err)
		}
		lines := strings.Split(string(data), "\n")
		for _, p := range byFile[file] {
			at := -1
			for i, l := range lines {
				if l != p.line {
					continue
				}
				if at >= 0 {
					return nil, fail("%s: %s has the line %q more than once; ffipin-go does not know "+
						"where to hook %s in this Go version", goversion, src, p.line, p.why)
				}
				at = i
			}
			if at < 0 {
				return nil, fail("%s: %s does not have the line %q that ffipin-go hooks for %s: "+
					"this Go version's runtime is not one ffipin-go supports", goversion, src, p.line,
					p.why)
			}
			indent := len(p.line) - len(strings.TrimLeft(p.line, "\t"))
			lines[at] = p.line[:indent] + p.before + p.line[indent:] + p.after
		}
		dst := filepath.Join(dir, strings.ReplaceAll(file, "/", "_"))
		if err := writeFileAtomic(dst, []byte(strings.Join(lines, "\n")), 0o644); err != nil {
			return nil, err
		}
		replace[src] = dst
	}
	return replace, nil
}

// writeFileAtomic writes through a temporary file and a rename, so that a
// concurrent ffipin-go never reads half a file.
func writeFileAtomic(path string, data []byte, mode os.FileMode) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), filepath.Base(path)+".*")
	if err != nil {
		return fail("%v", err)
	}
	_, err = tmp.Write(data)
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Chmod(tmp.Name(), mode)
	}
	if err == nil {
		err = os.Rename(tmp.Name(), path)
	}
	if err != nil {
		os.Remove(tmp.Name())
		return fail("writing %s: %v", path, err)
	}
	return nil
}
