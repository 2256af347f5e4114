/* C memory the managed language allocated and lost (cgo-leak): at exit,
 * every such block still recorded (model/ffipin_allocs.h, kind MANAGED) that
 * no word of the program's writable memory points into. */
#ifndef FFIPIN_CHECK_LEAKS_H
#define FFIPIN_CHECK_LEAKS_H

#include "base/ffipin_common.h"

/* A range the leak scan must not read as a root: the dead part of the
 * managed stack of the thread that runs the exit checks (its stale words
 * still name blocks that nothing holds any more). Set before the check. */
void ffipin_check_managed_leaks_exclude(uintptr_t lo, uintptr_t hi) FFIPIN_INTERNAL;

/* Reports the unreachable blocks, once per allocation stack with their
 * bytes and count, largest first; all are listed before halting. */
void ffipin_check_managed_leaks(void) FFIPIN_INTERNAL;

#endif
