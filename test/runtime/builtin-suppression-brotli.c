// RUN: %clang_ffipin -O2 %s -o %t
// RUN: %run %t 2>&1 | FileCheck %s --check-prefix=ON --implicit-check-not=FFIPinSanitizer
// RUN: %env_ffipin_opts=builtin_suppressions=0 not %run %t 2>&1 | FileCheck %s --check-prefix=OFF

// Intent: brotli's decoder keeping the last input pointer of a call on a
// finished stream (investigated in the Python binding's own suite: never
// read again) is a built-in suppression: no report by default, the report
// with builtin_suppressions=0.

#include <sanitizer/ffipin_interface.h>
#include <stdio.h>

struct bit_reader {
  const unsigned char *next_in;
};
struct bit_reader br; /* the decoder state, as brotli keeps it */

/* Named as brotli's, which an extension built with the pass would run. */
__attribute__((noinline)) int BrotliDecoderDecompressStream(const unsigned char *in) {
  br.next_in = in;
  // OFF: ERROR: FFIPinSanitizer: pin-outlived
  // OFF: #0 0x{{[0-9a-f]+}} in BrotliDecoderDecompressStream
  // {{.*}}builtin-suppression-brotli.c:[[@LINE-2]]
  return 0;
}

int main(void) {
  static unsigned char input[16] = "a";
  __ffipin_pin(input, sizeof input);
  BrotliDecoderDecompressStream(input);
  __ffipin_unpin(input);
  printf("kept %c\n", *br.next_in);
  // ON: kept a
  return 0;
}
