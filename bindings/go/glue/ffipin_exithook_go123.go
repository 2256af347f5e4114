// Added to package runtime by ffipin-go (as
// $GOROOT/src/runtime/ffipin_exithook.go): Go 1.23 moved the exit hooks to
// internal/runtime/exithook.

//go:build linux && amd64 && go1.23

package runtime

import "internal/runtime/exithook"

func init() {
	exithook.Add(exithook.Hook{F: ffipinExit, RunOnFailure: true})
}
