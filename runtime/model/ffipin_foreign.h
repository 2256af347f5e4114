/* What is foreign memory right now, for one thread: a registered heap, a
 * pinned range, or a range borrowed in one of the thread's open scopes. */
#ifndef FFIPIN_FOREIGN_H
#define FFIPIN_FOREIGN_H

#include "base/ffipin_thread.h"

bool ffipin_foreign_contains(const ffipin_thread_t *t, uintptr_t addr) FFIPIN_INTERNAL;
/* True if value, stored by t, is taken for one past the end of a pinned
 * range (C keeps [begin, end) pairs): it starts a granule whose predecessor
 * is pinned, and t is outside every call scope (inside one, a pointer there
 * is the next object's, which the call lends: managed heaps pack objects
 * end to end, and the scope's end judges it). The value may be pinned
 * itself too (then it is ambiguous: see checks/ffipin_check_lend.c). */
bool ffipin_foreign_end_pointer(const ffipin_thread_t *t, uintptr_t value) FFIPIN_INTERNAL;
/* True if a pin covers value, or value is one past the end of a pinned
 * range (for judgements that need no more than that). */
bool ffipin_foreign_pinned(uintptr_t value) FFIPIN_INTERNAL;

#endif
