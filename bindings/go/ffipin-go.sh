#!/bin/sh
# ffipin-go: `go build|run|test|install` with FFIPinSanitizer, the way
# `go build -race` works: no source change.
#
# A POSIX shell script rather than a Go program: it only sets environment
# variables and inserts flags, needs no build step (so it is there even when
# CMake found no Go), and reads the same on every machine.
#
# What it sets (see bindings/go/README.md for why):
#   CC/CXX        ffipin-cc/ffipin-c++ next to this script
#   CGO_ENABLED   1
#   CGO_CFLAGS, CGO_CXXFLAGS
#                 += -fsanitize=ffi-pin -DFFIPIN_BUILD_ID=<hash>: Go's build
#                 cache keys C objects on CC and these flags but not on the
#                 pass plugin or the runtime, so the hash of those files
#                 keeps objects of an older plugin, and plain objects, apart
#   CGO_LDFLAGS   += -fsanitize=ffi-pin
#   -overlay      adds the glue (lib/ffipin/go/*.go) to package runtime and
#                 runtime/cgo
#   -ldflags      "-linkmode=external -s=false -w=false" is put in front of
#                 the user's flags: the instrumented runtime/cgo needs the C
#                 linker (and the wrapper links the runtime) even in a
#                 program whose only cgo package is in the standard library,
#                 and reports need symbols even from `go run`/`go test`
# Environment: FFIPIN_ROOT (where bin/ and lib/ffipin/ are), FFIPIN_GO (the
# go command; default: go on PATH, else /usr/lib/go-1.23/bin/go).
set -eu

me=ffipin-go
die() { printf '%s: %s\n' "$me" "$*" >&2; exit 2; }

usage() {
  cat >&2 <<EOF
usage: $me build|run|test|install [go flags] [packages] [arguments]
Runs the go command with FFIPinSanitizer enabled for all C code in the
build (cgo preambles, .c files, runtime/cgo).
EOF
  exit 2
}

[ $# -ge 1 ] || usage
cmd=$1
shift
case $cmd in
  build|run|test|install) ;;
  -h|--help|help) usage ;;
  *) die "unsupported command '$cmd' (build, run, test and install are)" ;;
esac

# Our files: FFIPIN_ROOT, else the tree this script is in (<root>/bin).
if [ -n "${FFIPIN_ROOT:-}" ]; then
  root=$FFIPIN_ROOT
else
  case $0 in
    */*) here=$(cd "${0%/*}" && pwd -P) ;;
    *) here=$(cd "$(dirname "$(command -v "$0")")" && pwd -P) ;;
  esac
  root=${here%/*}
fi
# CMake fills in the library directory (lib/ffipin, or lib/<triplet>/ffipin
# under a /usr prefix), as for ffipin-cc.
libsuffix='@FFIPIN_LIBDIR_SUFFIX@'
case $libsuffix in @*) libsuffix=lib/ffipin ;; esac
cc=$root/bin/ffipin-cc
cxx=$root/bin/ffipin-c++
libdir=$root/$libsuffix
glue=$libdir/go
for f in "$cc" "$cxx" "$libdir/ffipin-pass.so" "$libdir/libclang_rt.ffipin-x86_64.a" \
         "$glue/runtime_ffipin.go" "$glue/runtime_cgo_ffipin.go"; do
  [ -e "$f" ] || die "missing $f (set FFIPIN_ROOT to the build or install directory)"
done

if [ -n "${FFIPIN_GO:-}" ]; then
  go=$FFIPIN_GO
elif command -v go >/dev/null 2>&1; then
  go=$(command -v go)
elif [ -x /usr/lib/go-1.23/bin/go ]; then
  go=/usr/lib/go-1.23/bin/go
else
  die "no go command found (put go on PATH or set FFIPIN_GO)"
fi

# `go env` prints one value per line, in the order asked.
goenv=$("$go" env GOVERSION GOROOT GOOS GOARCH) || die "'$go env' failed"
goversion=$(printf '%s\n' "$goenv" | sed -n 1p)
goroot=$(printf '%s\n' "$goenv" | sed -n 2p)
goos=$(printf '%s\n' "$goenv" | sed -n 3p)
goarch=$(printf '%s\n' "$goenv" | sed -n 4p)
[ "$goos/$goarch" = linux/amd64 ] ||
  die "$goos/$goarch is not supported (linux/amd64 is: the Go heap is found through runtime/cgo's x_cgo_mmap)"

# runtime.Pinner arrived in Go 1.21; the glue in package runtime uses the
# exit hooks of internal/runtime/exithook, which exist since Go 1.23.
minor=$(printf '%s\n' "$goversion" | sed -n 's/^go1\.\([0-9][0-9]*\).*/\1/p')
[ -n "$minor" ] || die "cannot read the Go version from '$goversion'"
[ "$minor" -ge 23 ] ||
  die "$goversion is too old: Go 1.23 or newer is needed (runtime.Pinner needs 1.21, the runtime glue's exit hook 1.23)"

case "$root$goroot" in
  *'"'*|*'\'*) die "paths with quotes or backslashes are not supported: $root $goroot" ;;
