/* Misuse of the interface that is not about a lend (invalid-call). */
#ifndef FFIPIN_CHECK_MISUSE_H
#define FFIPIN_CHECK_MISUSE_H

#include "base/ffipin_thread.h"

/* invalid-call with the given explanation; addr 0 when there is none. */
void ffipin_check_invalid_call(ffipin_thread_t *t, uintptr_t addr, const char *msg, uintptr_t pc,
                               uintptr_t bp) FFIPIN_INTERNAL;

#endif
