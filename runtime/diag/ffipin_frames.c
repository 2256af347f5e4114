/* The frames of a stack as every report prints them (text, JSON, SUMMARY),
 * so that hiding a binding's glue is decided in one place. Runs under the
 * report lock, which makes the static buffers safe. */
#include "diag/ffipin_frames.h"

#include <stdatomic.h>

static const ffipin_frame_policy_t *_Atomic policy;

void ffipin_frames_set_policy(const ffipin_frame_policy_t *p) { atomic_store(&policy, p); }

const char *ffipin_frames_switch_label(void) {
  const ffipin_frame_policy_t *p = atomic_load(&policy);
  return p && p->switch_label ? p->switch_label : "called from";
}

static ffipin_frame_class_t classify(const ffipin_frame_t *f, const char **api) {
  const ffipin_frame_policy_t *p = atomic_load_explicit(&policy, memory_order_relaxed);
  *api = NULL;
  return p && p->classify ? p->classify(f, api) : FFIPIN_FRAME_SHOWN;
}

enum { MAX_INLINE = 16 };
static ffipin_frame_t inlined[MAX_INLINE];
static char strings[8192];

void ffipin_frames_walk(ffipin_stack_id_t stack,
                        bool (*fn)(const ffipin_frame_visit_t *v, void *arg), void *arg) {
  const uintptr_t *pcs;
  size_t n = ffipin_stack_get(stack, &pcs);
  unsigned section = 0, index = 0;
  bool shown_any = false, pending_label = false;
  for (size_t i = 0; i < n; i++) {
    if (pcs[i] == FFIPIN_STACK_SWITCH_MARK) {
      section++;
      index = 0;
      pending_label = shown_any;
      continue;
    }
    int nf = ffipin_symbolize_pc(pcs[i], inlined, MAX_INLINE, strings, sizeof(strings));
    for (int j = 0; j < nf; j++) {
      const char *api;
      ffipin_frame_class_t cls = classify(&inlined[j], &api);
      if (cls == FFIPIN_FRAME_HIDDEN) continue;
      ffipin_frame_visit_t v = {&inlined[j], cls, section, index++, pending_label};
      pending_label = false;
      shown_any = true;
      if (!fn(&v, arg)) return;
    }
  }
}

/* Strings of the chosen frame, copied out of the walker's buffer. */
typedef struct {
  ffipin_frame_t frame;
  bool found, shown;
  char *buf;
  size_t size, used;
} site_t;

static const char *copy_str(site_t *s, const char *str) {
  if (!str) return NULL;
  size_t n = 0;
  while (str[n]) n++;
  if (s->used + n + 1 > s->size) return NULL;
  char *dst = s->buf + s->used;
  for (size_t i = 0; i <= n; i++) dst[i] = str[i];
  s->used += n + 1;
  return dst;
}

static bool pick_site(const ffipin_frame_visit_t *v, void *arg) {
  site_t *s = arg;
  bool shown = v->cls == FFIPIN_FRAME_SHOWN;
  if (s->found && (s->shown || !shown)) return true;
  s->used = 0;
  s->frame = *v->frame;
  s->frame.function = copy_str(s, v->frame->function);
  s->frame.file = copy_str(s, v->frame->file);
  s->frame.module = copy_str(s, v->frame->module);
  s->found = true;
  s->shown = shown;
  return !shown;
}

bool ffipin_frames_summary_site(ffipin_stack_id_t stack, ffipin_frame_t *out, char *strbuf,
                                size_t strbuf_size) {
  site_t s = {.buf = strbuf, .size = strbuf_size};
  ffipin_frames_walk(stack, pick_site, &s);
  if (!s.found) {
    /* Everything hidden: the innermost frame still says where. */
    const uintptr_t *pcs;
    if (!ffipin_stack_get(stack, &pcs)) return false;
    ffipin_symbolize_pc(pcs[0], inlined, 1, strings, sizeof(strings));
    s.frame = inlined[0];
    s.frame.function = copy_str(&s, inlined[0].function);
    s.frame.file = copy_str(&s, inlined[0].file);
    s.frame.module = copy_str(&s, inlined[0].module);
  }
  *out = s.frame;
  return true;
}

const char *ffipin_frames_api(ffipin_stack_id_t stack) {
  /* API frames are glue the walk may hide: look at every frame. */
  const uintptr_t *pcs;
  size_t n = ffipin_stack_get(stack, &pcs);
  for (size_t i = 0; i < n; i++) {
    if (pcs[i] == FFIPIN_STACK_SWITCH_MARK) continue;
    int nf = ffipin_symbolize_pc(pcs[i], inlined, MAX_INLINE, strings, sizeof(strings));
    for (int j = 0; j < nf; j++) {
      const char *api;
      classify(&inlined[j], &api);
      if (api) return api;
    }
  }
  return NULL;
}
