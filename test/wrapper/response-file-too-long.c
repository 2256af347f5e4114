// REQUIRES: python3
// RUN: %python -c "print('-fsanitize=ffi-pin ' + '-DX ' * 300000 + '-DLAST=7')" > %t.rsp
// RUN: %ffipin_cc @%t.rsp -E -dM %s -o - | FileCheck %s
// RUN: %ffipin_cc @%t.rsp -c %s -o %t.o
// RUN: not %ffipin_cc @%t.rsp -DBROKEN -c %s -o %t.o 2>&1 | FileCheck %s --check-prefix=BROKEN

// Intent: when a response file that mentions ffi-pin must be expanded and
// its arguments no longer fit on an exec command line, clang still gets all
// of them (through a temporary response file) and its status is returned.

// CHECK: #define LAST 7
// BROKEN: error: "broken on purpose"

#ifdef BROKEN
#error "broken on purpose"
#endif
int main(void) { return 0; }
