// RUN: echo "-DFROM_RSP=1 %s" > %t.rsp
// RUN: env FFIPIN_CLANG=echo %ffipin_cc -fsanitize=address -O2 -c @%t.rsp -o %t.o \
// RUN:   | FileCheck %s -DRSP=%t.rsp -DOBJ=%t.o
// RUN: env FFIPIN_CLANG=echo %ffipin_cc -fsanitize=address %t.o -o %t \
// RUN:   | FileCheck %s --check-prefix=LINK -DOBJ=%t.o -DEXE=%t

// Intent: without -fsanitize=ffi-pin the wrapper passes every argument,
// response files included, to clang unchanged and adds nothing.

// CHECK: {{^}}-fsanitize=address -O2 -c @[[RSP]] -o [[OBJ]]{{$}}
// LINK: {{^}}-fsanitize=address [[OBJ]] -o [[EXE]]{{$}}

int main(void) { return 0; }
