// RUN: %clang_ffipin -O0 %S/Inputs/pin_outlived_global.c -o %t
// RUN: %env_ffipin_opts=report_format=json:symbolize=0 not %run %t 2> %t.out
// RUN: %python %S/Inputs/print_json_frames.py %t.out | FileCheck %s
// REQUIRES: python3

// Intent: in a JSON report a value the runtime does not know is null, never
// a made-up 0: unsymbolized frames have null function, file, line and column
// and keep their module and offset.

// The program: Inputs/pin_outlived_global.c (one pin-outlived report).

// CHECK: stack STORE of foreign pointer thread=0
// CHECK-NEXT: {{^  pc=0x[0-9a-f]+ function=None file=None line=None column=None module=.*option-report-format-json-unknowns.c.tmp offset=0x[0-9a-f]+$}}
