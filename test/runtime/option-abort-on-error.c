// RUN: %clang_ffipin -O0 %S/Inputs/pin_outlived_global.c -o %t
// RUN: %env_ffipin_opts=abort_on_error=1 sh -c '%run %t; echo "exit code $?"' 2>&1 | FileCheck %s
// RUN: %env_ffipin_opts=abort_on_error=0:exitcode=9 sh -c '%run %t; echo "exit code $?"' 2>&1 | FileCheck %s --check-prefix=EXIT

// Intent: abort_on_error=1 ends a halting report with SIGABRT (what AFL++
// counts as a crash: 128 + 6 from the shell) instead of _exit(exitcode), and
// only after the whole report is out.

// The program: Inputs/pin_outlived_global.c (one pin-outlived report).

// CHECK: ERROR: FFIPinSanitizer: pin-outlived
// CHECK: {{^==[0-9]+==ABORTING$}}
// CHECK-NOT: FFIPinSanitizer
// CHECK: exit code 134

// EXIT: {{^==[0-9]+==ABORTING$}}
// EXIT-NEXT: exit code 9
