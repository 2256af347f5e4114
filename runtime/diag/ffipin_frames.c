/* The frames a report shows (see the header). */
#include "diag/ffipin_frames.h"

#include <stdatomic.h>

/* Defined by the linker around the section every runtime function is in
 * (base/ffipin_common.h); weak, so a runtime built by a compiler without
 * the pragma still links (then nothing is recognised by address). */
extern const char __start_ffipin_text[] __attribute__((weak, visibility("hidden")));
extern const char __stop_ffipin_text[] __attribute__((weak, visibility("hidden")));

static ffipin_bridge_test_t _Atomic bridge_test;

bool ffipin_frames_is_runtime(uintptr_t pc) {
  uintptr_t call = pc - 1; /* the call instruction, as symbolized */
  return __start_ffipin_text && call >= (uintptr_t)__start_ffipin_text &&
         call < (uintptr_t)__stop_ffipin_text;
}

void ffipin_frames_set_bridge(ffipin_bridge_test_t is_bridge) {
  atomic_store(&bridge_test, is_bridge);
}

void ffipin_frames_begin(ffipin_frames_t *w, ffipin_stack_id_t id, size_t max_pcs) {
  w->n = ffipin_stack_get(id, &w->pcs);
  if (w->n > max_pcs) w->n = max_pcs;
  w->i = 0;
  w->nf = w->j = 0;
  w->at_bridge = false;
}

const ffipin_frame_t *ffipin_frames_next(ffipin_frames_t *w) {
  ffipin_bridge_test_t is_bridge = atomic_load(&bridge_test);
  while (!w->at_bridge) {
    if (w->j < w->nf) {
      const ffipin_frame_t *f = &w->frames[w->j++];
      if (is_bridge && f->function && is_bridge(f->function)) {
        w->at_bridge = true;
        break;
      }
      return f;
    }
    if (w->i >= w->n) break;
    uintptr_t pc = w->pcs[w->i++];
    w->j = 0;
    w->nf = ffipin_frames_is_runtime(pc)
                ? 0
                : ffipin_symbolize_pc(pc, w->frames, 16, w->strings, sizeof(w->strings));
  }
  return NULL;
}
