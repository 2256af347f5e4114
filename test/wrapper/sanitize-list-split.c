// RUN: env FFIPIN_CLANG=echo %ffipin_cc -fsanitize=address,ffi-pin -c %s | FileCheck %s --check-prefix=ASAN
// RUN: env FFIPIN_CLANG=echo %ffipin_cc -fsanitize=ffi-pin,undefined -c %s | FileCheck %s --check-prefix=UBSAN
// RUN: env FFIPIN_CLANG=echo %ffipin_cc -fsanitize=fuzzer,ffi-pin -c %s | FileCheck %s --check-prefix=FUZZER
// RUN: env FFIPIN_CLANG=echo %ffipin_cc -fsanitize=address,ffi-pin,undefined -c %s | FileCheck %s --check-prefix=BOTH
// RUN: %ffipin_cc -fsanitize=address,ffi-pin -### -c %s 2>&1 | FileCheck %s --check-prefix=CC1 -DPLUGIN=%ffipin_plugin

// Intent: ffi-pin is taken out of a -fsanitize= list, the rest of the list
// goes to clang in the same place, and ffi-pin's own flags are still added.

// ASAN: {{^}}-fsanitize=address -c {{[^ ]+}} -fpass-plugin=
// UBSAN: {{^}}-fsanitize=undefined -c {{[^ ]+}} -fpass-plugin=
// FUZZER: {{^}}-fsanitize=fuzzer -c {{[^ ]+}} -fpass-plugin=
// BOTH: {{^}}-fsanitize=address,undefined -c {{[^ ]+}} -fpass-plugin=

// CC1: "-cc1"
// CC1-SAME: "-fsanitize=address"
// CC1-SAME: "-fpass-plugin=[[PLUGIN]]"

int main(void) { return 0; }
