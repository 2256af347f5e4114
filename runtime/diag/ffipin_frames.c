/* The frames a report shows (see the header). Runs under the report lock,
 * which makes the static walkers safe. */
#include "diag/ffipin_frames.h"

#include <stdatomic.h>

/* Defined by the linker around the section every runtime function is in
 * (base/ffipin_common.h); weak, so a runtime built by a compiler without
 * the pragma still links (then nothing is recognised by address). */
extern const char __start_ffipin_text[] __attribute__((weak, visibility("hidden")));
extern const char __stop_ffipin_text[] __attribute__((weak, visibility("hidden")));

static const ffipin_frame_policy_t *_Atomic policy;

bool ffipin_frames_is_runtime(uintptr_t pc) {
  uintptr_t call = pc - 1; /* the call instruction, as symbolized */
  return __start_ffipin_text && call >= (uintptr_t)__start_ffipin_text &&
         call < (uintptr_t)__stop_ffipin_text;
}

void ffipin_frames_set_policy(const ffipin_frame_policy_t *p) { atomic_store(&policy, p); }

const char *ffipin_frames_switch_label(void) {
  const ffipin_frame_policy_t *p = atomic_load(&policy);
  return p && p->switch_label ? p->switch_label : "managed caller";
}

static ffipin_frame_class_t classify(const ffipin_frame_t *f, const char **api) {
  const ffipin_frame_policy_t *p = atomic_load_explicit(&policy, memory_order_relaxed);
  *api = NULL;
  return p && p->classify ? p->classify(f, api) : FFIPIN_FRAME_SHOWN;
}

void ffipin_frames_begin(ffipin_frames_t *w, ffipin_stack_id_t id, size_t max_pcs) {
  w->n = ffipin_stack_get(id, &w->pcs);
  if (w->n > max_pcs) w->n = max_pcs;
  w->i = 0;
  w->nf = w->j = 0;
  w->shown_any = w->pending_label = w->hidden = w->labelled = false;
  w->cls = FFIPIN_FRAME_SHOWN;
}

const ffipin_frame_t *ffipin_frames_next(ffipin_frames_t *w) {
  for (;;) {
    while (w->j < w->nf) {
      const ffipin_frame_t *f = &w->frames[w->j++];
      const char *api;
      w->cls = classify(f, &api);
      if (w->cls == FFIPIN_FRAME_HIDDEN) {
        w->hidden = true;
        continue;
      }
      w->labelled = w->pending_label;
      w->pending_label = false;
      w->shown_any = true;
      return f;
    }
    if (w->i >= w->n) return NULL;
    uintptr_t pc = w->pcs[w->i++];
    w->j = w->nf = 0;
    if (pc == FFIPIN_STACK_SWITCH_MARK) {
      w->pending_label = w->shown_any;
      continue;
    }
    if (ffipin_frames_is_runtime(pc)) continue;
    w->nf = ffipin_symbolize_pc(pc, w->frames, 16, w->strings, sizeof(w->strings));
  }
}

/* The SUMMARY and API lookups' own walker (a report's walker may be in use). */
static ffipin_frames_t lookup;

static const char *copy_str(char *buf, size_t size, size_t *used, const char *str) {
  if (!str) return NULL;
  size_t n = 0;
  while (str[n]) n++;
  if (*used + n + 1 > size) return NULL;
  char *dst = buf + *used;
  for (size_t i = 0; i <= n; i++) dst[i] = str[i];
  *used += n + 1;
  return dst;
}

static void copy_frame(ffipin_frame_t *out, const ffipin_frame_t *f, char *buf, size_t size) {
  size_t used = 0;
  *out = *f;
  out->function = copy_str(buf, size, &used, f->function);
  out->file = copy_str(buf, size, &used, f->file);
  out->module = copy_str(buf, size, &used, f->module);
}

bool ffipin_frames_summary_site(ffipin_stack_id_t stack, ffipin_frame_t *out, char *strbuf,
                                size_t strbuf_size) {
  bool found = false;
  ffipin_frames_begin(&lookup, stack, FFIPIN_MAX_STACK_DEPTH);
  for (const ffipin_frame_t *f; (f = ffipin_frames_next(&lookup));) {
    if (lookup.cls == FFIPIN_FRAME_SHOWN) {
      copy_frame(out, f, strbuf, strbuf_size);
      return true;
    }
    if (!found) copy_frame(out, f, strbuf, strbuf_size); /* the first glue frame */
    found = true;
  }
  if (found) return true;
  /* Everything hidden: the innermost frame not the runtime's still says where. */
  for (size_t i = 0; i < lookup.n; i++) {
    uintptr_t pc = lookup.pcs[i];
    if (pc == FFIPIN_STACK_SWITCH_MARK || ffipin_frames_is_runtime(pc)) continue;
    if (!ffipin_symbolize_pc(pc, lookup.frames, 1, lookup.strings, sizeof(lookup.strings)))
      return false;
    copy_frame(out, &lookup.frames[0], strbuf, strbuf_size);
    return true;
  }
  return false;
}

const char *ffipin_frames_api(ffipin_stack_id_t stack) {
  /* API frames are glue the walk may hide: look at every frame. */
  const uintptr_t *pcs;
  size_t n = ffipin_stack_get(stack, &pcs);
  for (size_t i = 0; i < n; i++) {
    if (pcs[i] == FFIPIN_STACK_SWITCH_MARK || ffipin_frames_is_runtime(pcs[i])) continue;
    int nf = ffipin_symbolize_pc(pcs[i], lookup.frames, 16, lookup.strings, sizeof(lookup.strings));
    for (int j = 0; j < nf; j++) {
      const char *api;
      classify(&lookup.frames[j], &api);
      if (api) return api;
    }
  }
  return NULL;
}
