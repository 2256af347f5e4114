// RUN: %clang_ffipin -O0 %S/Inputs/pin_outlived_global.c %s -o %t
// RUN: not %run %t 2>&1 | FileCheck %s --check-prefix=DEFAULT
// RUN: %env_ffipin_opts=print_summary=1 not %run %t 2>&1 | FileCheck %s --check-prefix=ENV

// Intent: __ffipin_default_options() defined in the program sets defaults
// (here print_summary=0), and FFIPIN_OPTIONS overrides them.

// The program is Inputs/pin_outlived_global.c; this file adds the callback.
const char *__ffipin_default_options(void) { return "print_summary=0"; }

// DEFAULT: ERROR: FFIPinSanitizer: pin-outlived
// DEFAULT-NOT: SUMMARY:
// DEFAULT: {{^==[0-9]+==ABORTING$}}

// ENV: ERROR: FFIPinSanitizer: pin-outlived
// ENV: SUMMARY: FFIPinSanitizer: pin-outlived
// ENV-NEXT: {{^==[0-9]+==ABORTING$}}
