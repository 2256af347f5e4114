// RUN: not %clang_ffipin -m32 -c %s -o %t.o 2>&1 | FileCheck %s --check-prefix=M32
// RUN: not %clang_ffipin --target=aarch64-linux-gnu -c %s -o %t.o 2>&1 | FileCheck %s --check-prefix=TRIPLE
// RUN: env FFIPIN_CLANG=echo %clang_ffipin -m32 -m64 -c %s -o %t.o | FileCheck %s --check-prefix=M64
// RUN: env FFIPIN_CLANG=echo %ffipin_cc -m32 -c %s -o %t.o | FileCheck %s --check-prefix=NO-FFIPIN

// Intent: -fsanitize=ffi-pin on a target other than x86_64 Linux (the only
// runtime there is) is an error naming the option, not a linker failure
// later; without ffi-pin such commands pass through.

// M32: ffipin-cc: error: -fsanitize=ffi-pin supports only x86_64 Linux targets; '-m32' selects another target
// TRIPLE: ffipin-cc: error: -fsanitize=ffi-pin supports only x86_64 Linux targets; '--target=aarch64-linux-gnu' selects another target
// M64: {{^}}-g -m32 -m64 -c {{.*}} -fpass-plugin=
// NO-FFIPIN: {{^}}-m32 -c {{[^ ]+}} -o {{[^ ]+}}{{$}}

int main(void) { return 0; }
