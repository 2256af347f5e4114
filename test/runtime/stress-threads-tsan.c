// REQUIRES: tsan-rt
// RUN: %clang_ffipin -fsanitize=thread -O1 %s -o %t -pthread
// RUN: env TSAN_OPTIONS=halt_on_error=1 %env_ffipin_opts=halt_on_error=0 %run %t 3000 2>&1 | FileCheck %s --implicit-check-not="ERROR: FFIPinSanitizer" --implicit-check-not=ThreadSanitizer

// Intent: the stress of stress-threads.c under -fsanitize=thread,ffi-pin:
// no data race is reported (in the runtime or anywhere), held counts stay
// exact and there is no report.

#include "Inputs/stress.h"

// CHECK: threads 4, rounds 3000 each, wrong held counts 0
