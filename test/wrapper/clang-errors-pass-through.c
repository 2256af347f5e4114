// RUN: not %clang_ffipin -DBROKEN -c %s -o %t.o 2>&1 | FileCheck %s --implicit-check-not=ffipin-cc
// RUN: sh -c '%clang_ffipin -DBROKEN -c %s -o %t.o 2>/dev/null; echo "status $?"' \
// RUN:   | FileCheck %s --check-prefix=STATUS
// RUN: not %clang_ffipin -DBROKEN -x c - -o %t < %s 2>&1 | FileCheck %s --implicit-check-not=ffipin-cc

// Intent: clang's diagnostics and exit status reach the caller unchanged
// (the wrapper execs clang); the wrapper adds no message of its own.

// CHECK: :[[@LINE+5]]:{{[0-9]+}}: error: use of undeclared identifier 'undeclared_name'
// STATUS: status 1

int main(void) {
#ifdef BROKEN
  return undeclared_name;
#else
  return 0;
#endif
}
