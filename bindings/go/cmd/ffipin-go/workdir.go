package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// workDir holds what ffipin-go generates for one build ID, Go installation
// and glue: the patched runtime files, the overlay naming them and the glue,
// and the compiler shims. It lives as long as the cache entries it names.
type workDir struct {
	dir     string
	overlay map[string]string // ours: $GOROOT/src/... -> file
	cc, cxx string            // the shims: ffipin-cc -fsanitize=ffi-pin "$@"
}

func prepareWorkDir(in *install, env *goEnv, buildID string) (*workDir, error) {
	key, err := hashFiles(16, append(in.glueFiles(), in.self), buildID, env.GOROOT, env.GOVERSION)
	if err != nil {
		return nil, err
	}
	base := os.Getenv("TMPDIR")
	if base == "" {
		base = "/tmp"
	}
	w := &workDir{dir: filepath.Join(base, fmt.Sprintf("ffipin-go-%d", os.Getuid()), key)}
	if err := os.MkdirAll(w.dir, 0o755); err != nil {
		return nil, fail("%v", err)
	}
	w.overlay, err = patchRuntime(env.GOROOT, env.GOVERSION, w.dir)
	if err != nil {
		return nil, err
	}
	for _, g := range glueFiles {
		w.overlay[filepath.Join(env.GOROOT, "src", filepath.FromSlash(g.dest))] = filepath.Join(in.glue, g.name)
	}
	// The C compiler with the flag: a harness that links its host program
	// with $(go env CC) alone, not CGO_LDFLAGS (Go's testcarchive), still
	// gets the runtime linked in. FFIPIN_NO_FALLBACKS (runtime/base/
	// ffipin_abi.h): no weak runtime stand-ins in Go's PIC code, which a
	// c-shared library (linked with -Bsymbolic) or a c-archive's host
	// would bind to instead of the runtime.
	w.cc, w.cxx = filepath.Join(w.dir, "cc"), filepath.Join(w.dir, "c++")
	for shim, target := range map[string]string{w.cc: in.cc, w.cxx: in.cxx} {
		if strings.Contains(target, "'") {
			return nil, fail("paths with a single quote are not supported: %s", target)
		}
		script := "#!/bin/sh\nexport FFIPIN_NO_FALLBACKS=1\nexec '" + target + "' -fsanitize=ffi-pin \"$@\"\n"
		if err := writeFileAtomic(shim, []byte(script), 0o755); err != nil {
			return nil, err
		}
	}
	return w, nil
}

type overlayJSON struct {
	Replace map[string]string
}

// writeOverlay writes our overlay merged with the user's (userFile, with
// relative paths taken from dir, the go command's working directory) and
// returns its path. A user entry for a file we replace is an error.
func (w *workDir) writeOverlay(userFile, dir string) (string, error) {
	merged := overlayJSON{Replace: map[string]string{}}
	for k, v := range w.overlay {
		merged.Replace[k] = v
	}
	name := "overlay.json"
	if userFile != "" {
		if !filepath.IsAbs(userFile) {
			userFile = filepath.Join(dir, userFile)
		}
		data, err := os.ReadFile(userFile)
		if err != nil {
			return "", fail("-overlay: %v", err)
		}
		var user overlayJSON
		if err := json.Unmarshal(data, &user); err != nil {
			return "", fail("-overlay %s: %v", userFile, err)
		}
		abs := func(p string) string {
			if p == "" || filepath.IsAbs(p) {
				return p
			}
			return filepath.Join(dir, p)
		}
		for k, v := range user.Replace {
			k = abs(k)
			if _, ours := w.overlay[k]; ours {
				return "", fail("-overlay %s replaces %s, which ffipin-go replaces itself "+
					"(the sanitizer's Go glue)", userFile, k)
			}
			merged.Replace[k] = abs(v)
		}
	}
	data, err := json.MarshalIndent(merged, "", " ")
	if err != nil {
		return "", fail("%v", err)
	}
	if userFile != "" {
		keys := make([]string, 0, len(merged.Replace))
		for k := range merged.Replace {
			keys = append(keys, k+"\x00"+merged.Replace[k])
		}
		sort.Strings(keys)
		id, _ := hashFiles(16, nil, keys...)
		name = "overlay-" + id + ".json"
	}
	path := filepath.Join(w.dir, name)
	if err := writeFileAtomic(path, data, 0o644); err != nil {
		return "", err
	}
	return path, nil
}
