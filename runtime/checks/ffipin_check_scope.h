/* A call scope's end (borrow-escaped). */
#ifndef FFIPIN_CHECK_SCOPE_H
#define FFIPIN_CHECK_SCOPE_H

#include "base/ffipin_thread.h"

/* borrow-escaped: judges the slots written in the innermost scope, then
 * closes it. False if no scope is open. */
bool ffipin_check_scope_end(ffipin_thread_t *t, uintptr_t pc, uintptr_t bp) FFIPIN_INTERNAL;

#endif
