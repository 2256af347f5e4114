/* Guarded copies' decisions: the end of a lend handed over as a copy
 * (pin-outlived for what C still holds, bad-unpin for a release of
 * something that was not lent), and a fault on a copy's inaccessible pages
 * (use-after-unpin, lend-overflow). */
#ifndef FFIPIN_CHECK_GUARD_H
#define FFIPIN_CHECK_GUARD_H

#include "base/ffipin_thread.h"

/* How a release treats the copy (JNI's release modes; CPython's
 * PyBuffer_Release is RELEASE_END). */
typedef enum {
  FFIPIN_RELEASE_END = 0,    /* copy back (if writable) and end the lend */
  FFIPIN_RELEASE_COMMIT = 1, /* copy back and keep the lend (JNI_COMMIT) */
  FFIPIN_RELEASE_ABORT = 2,  /* end the lend without copying back (JNI_ABORT) */
} ffipin_release_mode_t;

/* Lends [base, base+size) as a guarded copy (the copy is returned), or, when
 * the lend may not be copied (copyable false: CPython buffers with
 * suboffsets), guard_lends=0 or no copy can be made, pins base itself (base
 * is returned). */
void *ffipin_check_lend(ffipin_thread_t *t, const void *base, size_t size, bool writable,
                        bool copyable, uintptr_t pc, uintptr_t bp) FFIPIN_INTERNAL;

/* Releases what ffipin_check_lend returned. A pointer that is not a live
 * copy is unpinned as a plain pin (bad-unpin if it is not pinned either). */
void ffipin_check_release(ffipin_thread_t *t, void *lent, ffipin_release_mode_t mode,
                          bool copy_back_always, uintptr_t pc, uintptr_t bp) FFIPIN_INTERNAL;

/* A fault at addr: if it is on a guarded copy's inaccessible pages, files
 * use-after-unpin or lend-overflow (halting as halt_on_error says) and opens
 * the pages so the access completes, and returns true; false for a fault
 * that is not ours. pc/bp/sp: the interrupted context. */
bool ffipin_check_fault(ffipin_thread_t *t, uintptr_t addr, bool is_write, uintptr_t pc,
                        uintptr_t bp, uintptr_t sp) FFIPIN_INTERNAL;

#endif
