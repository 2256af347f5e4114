/* Stores no instrumented code reported (scan mode): when lends end, the
 * writable segments of modules not built with the pass and the heap blocks
 * such modules allocated are read for pointers into what was lent
 * (model/ffipin_lends.h). A pointer found there is reported as the lend's
 * own bug type (borrow-escaped for a call, pin-outlived for a pin), with
 * the block's allocation stack, or the module's globals, where a store
 * stack would be. Scans are sampled: on average scan_budget_kb KiB are read
 * per ended lend, scans take at most scan_time_percent of the time (a
 * cgo-heavy program ends millions of lends a second), and one scan judges
 * every lend queued since the last. */
#ifndef FFIPIN_CHECK_UNSEEN_H
#define FFIPIN_CHECK_UNSEEN_H

#include "base/ffipin_thread.h"
#include "model/ffipin_lends.h"

/* A binding's answer to "which object holds p?": for each of n pointers,
 * the live object's base and size (base 0 if none). Called on the thread
 * that ended the lend, from inside the check. */
typedef void (*ffipin_object_fn)(ffipin_thread_t *t, const uintptr_t *ptrs, size_t n,
                                 uintptr_t *bases, uintptr_t *sizes);

/* A binding asks before it builds an ended lend (its end stack costs more
 * than the rest of a cgo call): false while the queue is full and the time
 * limit allows no scan yet, when the lend could only replace one queued
 * before it (counted as lends_unscanned); a full queue looks at the clock
 * only every 32nd time it is asked, so a scan may start up to 31 refused
 * lends after it was due. Otherwise *began is the time to
 * pass to lend_end, which counts what building the lend took as scan mode's
 * time. Takes no lock and needs no thread state: it may be asked outside
 * the runtime. */
bool ffipin_check_unseen_begin(uint64_t *began) FFIPIN_INTERNAL;
/* The same for a binding that paces its own asking: it asks again only
 * after FFIPIN_UNSEEN_REFUSALS_PER_LOOK - 1 lends it did not offer since a
 * refusal (the Go pass's inline code skips them without a call), so a full
 * queue looks at the clock every time. */
enum { FFIPIN_UNSEEN_REFUSALS_PER_LOOK = 32 };
bool ffipin_check_unseen_begin_paced(uint64_t *began) FFIPIN_INTERNAL;
/* A lend ended (t's recursion guard held): queue it, and scan if the
 * budget allows. objects may be NULL: a pointer then matches a lent one
 * only if it is equal. */
void ffipin_check_unseen_lend_end(ffipin_thread_t *t, const ffipin_ended_lend_t *l,
                                  ffipin_object_fn objects, uint64_t began) FFIPIN_INTERNAL;
/* Scans for every queued lend now (at exit). */
void ffipin_check_unseen_all(ffipin_thread_t *t, ffipin_object_fn objects) FFIPIN_INTERNAL;

#endif
