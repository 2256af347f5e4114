// RUN: rm -rf %t.root && mkdir -p %t.root/include/sanitizer
// RUN: echo > %t.root/include/sanitizer/ffipin_interface.h
// RUN: env FFIPIN_ROOT=%t.root not %clang_ffipin -c %s -o %t.o 2>&1 | FileCheck %s --check-prefix=PLUGIN -DROOT=%t.root
// RUN: %clang -c %s -o %t.o
// RUN: env FFIPIN_ROOT=%t.root not %clang_ffipin %t.o -o %t 2>&1 | FileCheck %s --check-prefix=RUNTIME -DROOT=%t.root
// RUN: env FFIPIN_CLANG=%t.root/no-such-clang not %clang_ffipin -c %s -o %t.o 2>&1 \
// RUN:   | FileCheck %s --check-prefix=CLANG -DROOT=%t.root
// RUN: env FFIPIN_ROOT=%t.root %clang_ffipin --version | FileCheck %s --check-prefix=UNUSED

// Intent: a missing plugin, runtime or clang is an error that names the
// missing file and the environment variable that overrides it; files a
// command does not need are not looked for.

// PLUGIN: ffipin-cc: error: cannot find the pass plugin [[ROOT]]/{{.*}}ffipin-pass.so: No such file or directory (set FFIPIN_ROOT to the FFIPinSanitizer install prefix)
// RUNTIME: ffipin-cc: error: cannot find the static runtime [[ROOT]]/{{.*}}libclang_rt.ffipin-x86_64.a: No such file or directory (set FFIPIN_ROOT to the FFIPinSanitizer install prefix)
// CLANG: ffipin-cc: error: cannot run [[ROOT]]/no-such-clang: No such file or directory (set FFIPIN_CLANG to the clang to use)
// UNUSED: clang version

int main(void) { return 0; }
