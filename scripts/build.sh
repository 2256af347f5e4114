#!/usr/bin/env bash
# Configures and builds FFIPinSanitizer into $FFIPIN_BUILD_DIR (default:
# build/ in the source tree). Prints the build directory on stdout.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${FFIPIN_BUILD_DIR:-$root/build}
if [ ! -f "$build/build.ninja" ]; then
  cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release >&2
fi
cmake --build "$build" >&2
echo "$build"
