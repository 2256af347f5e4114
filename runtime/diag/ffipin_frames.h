/* Which frames a report shows. Never the runtime's own (by address: every
 * runtime function is in the ffipin_text section), and a native stack ends
 * at the first frame of a language's call bridge (generated glue whose name
 * changes with unrelated edits, and the language runtime's trampoline): a
 * binding says which those are, and its report stack continues from there.
 * Only called with the report lock held. */
#ifndef FFIPIN_FRAMES_H
#define FFIPIN_FRAMES_H

#include "base/ffipin_common.h"
#include "diag/ffipin_stack.h"
#include "diag/ffipin_symbolize.h"

/* pc (a return address) lies in the runtime's code. */
bool ffipin_frames_is_runtime(uintptr_t pc) FFIPIN_INTERNAL;

/* A binding's test for a native frame of its call bridge, by function
 * name; NULL for none. */
typedef bool (*ffipin_bridge_test_t)(const char *function);
void ffipin_frames_set_bridge(ffipin_bridge_test_t is_bridge) FFIPIN_INTERNAL;

/* Walks the shown frames of a stored stack, inlined frames included:
 *   ffipin_frames_t w;
 *   ffipin_frames_begin(&w, id, max_pcs);
 *   for (const ffipin_frame_t *f; (f = ffipin_frames_next(&w));) ...
 * w.at_bridge tells afterwards whether the walk stopped at a bridge frame.
 * Frames point into w's buffers, valid until the next call. */
typedef struct {
  const uintptr_t *pcs;
  size_t n, i;
  int nf, j;
  bool at_bridge;
  ffipin_frame_t frames[16];
  char strings[8192];
} ffipin_frames_t;
void ffipin_frames_begin(ffipin_frames_t *w, ffipin_stack_id_t id, size_t max_pcs) FFIPIN_INTERNAL;
const ffipin_frame_t *ffipin_frames_next(ffipin_frames_t *w) FFIPIN_INTERNAL;

#endif
