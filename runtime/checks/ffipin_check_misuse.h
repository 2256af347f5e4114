/* Misuse of the interface that is not about a lend (invalid-call). */
#ifndef FFIPIN_CHECK_MISUSE_H
#define FFIPIN_CHECK_MISUSE_H

#include "base/ffipin_thread.h"

/* invalid-call with the given explanation; addr 0 when there is none. */
void ffipin_check_invalid_call(ffipin_thread_t *t, uintptr_t addr, const char *msg, uintptr_t pc,
                               uintptr_t bp) FFIPIN_INTERNAL;
/* The same with the explanation formatted (printf's syntax, the runtime's
 * own formatter). */
__attribute__((format(printf, 5, 6))) void ffipin_check_invalid_callf(ffipin_thread_t *t,
                                                                      uintptr_t addr, uintptr_t pc,
                                                                      uintptr_t bp, const char *fmt,
                                                                      ...) FFIPIN_INTERNAL;
/* A range [base, base+size) that runs past the end of the address space
 * (what names the call): invalid-call, and true. */
bool ffipin_check_range_wraps(ffipin_thread_t *t, const char *what, uintptr_t base, uintptr_t size,
                              uintptr_t pc, uintptr_t bp) FFIPIN_INTERNAL;

#endif
