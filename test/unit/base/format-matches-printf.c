// RUN: %clang_unit %s %ffipin_rt_link -o %t && %run %t | FileCheck %s

// Intent: the runtime's own formatter gives exactly what snprintf gives for
// every conversion, flag, width, precision and length the runtime uses, and
// cuts at the buffer's end without overflowing it (marking it truncated).

#include <stdio.h>
#include <string.h>

#include "base/ffipin_format.h"

static int failures;

#define SAME(fmt, ...)                                                                             \
  do {                                                                                             \
    char want[256], got[256];                                                                      \
    ffipin_buf_t b;                                                                                \
    snprintf(want, sizeof(want), fmt, __VA_ARGS__);                                                \
    ffipin_buf_init(&b, got, sizeof(got));                                                         \
    ffipin_buf_printf(&b, fmt, __VA_ARGS__);                                                       \
    if (strcmp(want, got) || b.len != strlen(want) || b.truncated) {                               \
      printf("MISMATCH %s: want '%s' got '%s'\n", fmt, want, got);                                 \
      failures++;                                                                                  \
    }                                                                                              \
  } while (0)

int main(void) {
  SAME("%d %d %d", 0, -1, 2147483647);
  SAME("%d", (int)-2147483647 - 1);
  SAME("%i|%5d|%-5d|%05d", 42, 42, 42, -42);
  SAME("%u %u", 0u, 4294967295u);
  SAME("%ld %lu %lld %llu", -9223372036854775807L - 1, 18446744073709551615UL, -5LL, 7ULL);
  SAME("%zu %zd", (size_t)123456789, (ssize_t)-3);
  SAME("%x %X %lx %012lx", 0xbeefu, 0xbeefu, 0xdeadbeefcafeUL, 0x7f0012345678UL);
  SAME("0x%012lx", 0x10UL);
  SAME("%04x %02x %hhx %hx", 0x1fu, 0xau, 0x1ff, 0x1ffff);
  SAME("%p %p", (void *)0x1234, (void *)0x7fffdeadbeef);
  SAME("[%s] [%10s] [%-10s] [%.3s] [%.*s]", "abc", "abc", "abc", "abcdef", 2, "xyz");
  SAME("%c%c%%", 'o', 'k');
  SAME("%*d|%-*d", 6, 7, 6, 7);
  SAME("%s", "");
  /* Cut at the end: never past cap - 1, always NUL-terminated. */
  char small[8];
  ffipin_buf_t b;
  ffipin_buf_init(&b, small, sizeof(small));
  ffipin_buf_printf(&b, "%s-%d", "abcdef", 12345);
  printf("cut '%s' len %zu truncated %d\n", small, b.len, b.truncated);
  /* JSON strings: escapes, and invalid UTF-8 as U+FFFD. */
  char json[64];
  ffipin_buf_init(&b, json, sizeof(json));
  ffipin_buf_json_escape(&b, "a\"b\\c\n\x01\xff\xc3\xa9");
  printf("json %s\n", json);
  printf("failures %d\n", failures);
  return 0;
}

// CHECK: cut 'abcdef-' len 7 truncated 1
// CHECK-NEXT: json a\"b\\c\n\u0001\ufffdé
// CHECK-NEXT: failures 0
