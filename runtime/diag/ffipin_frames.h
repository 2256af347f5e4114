/* Which frames a report shows, in one place for text, JSON, SUMMARY and
 * DEDUP_TOKEN. Never the runtime's own (by address: every runtime function
 * is in the ffipin_text section); a binding's generated glue as its policy
 * says (ffipin_frames_set_policy; without a policy every other frame is
 * shown); and the part after a stack switch (FFIPIN_STACK_SWITCH_MARK: the
 * managed language's frames below a foreign call) under the policy's label.
 * Only called with the report lock held. */
#ifndef FFIPIN_FRAMES_H
#define FFIPIN_FRAMES_H

#include "base/ffipin_common.h"
#include "diag/ffipin_stack.h"
#include "diag/ffipin_symbolize.h"

/* pc (a return address) lies in the runtime's code. */
bool ffipin_frames_is_runtime(uintptr_t pc) FFIPIN_INTERNAL;

typedef enum {
  FFIPIN_FRAME_SHOWN,  /* the program's own code */
  FFIPIN_FRAME_GLUE,   /* generated glue with a stable name: shown, never the SUMMARY site */
  FFIPIN_FRAME_HIDDEN, /* generated glue whose name changes with unrelated edits, or the
                          managed runtime's plumbing: never shown (ClusterFuzz keys its
                          crash state on the first frames) */
} ffipin_frame_class_t;

typedef struct {
  /* Classifies one symbolized frame; may set *api to the language-level
   * allocation function the frame implements ("C.CString"). */
  ffipin_frame_class_t (*classify)(const ffipin_frame_t *f, const char **api);
  /* The heading where a stack crosses onto the managed stack ("cgo call
   * from Go": text prints "cgo call from Go here:", JSON starts a stack
   * object with that "what"). */
  const char *switch_label;
} ffipin_frame_policy_t;

/* Installs the binding's policy (a static object; at most one binding). */
void ffipin_frames_set_policy(const ffipin_frame_policy_t *p) FFIPIN_INTERNAL;
/* The label of the part after a stack switch. */
const char *ffipin_frames_switch_label(void) FFIPIN_INTERNAL;

/* Walks the shown frames of a stored stack, inlined frames included:
 *   ffipin_frames_t w;   (large: static, under the report lock)
 *   ffipin_frames_begin(&w, id, max_pcs);
 *   for (const ffipin_frame_t *f; (f = ffipin_frames_next(&w));) ...
 * After each frame, w.cls is its class and w.labelled tells whether it
 * begins a part after a stack switch that follows shown frames (the label
 * goes before it); afterwards w.hidden tells whether the policy left frames
 * out (the runtime's own frames are always left out).
 * Frames point into w's buffers, valid until the next call. */
typedef struct {
  const uintptr_t *pcs;
  size_t n, i;
  int nf, j;
  bool shown_any, pending_label, hidden;
  ffipin_frame_class_t cls;
  bool labelled;
  ffipin_frame_t frames[16];
  char strings[8192];
} ffipin_frames_t;
void ffipin_frames_begin(ffipin_frames_t *w, ffipin_stack_id_t id, size_t max_pcs) FFIPIN_INTERNAL;
const ffipin_frame_t *ffipin_frames_next(ffipin_frames_t *w) FFIPIN_INTERNAL;

/* The frame a SUMMARY line names: the first shown frame, else the first
 * glue frame, else the innermost frame. Copied into *out with its strings in
 * strbuf. False for an empty stack. */
bool ffipin_frames_summary_site(ffipin_stack_id_t stack, ffipin_frame_t *out, char *strbuf,
                                size_t strbuf_size) FFIPIN_INTERNAL;
/* The allocation API the policy names in the stack's frames, or NULL. */
const char *ffipin_frames_api(ffipin_stack_id_t stack) FFIPIN_INTERNAL;

#endif
