/* The few memory and string functions the runtime needs, so that no hook
 * calls libc's (ASan and TSan intercept memcpy, strlen, strtol, ...; their
 * interceptors may report, lock or allocate). Plain loops: the runtime is
 * built with -fno-builtin, so the compiler does not turn them back into
 * libc calls. */
#ifndef FFIPIN_STRING_H
#define FFIPIN_STRING_H

#include "base/ffipin_common.h"

void ffipin_mem_copy(void *dst, const void *src, size_t n) FFIPIN_INTERNAL;
/* Overlapping ranges allowed. */
void ffipin_mem_move(void *dst, const void *src, size_t n) FFIPIN_INTERNAL;
void ffipin_mem_set(void *dst, int byte, size_t n) FFIPIN_INTERNAL;
int ffipin_mem_cmp(const void *a, const void *b, size_t n) FFIPIN_INTERNAL;

size_t ffipin_str_len(const char *s) FFIPIN_INTERNAL;
/* Length of s, at most max (s need not be NUL-terminated past max). */
size_t ffipin_str_nlen(const char *s, size_t max) FFIPIN_INTERNAL;
bool ffipin_str_eq(const char *a, const char *b) FFIPIN_INTERNAL;
/* a[0..n) equals the whole of b. */
bool ffipin_str_eq_n(const char *a, size_t n, const char *b) FFIPIN_INTERNAL;
bool ffipin_str_starts_with(const char *s, const char *prefix) FFIPIN_INTERNAL;
/* First / last c in s, or NULL. */
const char *ffipin_str_chr(const char *s, char c) FFIPIN_INTERNAL;
const char *ffipin_str_rchr(const char *s, char c) FFIPIN_INTERNAL;
/* First occurrence of needle (non-empty) in s, or NULL. */
const char *ffipin_str_str(const char *s, const char *needle) FFIPIN_INTERNAL;
/* Copies s into dst (size bytes), cut to fit and always NUL-terminated
 * when size > 0; returns whether all of s fitted. */
bool ffipin_str_copy(char *dst, size_t size, const char *s) FFIPIN_INTERNAL;

/* Parses an unsigned decimal at *p, advancing *p past its digits; false
 * (and *p unchanged) if there is no digit or the value passes max. */
bool ffipin_parse_u64(const char **p, uint64_t max, uint64_t *out) FFIPIN_INTERNAL;

#endif
