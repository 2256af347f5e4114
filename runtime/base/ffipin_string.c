/* Memory and string functions of the runtime's own (see the header for why
 * not libc's). Byte loops: nothing here is on a hot path. */
#include "base/ffipin_string.h"

// Memory

void ffipin_mem_copy(void *dst, const void *src, size_t n) {
  char *d = dst;
  const char *s = src;
  for (size_t i = 0; i < n; i++) d[i] = s[i];
}

void ffipin_mem_move(void *dst, const void *src, size_t n) {
  char *d = dst;
  const char *s = src;
  if (d == s || n == 0) return;
  if (d < s) {
    for (size_t i = 0; i < n; i++) d[i] = s[i];
  } else {
    for (size_t i = n; i > 0; i--) d[i - 1] = s[i - 1];
  }
}

void ffipin_mem_set(void *dst, int byte, size_t n) {
  char *d = dst;
  for (size_t i = 0; i < n; i++) d[i] = (char)byte;
}

int ffipin_mem_cmp(const void *a, const void *b, size_t n) {
  const unsigned char *x = a, *y = b;
  for (size_t i = 0; i < n; i++)
    if (x[i] != y[i]) return x[i] < y[i] ? -1 : 1;
  return 0;
}

// Strings

size_t ffipin_str_len(const char *s) {
  size_t n = 0;
  while (s[n]) n++;
  return n;
}

size_t ffipin_str_nlen(const char *s, size_t max) {
  size_t n = 0;
  while (n < max && s[n]) n++;
  return n;
}

bool ffipin_str_eq(const char *a, const char *b) {
  while (*a && *a == *b) a++, b++;
  return *a == *b;
}

bool ffipin_str_eq_n(const char *a, size_t n, const char *b) {
  for (size_t i = 0; i < n; i++)
    if (a[i] != b[i] || !b[i]) return false;
  return b[n] == '\0';
}

bool ffipin_str_starts_with(const char *s, const char *prefix) {
  while (*prefix)
    if (*s++ != *prefix++) return false;
  return true;
}

const char *ffipin_str_chr(const char *s, char c) {
  for (; *s; s++)
    if (*s == c) return s;
  return NULL;
}

const char *ffipin_str_rchr(const char *s, char c) {
  const char *last = NULL;
  for (; *s; s++)
    if (*s == c) last = s;
  return last;
}

const char *ffipin_str_str(const char *s, const char *needle) {
  size_t n = ffipin_str_len(needle);
  if (n == 0) return s;
  for (; *s; s++)
    if (*s == *needle && ffipin_mem_cmp(s, needle, n) == 0) return s;
  return NULL;
}

bool ffipin_str_copy(char *dst, size_t size, const char *s) {
  if (size == 0) return *s == '\0';
  size_t i = 0;
  for (; s[i] && i + 1 < size; i++) dst[i] = s[i];
  dst[i] = '\0';
  return s[i] == '\0';
}

// Numbers

bool ffipin_parse_u64(const char **p, uint64_t max, uint64_t *out) {
  const char *s = *p;
  uint64_t v = 0;
  if (*s < '0' || *s > '9') return false;
  for (; *s >= '0' && *s <= '9'; s++) {
    uint64_t d = (uint64_t)(*s - '0');
    if (v > (max - d) / 10) return false;
    v = v * 10 + d;
  }
  *p = s;
  *out = v;
  return true;
}
