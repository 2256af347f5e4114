/* Stacks as reports show them: symbolized, inlined frames expanded, a
 * binding's generated glue left out, and the part after a stack switch
 * (FFIPIN_STACK_SWITCH_MARK: the managed language's frames below a foreign
 * call) under its own label. The binding says which of its frames are glue
 * (ffipin_frames_set_policy); without a policy every frame is shown. */
#ifndef FFIPIN_FRAMES_H
#define FFIPIN_FRAMES_H

#include "diag/ffipin_stack.h"
#include "diag/ffipin_symbolize.h"

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
  /* The line printed where a stack crosses onto the managed stack, without
   * the colon ("cgo call from Go here"). */
  const char *switch_label;
} ffipin_frame_policy_t;

/* Installs the binding's policy (a static object; at most one binding). */
void ffipin_frames_set_policy(const ffipin_frame_policy_t *p) FFIPIN_INTERNAL;
/* The label of the part after a stack switch. */
const char *ffipin_frames_switch_label(void) FFIPIN_INTERNAL;

/* One visible frame: `section` counts the stack switches passed, `index` the
 * frames shown in that section, and `labelled` is set on the first frame of a
 * section that follows shown frames (the label goes before it). */
typedef struct {
  const ffipin_frame_t *frame;
  ffipin_frame_class_t cls;
  unsigned section, index;
  bool labelled;
} ffipin_frame_visit_t;

/* Calls fn for each visible frame of the stack, innermost first; fn returns
 * false to stop. Symbolizes, so only under the report lock. */
void ffipin_frames_walk(ffipin_stack_id_t stack,
                        bool (*fn)(const ffipin_frame_visit_t *v, void *arg),
                        void *arg) FFIPIN_INTERNAL;

/* The frame a SUMMARY line names: the first shown frame, else the first
 * glue frame, else the innermost frame. Copied into *out with its strings in
 * strbuf. False for an empty stack. */
bool ffipin_frames_summary_site(ffipin_stack_id_t stack, ffipin_frame_t *out, char *strbuf,
                                size_t strbuf_size) FFIPIN_INTERNAL;
/* The allocation API the policy names in the stack's frames, or NULL. */
const char *ffipin_frames_api(ffipin_stack_id_t stack) FFIPIN_INTERNAL;

#endif
