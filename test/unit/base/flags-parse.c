// RUN: %clang_unit %s %ffipin_rt_link -o %t && %run %t 2>&1 | FileCheck %s
// RUN: not %run %t bad-mode 2>&1 | FileCheck %s --check-prefix=MODE
// RUN: not %run %t bad-range 2>&1 | FileCheck %s --check-prefix=RANGE

// Intent: the option parser splits on ':', ',' and white space, keeps
// quoted values whole (a path with ':'), lets a later value win, accepts
// sanitizer_common names it ignores (checking their values' types), and
// rejects a value out of an option's range, naming it.

#include <stdio.h>
#include <string.h>

#include "base/ffipin_flags.h"

int main(int argc, char **argv) {
  if (argc > 1 && !strcmp(argv[1], "bad-mode")) ffipin_flags_parse("handle_segv=3", "test");
  if (argc > 1 && !strcmp(argv[1], "bad-range")) ffipin_flags_parse("stack_depth=8", "test");
  ffipin_flags_parse("halt_on_error=0,exitcode=7 log_path='/tmp/a:b':"
                     "report_format=json\tverbosity=1:exitcode=9:handle_abort=1:"
                     "detect_leaks=false:dedup_token_length=3:abort_on_error=yes",
                     "test");
  printf("halt_on_error=%d exitcode=%d log_path=%s format=%d verbosity=%d dedup=%d abort=%d\n",
         ffipin_flags.halt_on_error, ffipin_flags.exitcode, ffipin_flags.log_path,
         (int)ffipin_flags.report_format, ffipin_flags.verbosity, ffipin_flags.dedup_token_length,
         ffipin_flags.abort_on_error);
  return 0;
}

// CHECK: halt_on_error=0 exitcode=9 log_path=/tmp/a:b format=1 verbosity=1 dedup=3 abort=1

// MODE: invalid value '3' for option 'handle_segv' in test (expected 0, 1 or 2)
// RANGE: invalid value '8' for option 'stack_depth' in test (expected 16 to 64)
