#!/bin/sh
# ffipin-deps: rebuild a library a program uses with -fsanitize=ffi-pin, so
# that its stores of managed pointers are seen (with store stacks) instead
# of found later by scan mode (without).
#
#   ffipin-deps build PACKAGE|DIR...   build and install into the prefix
#   ffipin-deps prefix                 print the prefix's library directory
#   ffipin-deps list                   the libraries installed there
#
# PACKAGE is a Debian source package (fetched with `apt-get source`; its
# build dependencies installed with `apt-get build-dep` when run as root),
# DIR an unpacked Debian source tree (a directory with debian/). It is built
# with dpkg-buildpackage, CC/CXX set to ffipin-cc/ffipin-c++ and
# -fsanitize=ffi-pin appended to the compile and link flags (dpkg-buildflags'
# DEB_*_APPEND), without its test suite and unstripped (reports name file
# and line); the shared libraries of the
# resulting binary packages are copied into the prefix, by default
# ${XDG_CACHE_HOME:-~/.cache}/ffipin-deps/lib (FFIPIN_DEPS_DIR overrides the
# prefix). Programs linked by ffipin-cc and ffipin-go from then on find the
# libraries there first (an RPATH to that directory), and so use the
# instrumented ones. Remove the directory to go back to the system's.
set -eu

me=ffipin-deps
die() { printf '%s: %s\n' "$me" "$*" >&2; exit 2; }
say() { printf '%s: %s\n' "$me" "$*" >&2; }

here=$(cd "$(dirname "$0")" && pwd -P)
root=${FFIPIN_ROOT:-${here%/*}}
cc=$root/bin/ffipin-cc
cxx=$root/bin/ffipin-c++
[ -x "$cc" ] && [ -x "$cxx" ] || die "missing $cc or $cxx (set FFIPIN_ROOT to the build or install directory)"
prefix=${FFIPIN_DEPS_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/ffipin-deps}
libdir=$prefix/lib

usage() {
  sed -n 's/^#   //p' "$0" >&2
  exit 2
}

# build_tree DIR: builds the Debian source tree DIR and installs its shared
# libraries into $libdir.
build_tree() {
  tree=$(cd "$1" && pwd -P)
  installed=0
  [ -d "$tree/debian" ] || die "$tree is not a Debian source tree (no debian/ directory)"
  out=$(mktemp -d "${TMPDIR:-/tmp}/ffipin-deps.XXXXXX")
  # dpkg-buildpackage writes the packages next to the tree.
  work=$out/src
  mkdir -p "$work"
  cp -a "$tree" "$work/"
  src=$work/$(basename "$tree")
  log=$prefix/logs/$(basename "$tree").log
  mkdir -p "$prefix/logs" "$libdir"
  say "building $(basename "$tree") with $cc -fsanitize=ffi-pin (log: $log)"
  # The compilers with the flag, for build systems that ignore
  # dpkg-buildflags (the DEB_*_APPEND below is for those that use it).
  shims=$out/bin
  mkdir -p "$shims"
  printf '#!/bin/sh\nexec "%s" -fsanitize=ffi-pin "$@"\n' "$cc" > "$shims/cc"
  printf '#!/bin/sh\nexec "%s" -fsanitize=ffi-pin "$@"\n' "$cxx" > "$shims/c++"
  chmod +x "$shims/cc" "$shims/c++"
  # (Instrumented shared libraries leave the runtime's __ffipin_* symbols
  # to the executable: a package linking them with -z defs fails.)
  # FFIPIN_NO_FALLBACKS: no weak stand-ins of the runtime in the libraries
  # (runtime/base/ffipin_abi.h); they are only for programs that have the
  # runtime, and a package linked with -Bsymbolic(-functions) would bind its
  # calls to the stand-ins instead.
  if ! (cd "$src" && env CC="$shims/cc" CXX="$shims/c++" FFIPIN_NO_FALLBACKS=1 \
        DEB_CFLAGS_APPEND="-fsanitize=ffi-pin" DEB_CXXFLAGS_APPEND="-fsanitize=ffi-pin" \
        DEB_LDFLAGS_APPEND="-fsanitize=ffi-pin" \
        DEB_BUILD_OPTIONS="nocheck nostrip noautodbgsym ${DEB_BUILD_OPTIONS:-}" \
        dpkg-buildpackage -b -uc -us -j"$(nproc)") > "$log" 2>&1; then
    # A package's other parts (language bindings, documentation) can fail
    # after its libraries were built and installed into debian/tmp.
    if [ -z "$(find "$src/debian/tmp" -name 'lib*.so.*' 2>/dev/null | head -n 1)" ]; then
      tail -n 20 "$log" >&2
      die "building $(basename "$tree") failed (log: $log; build tree kept in $out)"
    fi
    say "building $(basename "$tree") failed after its libraries were built (log: $log); installing those"
    install_libs "$src/debian/tmp"
    rm -rf "$out"
    return
  fi
  for deb in "$work"/*.deb; do
    [ -e "$deb" ] || continue
    case $(basename "$deb") in *-dev_*|*-dbg_*|*-doc_*) continue ;; esac
    x=$out/x
    rm -rf "$x"
    dpkg-deb -x "$deb" "$x"
    install_libs "$x"
  done
  rm -rf "$out"
  [ "$installed" -gt 0 ] || die "$(basename "$tree") produced no shared library"
}

# install_libs DIR: copies the shared libraries under DIR into $libdir,
# counting them in $installed.
install_libs() {
  for so in $(find "$1" \( -type f -o -type l \) -name 'lib*.so.*' | sort); do
    cp -a "$so" "$libdir/"
    installed=$((installed + 1))
    [ -f "$so" ] && [ ! -h "$so" ] || continue
    if nm -D "$so" 2>/dev/null | grep -q ' [UVWw] __ffipin_'; then
      say "installed $(basename "$so") (instrumented)"
    else
      say "installed $(basename "$so") (NOT instrumented: no __ffipin_ references)"
    fi
  done
}

# build_package NAME: fetches the Debian source package NAME and builds it.
build_package() {
  name=$1
  mkdir -p "$prefix/src"
  cd "$prefix/src"
  if [ "$(id -u)" = 0 ]; then
    DEBIAN_FRONTEND=noninteractive apt-get build-dep -y -qq "$name" >&2 ||
      die "apt-get build-dep $name failed"
  fi
  rm -rf "$prefix/src/$name"
  mkdir -p "$prefix/src/$name"
  cd "$prefix/src/$name"
  apt-get source -qq "$name" >&2 ||
    die "apt-get source $name failed (deb-src entries are needed: scripts/ensure-deb-src.sh in the FFIPinSanitizer tree adds one)"
  tree=$(find . -mindepth 1 -maxdepth 1 -type d | head -n 1)
  [ -n "$tree" ] || die "apt-get source $name gave no source tree"
  build_tree "$tree"
}

[ $# -ge 1 ] || usage
cmd=$1
shift
case $cmd in
  build)
    [ $# -ge 1 ] || usage
    for what in "$@"; do
      if [ -d "$what" ]; then
        build_tree "$what"
      else
        (build_package "$what")
      fi
    done
    say "libraries in $libdir; programs linked from now on by ffipin-cc and ffipin-go use them"
    ;;
  prefix) printf '%s\n' "$libdir" ;;
  list) [ -d "$libdir" ] && ls -1 "$libdir" ;;
  -h|--help|help) usage ;;
  *) die "unknown command '$cmd' (build, prefix, list)" ;;
esac
