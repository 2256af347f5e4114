// RUN: %clang_ffipin -fsyntax-only %s
// RUN: %clang_ffipin -E %s | FileCheck %s
// RUN: not %ffipin_cc -fsyntax-only %s 2>&1 | FileCheck %s --check-prefix=WITHOUT

// Intent: with -fsanitize=ffi-pin, <sanitizer/ffipin_interface.h> is found
// without any -I of the user's; without it the header is not on the path.

// CHECK: void __ffipin_pin(const void *base, size_t size);
// WITHOUT: 'sanitizer/ffipin_interface.h' file not found

#include <sanitizer/ffipin_interface.h>

void pin_buffer(char *buf, size_t n) { __ffipin_pin(buf, n); }
