// RUN: %clang_ffipin -O0 %s -o %t && %env_ffipin_opts=help=1 %run %t 2>&1 | FileCheck %s

// Intent: help=1 prints every option with its meaning and default at
// start-up, then the sanitizer_common options it accepts and ignores, each
// with the reason, and the program still runs to the end.

#include <stdio.h>

int main(void) {
  fprintf(stderr, "main ran\n");
  return 0;
}

// CHECK: halt_on_error{{$}}
// CHECK-NEXT: Exit after the first report.{{.*}}Default: 1
// CHECK: exitcode{{$}}
// CHECK-NEXT: Exit status used when a report halts the program.{{.*}}Default: 1
// CHECK: log_path{{$}}
// CHECK-NEXT: Write reports to stderr, stdout, or the file{{.*}}Default: {{"?}}stderr
// CHECK: suppressions{{$}}
// CHECK-NEXT: File of <bug-type>:<glob> lines
// CHECK: print_summary{{$}}
// CHECK-NEXT: End each text report with a SUMMARY: line.{{.*}}Default: 1
// CHECK: symbolize{{$}}
// CHECK-NEXT: Symbolize frames{{.*}}Default: 1
// CHECK: external_symbolizer_path{{$}}
// CHECK-NEXT: Path to llvm-symbolizer
// CHECK: stack_depth{{$}}
// CHECK-NEXT: Frames kept for each store, pin and unpin stack{{.*}}Default: 32
// CHECK: verbosity{{$}}
// CHECK-NEXT: Diagnostic output about the runtime itself{{.*}}Default: 0
// CHECK: detect_pin_leaks{{$}}
// CHECK-NEXT: At exit, report every pin that was never released{{.*}}Default: 0
// CHECK: track_stack_slots{{$}}
// CHECK-NEXT: Also track slots in the storing thread's own live stack{{.*}}Default: 0
// CHECK: report_format{{$}}
// CHECK-NEXT: text: the ASan-style report; json:{{.*}}Default: {{"?}}text
// CHECK: strip_path_prefix{{$}}
// CHECK-NEXT: Remove this prefix from file paths in reports.
// CHECK: help{{$}}
// CHECK-NEXT: Print every option with its default and meaning at start-up{{.*}}Default: 0
// CHECK: abort_on_error{{$}}
// CHECK-NEXT: After a halting report call abort(){{.*}}Default: 0
// CHECK: dedup_token_length{{$}}
// CHECK-NEXT: DEDUP_TOKEN{{.*}}Default: 0
// CHECK: symbolize_timeout_ms{{$}}
// CHECK-NEXT: Give up on a symbolizer{{.*}}Default: 10000
// CHECK: guard_lends{{$}}
// CHECK-NEXT: Hand lends whose API allows a copy{{.*}}Default: 1
// CHECK: sanitizer_common flags accepted and ignored
// CHECK: {{^	malloc_context_size \(int\)$}}
// CHECK: {{^	detect_leaks \(bool\)$}}
// CHECK-NEXT: ignored: leak checking is LeakSanitizer's
// CHECK: {{^	handle_segv \(0\|1\|2\)$}}
// CHECK-NEXT: ignored: the runtime's fault handler takes only faults on guarded copies
// CHECK: {{^	handle_abort \(0\|1\|2\)$}}
// CHECK: main ran
