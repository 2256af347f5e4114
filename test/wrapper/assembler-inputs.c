// RUN: echo "  .text" > %t.s
// RUN: echo "  .text" > %t.S
// RUN: env FFIPIN_CLANG=echo %clang_ffipin -c %t.s -o %t.o | FileCheck %s --check-prefix=ASM
// RUN: env FFIPIN_CLANG=echo %clang_ffipin -c %t.S -o %t.o | FileCheck %s --check-prefix=ASM-CPP
// RUN: %clang_ffipin -c %t.s -o %t.o 2>&1 | count 0
// RUN: %clang_ffipin -c %t.S -o %t.o 2>&1 | count 0
// RUN: %clang -S -emit-llvm %s -o %t.ll
// RUN: env FFIPIN_CLANG=echo %clang_ffipin -c %t.ll -o %t.o | FileCheck %s --check-prefix=IR

// Intent: plain assembly (.s) gets none of the compile flags, which clang
// would warn are unused; preprocessed assembly (.S) gets them all, LLVM IR
// the plugin and frame pointers but no include directory.

// ASM: {{^}}-g -c {{[^ ]+}} -o {{[^ ]+}}{{$}}
// ASM-CPP: {{^}}-g -c {{[^ ]+}} -o {{[^ ]+}} -fpass-plugin={{[^ ]+}} -fno-omit-frame-pointer -mno-omit-leaf-frame-pointer -isystem {{[^ ]+}}{{$}}
// IR: {{^}}-g -c {{[^ ]+}} -o {{[^ ]+}} -fpass-plugin={{[^ ]+}} -fno-omit-frame-pointer -mno-omit-leaf-frame-pointer{{$}}

int main(void) { return 0; }
