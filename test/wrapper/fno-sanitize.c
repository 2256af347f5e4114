// RUN: env FFIPIN_CLANG=echo %ffipin_cc -fsanitize=ffi-pin -fno-sanitize=ffi-pin -c %s | FileCheck %s --check-prefix=OFF
// RUN: env FFIPIN_CLANG=echo %ffipin_cc -fsanitize=ffi-pin -fno-sanitize=all -c %s | FileCheck %s --check-prefix=OFF-ALL
// RUN: env FFIPIN_CLANG=echo %ffipin_cc -fno-sanitize=ffi-pin -fsanitize=ffi-pin -c %s | FileCheck %s --check-prefix=ON
// RUN: env FFIPIN_CLANG=echo %ffipin_cc -fsanitize=address,ffi-pin -fno-sanitize=ffi-pin,undefined -c %s \
// RUN:   | FileCheck %s --check-prefix=LISTS

// Intent: -fno-sanitize=ffi-pin (alone, in a list, or as "all") turns
// ffi-pin off again; as in clang the last option wins, and the rest of each
// list still reaches clang.

// OFF: {{^}}-c {{[^ ]+}}{{$}}
// OFF-ALL: {{^}}-fno-sanitize=all -c {{[^ ]+}}{{$}}
// ON: {{^}}-c {{[^ ]+}} -fpass-plugin=
// LISTS: {{^}}-fsanitize=address -fno-sanitize=undefined -c {{[^ ]+}}{{$}}

int main(void) { return 0; }