esac

# The build ID: everything that changes instrumented objects or what they
# link against.
build_id=$(cat "$cc" "$libdir/ffipin-pass.so" "$libdir/libclang_rt.ffipin-x86_64.a" \
           "$glue/runtime_ffipin.go" "$glue/runtime_cgo_ffipin.go" |
           sha256sum | cut -c1-16)

# The overlay file lives as long as the cache entry it names: per user,
# build ID and GOROOT.
goroot_id=$(printf '%s' "$goroot" | sha256sum | cut -c1-12)
ovdir=${TMPDIR:-/tmp}/ffipin-go-$(id -u)/$build_id-$goroot_id
overlay=$ovdir/overlay.json
if [ ! -f "$overlay" ]; then
  mkdir -p "$ovdir"
  tmp=$overlay.$$
  cat > "$tmp" <<EOF
{"Replace": {
  "$goroot/src/runtime/ffipin_glue.go": "$glue/runtime_ffipin.go",
  "$goroot/src/runtime/cgo/ffipin_glue.go": "$glue/runtime_cgo_ffipin.go"
}}
EOF
  mv "$tmp" "$overlay"
fi

# -s=false -w=false: `go run` and `go test` strip the symbol table and
# DWARF (-s -w, before the user's flags), which reports need for C frames.
ourld="-linkmode=external -s=false -w=false"

# Our linker flags in front of an -ldflags value ("pattern=flags" too).
ld_merge() {
  case $1 in
    [!-]*=*) printf '%s\n' "${1%%=*}=$ourld ${1#*=}" ;;
    *) printf '%s\n' "$ourld $1" ;;
  esac
}

# `go -C dir` must stay the first flag.
chdir=
case ${1:-} in
  -C=*|--C=*) chdir=$1; shift ;;
  -C|--C) [ $# -ge 2 ] || die "-C needs a directory"; chdir="-C=$2"; shift 2 ;;
esac

# Rebuild the arguments: the subcommand, our -overlay, then the user's
# arguments with our linker flags put in front of each -ldflags value (the
# go command keeps only the last -ldflags that matches a package). Scanning
# stops at "--" and, for `run`, at the first non-flag (the program's
# arguments follow it).
n=$#
saw_ldflags=0
saw_vet=0
scanning=1
expect_value=
i=0
for a in "$@"; do
  i=$((i + 1))
  if [ -n "$expect_value" ]; then
    [ "$expect_value" = ldflags ] && a=$(ld_merge "$a")
    expect_value=
  elif [ $scanning = 1 ]; then
    case $a in
      --) scanning=0 ;;
      -overlay|-overlay=*|--overlay|--overlay=*)
        die "-overlay cannot be combined with ffipin-go's own overlay" ;;
      -ldflags|--ldflags) expect_value=ldflags; saw_ldflags=1 ;;
      -ldflags=*|--ldflags=*) a="-ldflags=$(ld_merge "${a#*=}")"; saw_ldflags=1 ;;
      -vet|--vet|-vet=*|--vet=*) saw_vet=1; case $a in *=*) ;; *) expect_value=other ;; esac ;;
      -o|-p|-gcflags|-asmflags|-tags|-pkgdir|-mod|-modfile|-toolexec|-buildmode|\
      -compiler|-gccgoflags|-installsuffix|-coverpkg|-covermode|-pgo|-C|\
      -exec|-run|-bench|-count|-timeout|-cpu|-parallel|-skip|-benchtime|\
      -coverprofile|-cpuprofile|-memprofile|-blockprofile|-mutexprofile|-trace|-outputdir|\
      -fuzz|-fuzztime|-fuzzminimizetime|-shuffle|-list)
        expect_value=other ;;
      -*) ;;
      *) [ "$cmd" = run ] && scanning=0 ;;
    esac
  fi
  set -- "$@" "$a"
done
shift "$n"

if [ $saw_ldflags = 0 ]; then
  set -- "-ldflags=$ourld" "$@"
fi
# go vet reads source files itself, not through -overlay, and `go test`
# vets with facts from every dependency, package runtime included: it would
# fail on the glue file. Vet in a plain `go vet` run instead.
if [ "$cmd" = test ] && [ $saw_vet = 0 ]; then
  set -- -vet=off "$@"
fi

flags="-fsanitize=ffi-pin -DFFIPIN_BUILD_ID=$build_id"
CC=$cc
CXX=$cxx
CGO_ENABLED=1
CGO_CFLAGS="${CGO_CFLAGS:--g -O2} $flags"
CGO_CXXFLAGS="${CGO_CXXFLAGS:--g -O2} $flags"
CGO_LDFLAGS="${CGO_LDFLAGS:--g -O2} -fsanitize=ffi-pin"
export CC CXX CGO_ENABLED CGO_CFLAGS CGO_CXXFLAGS CGO_LDFLAGS
if [ -n "$chdir" ]; then
  exec "$go" "$cmd" "$chdir" "-overlay=$overlay" "$@"
fi
exec "$go" "$cmd" "-overlay=$overlay" "$@"
