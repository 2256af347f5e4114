// RUN: %clang_ffipin -O0 %s -o %t
// RUN: %run %t 2>&1 | FileCheck %s --check-prefix=ON --implicit-check-not=FFIPinSanitizer
// RUN: %env_ffipin_opts=builtin_suppressions=0 not %run %t 2>&1 | FileCheck %s --check-prefix=OFF
// RUN: %env_ffipin_opts=help=1 %run %t 2>&1 | FileCheck %s --check-prefix=HELP

// Intent: the built-in suppressions (known, investigated stale retention:
// zstd keeps window pointers into the last buffer of a reused context)
// hide the report they name unless builtin_suppressions=0, and help=1
// lists each with its reason.

#include <sanitizer/ffipin_interface.h>
#include <stdio.h>

struct window {
  const char *base, *next;
};
struct window w; /* a reused context's window, as zstd keeps it */

/* Named as zstd's, which a library rebuilt by ffipin-deps would run. */
__attribute__((noinline)) void ZSTD_window_update(struct window *win, const char *src, int n) {
  win->base = src;
  win->next = src + n;
  // OFF: ERROR: FFIPinSanitizer: borrow-escaped
  // OFF: #0 0x{{[0-9a-f]+}} in ZSTD_window_update {{.*}}option-builtin-suppressions.c:[[@LINE-3]]
}

int main(void) {
  static char input[64];
  __ffipin_call_begin();
  __ffipin_borrow(input, sizeof input);
  ZSTD_window_update(&w, input, 32);
  __ffipin_call_end();
  printf("window kept %d bytes\n", (int)(w.next - w.base));
  // ON: window kept 32 bytes
  return 0;
}

// HELP: Built-in suppressions (builtin_suppressions=0 turns them off):
// HELP-NEXT: borrow-escaped:ZSTD_window_update
// HELP-NEXT: - zstd (compression): a reused ZSTD_CCtx keeps window pointers into the last input
// buffer
