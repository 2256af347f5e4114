// RUN: %clang -c %s -o %t.o
// RUN: echo '#!/bin/sh' > %t.inner.sh
// RUN: echo 'exec env FFIPIN_CLANG=echo %ffipin_cc -fsanitize=ffi-pin "$@"' >> %t.inner.sh
// RUN: chmod +x %t.inner.sh
// RUN: env FFIPIN_CLANG=%t.inner.sh %clang_ffipin %t.o -o %t \
// RUN:   | FileCheck %s -DRT=%ffipin_rt_static -DALLOC=%ffipin_rt_alloc \
// RUN:       --implicit-check-not=libclang_rt.ffipin --implicit-check-not=--wrap=free

// Intent: a wrapper started under another one (FFIPIN_CLANG naming a
// script that calls ffipin-cc again, as ccache-style setups do) adds no
// second copy of the runtime or of its link flags.

// CHECK: -Wl,--whole-archive [[RT]] -Wl,--no-whole-archive
// CHECK-SAME: -Wl,--wrap=free
// CHECK-SAME: -Wl,--whole-archive [[ALLOC]] -Wl,--no-whole-archive

int main(void) { return 0; }
