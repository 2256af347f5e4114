/* What is foreign memory right now, for one thread: a registered heap, a
 * pinned range, or a range borrowed in one of the thread's open scopes. */
#ifndef FFIPIN_FOREIGN_H
#define FFIPIN_FOREIGN_H

#include "base/ffipin_thread.h"

bool ffipin_foreign_contains(const ffipin_thread_t *t, uintptr_t addr) FFIPIN_INTERNAL;

#endif
