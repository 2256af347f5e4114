// RUN: %clang_ffipin -O2 %s -o %t -pthread
// RUN: %env_ffipin_opts=halt_on_error=0 %run %t 60000 2>&1 | FileCheck %s --implicit-check-not="ERROR: FFIPinSanitizer"
// RUN: env FFIPIN_ROOT=%ffipin_obj_root/debug-runtime %clang_ffipin -O2 %s -o %t.debug -pthread
// RUN: %env_ffipin_opts=halt_on_error=0 %run %t.debug 15000 2>&1 | FileCheck %s --implicit-check-not="ERROR: FFIPinSanitizer"

// Intent: four threads pin, store, copy, move, clear, free and unpin at
// once, around their own objects and one they all share, with call scopes
// and thread starts in between, and each counts what is held in the next
// thread's object while that thread's slots move; every held_count of its
// own object is exact (only the asking thread points into it), and since
// every slot is cleared or freed before its pin ends, there is no report at
// all. The
// second run uses the debug runtime (lock order checked on every lock);
// stress-threads-tsan.c runs the same under ThreadSanitizer.

#include "Inputs/stress.h"

// CHECK: threads 4, rounds {{[0-9]+}} each, wrong held counts 0
