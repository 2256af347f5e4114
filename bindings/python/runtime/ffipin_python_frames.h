/* Python frames in reports: the Python code that called the extension when
 * it got a buffer, when it released it, and when it touched it afterwards,
 * printed after the C frames of the lend, release and access stacks. */
#ifndef FFIPIN_PYTHON_FRAMES_H
#define FFIPIN_PYTHON_FRAMES_H

#include "base/ffipin_common.h"

/* At a lend of the buffer now at `lent` (what ffipin_check_lend returned):
 * remembers this thread's Python frames; returns the record's id for the
 * release (0: none, e.g. not CPython 3.11). */
uint64_t ffipin_py_frames_lent(uintptr_t lent) FFIPIN_INTERNAL;

/* At the release of the lend `id` (before its checks run, so that a report
 * they make shows these frames). */
void ffipin_py_frames_released(uint64_t id) FFIPIN_INTERNAL;

#endif
