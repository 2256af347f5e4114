// RUN: %clang_ffipin -fno-caret-diagnostics -c -x c - -o /dev/null < /dev/null 2>&1 | count 0
// RUN: %clang_ffipin -Qunused-arguments -O2 -c -x c - -o /dev/null < /dev/null 2>&1 | count 0
// RUN: %clang_ffipin -gno-record-gcc-switches -c -x c - -o /dev/null < /dev/null 2>&1 | count 0
// RUN: %clang_ffipin -w -Wno-error -o %t.o -gdwarf-2 -c -xc - < %s 2>&1 | count 0
// RUN: %clang_ffipin -E -dM -x c /dev/null 2>&1 | FileCheck %s \
// RUN:   --implicit-check-not=unknown --implicit-check-not=unrecognized \
// RUN:   --implicit-check-not="not supported" --implicit-check-not=ffipin

// Intent: the probes cgo and configure scripts run print nothing but what
// clang prints: no banner, no word that a probe reads as "flag not
// supported".

// CHECK: #define __x86_64__ 1

int probe(void) { return 0; }
