// Added to package runtime by ffipin-go (as
// $GOROOT/src/runtime/ffipin_exithook_old.go): before Go 1.23 the exit hooks
// were the runtime's own (exithook.go).

//go:build linux && amd64 && !go1.23

package runtime

func init() {
	addExitHook(ffipinExit, true)
}
