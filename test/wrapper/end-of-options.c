// RUN: cp %s %t.c
// RUN: env FFIPIN_CLANG=echo %clang_ffipin -c -o %t.o -- %t.c | FileCheck %s -DSRC=%t.c
// RUN: %clang_ffipin -c -o %t.o -- %t.c

// Intent: after "--" clang reads only file names, so the wrapper's flags go
// before it.

// CHECK: {{^}}-g -c -o {{[^ ]+}} -fpass-plugin={{[^ ]+}} -fno-omit-frame-pointer -mno-omit-leaf-frame-pointer -isystem {{[^ ]+}} -- [[SRC]]{{$}}

int main(void) { return 0; }
