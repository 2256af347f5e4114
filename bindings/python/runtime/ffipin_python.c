/* CPython support: the hooks the pass puts around an extension's buffer
 * calls (ffipin_python_abi.h). A buffer an extension gets — from
 * PyObject_GetBuffer, or for a y*, s*, z* or w* argument of PyArg_Parse* —
 * is handed to it as a guarded copy (checks/ffipin_check_guard.h); its
 * PyBuffer_Release copies a writable buffer's changes back, ends the lend
 * and gives CPython back the view as it filled it. A use of the buffer after
 * the release is use-after-unpin; a pointer into it kept in C memory is
 * pin-outlived. None of CPython's functions is called from here: the
 * extension's own calls do the work, the hooks only see the Py_buffer
 * structures, so nothing depends on how libpython was linked. */
#include <pthread.h>
#include <stdarg.h>

#include "base/ffipin_lock.h"
#include "base/ffipin_message.h"
#include "base/ffipin_stats.h"
#include "base/ffipin_table.h"
#include "checks/ffipin_check_guard.h"
#include "entry/ffipin_init.h"
#include "entry/ffipin_signals.h"
#include "ffipin_python_abi.h"
#include "ffipin_python_frames.h"

/* Py_buffer as CPython lays it out (Include/pybuffer.h; unchanged from 3.3
 * to 3.13, and part of the stable ABI since 3.11). */
typedef struct {
  void *buf;
  void *obj;
  intptr_t len;
  intptr_t itemsize;
  int readonly;
  int ndim;
  char *format;
  intptr_t *shape;
  intptr_t *strides;
  intptr_t *suboffsets;
  void *internal;
} py_buffer_t;

/* The runtime is in the process (PyInit_<name> checks its address). */
FFIPIN_EXPORT void __ffipin_py_runtime_present(void) {}

// Lends

/* What C was given in a view's buf: the key. */
typedef struct {
  uintptr_t given;    /* view->buf as C sees it */
  uintptr_t lent;     /* what ffipin_check_lend returned (the copy's extent) */
  uintptr_t original; /* view->buf as CPython filled it */
  uint64_t frames;    /* the lend's Python frames (ffipin_python_frames.h) */
} view_lend_t;

static ffipin_lock_t lends_lock = FFIPIN_LOCK_INIT_TYPE(binding_lends);
static ffipin_table_t lends = FFIPIN_TABLE_INIT(view_lend_t, 64, "the lent Python buffers");

/* The runtime's fork handlers take it (base/ffipin_locks.inc); it is held
 * for table operations only, taking no other. */
void ffipin_binding_lends_lock(void) { ffipin_lock_acquire(&lends_lock); }
void ffipin_binding_lends_unlock(void) { ffipin_lock_release(&lends_lock); }

/* [lo, hi): the bytes a view reaches, from its shape and strides. */
static void extent(const py_buffer_t *v, uintptr_t *lo, uintptr_t *hi) {
  uintptr_t buf = (uintptr_t)v->buf;
  if (!v->strides || v->ndim <= 0) {
    *lo = buf;
    *hi = buf + (v->len > 0 ? (uintptr_t)v->len : 0);
    return;
  }
  intptr_t low = 0, high = 0;
  for (int i = 0; i < v->ndim; i++) {
    if (v->shape[i] == 0) {
      *lo = *hi = buf;
      return;
    }
    intptr_t reach = (v->shape[i] - 1) * v->strides[i];
    if (reach < 0)
      low += reach;
    else
      high += reach;
  }
  *lo = buf + (uintptr_t)low;
  *hi = buf + (uintptr_t)high + (uintptr_t)v->itemsize;
}

static void lend_view(ffipin_thread_t *t, py_buffer_t *v, uintptr_t pc, uintptr_t bp) {
  if (!v->buf) return;
  uintptr_t lo, hi;
  extent(v, &lo, &hi);
  ffipin_signals_ensure();
  /* A buffer with suboffsets is an array of pointers to elsewhere: lent as
   * it is (pinned), not copied. */
  uintptr_t lent = (uintptr_t)ffipin_check_lend(t, (void *)lo, hi - lo, v->readonly == 0,
                                                v->suboffsets == NULL, pc, bp);
  uintptr_t original = (uintptr_t)v->buf;
  v->buf = (void *)(lent + (original - lo));
  FFIPIN_COUNT(lends);
  uint64_t frames = ffipin_py_frames_lent(lent);
  bool fresh;
  ffipin_lock_acquire(&lends_lock);
  *(view_lend_t *)ffipin_table_insert(&lends, (uintptr_t)v->buf, &fresh) =
      (view_lend_t){(uintptr_t)v->buf, lent, original, frames};
  ffipin_lock_release(&lends_lock);
}

FFIPIN_EXPORT FFIPIN_NOINLINE void __ffipin_py_got_buffer(int result, void *view) {
  uintptr_t pc = FFIPIN_CALLER_PC, bp = FFIPIN_FRAME;
  if (result != 0 || !view) return;
  ffipin_thread_t *t = ffipin_enter();
  if (!t) return;
  lend_view(t, view, pc, bp);
  ffipin_leave(t);
}

FFIPIN_EXPORT FFIPIN_NOINLINE void __ffipin_py_release_buffer(void *view) {
  uintptr_t pc = FFIPIN_CALLER_PC, bp = FFIPIN_FRAME;
  py_buffer_t *v = view;
  if (!v || !v->buf) return;
  ffipin_thread_t *t = ffipin_enter();
  if (!t) return;
  ffipin_lock_acquire(&lends_lock);
  view_lend_t *cell = ffipin_table_find(&lends, (uintptr_t)v->buf), l = {0};
  if (cell) {
    l = *cell;
    ffipin_table_erase_at(&lends, ffipin_table_index(&lends, cell));
  }
  ffipin_lock_release(&lends_lock);
  if (l.given) {
    ffipin_py_frames_released(l.frames);
    /* Changes go back before CPython's release, which may let the
     * exporter (a bytearray) resize or free its memory. */
    ffipin_check_release(t, (void *)l.lent, FFIPIN_RELEASE_END, false, pc, bp);
    v->buf = (void *)l.original;
  }
  ffipin_leave(t);
}

// PyArg_Parse*: which arguments are Py_buffer outputs

enum { MAX_ARGS = 64, MAX_VIEWS = 16, MAX_NESTED = 8 };

/* A marker in view->buf before the call: still there after it, the format
 * unit was an optional argument the caller did not pass, and the view is
 * put back as the extension left it. */
static const char not_filled;
#define NOT_FILLED ((void *)&not_filled)

/* Walks one format unit at *f, taking its pointer arguments from va; adds
 * the Py_buffer outputs (s*, z*, y*, w*) to views. False on a format unit
 * this walk does not know (then nothing is lent for this call). */
static bool walk_unit(const char **f, va_list *va, py_buffer_t **views, int *nviews, int *nargs);

static bool take(va_list *va, int *nargs, void **out) {
  if (++*nargs > MAX_ARGS) return false;
  void *p = va_arg(*va, void *);
  if (out) *out = p;
  return true;
}

static bool walk_unit(const char **f, va_list *va, py_buffer_t **views, int *nviews, int *nargs) {
  char c = *(*f)++;
  switch (c) {
  case 'b':
  case 'B':
  case 'h':
  case 'H':
  case 'i':
  case 'I':
  case 'l':
  case 'k':
  case 'L':
  case 'K':
  case 'n':
  case 'f':
  case 'd':
  case 'D':
  case 'c':
  case 'C':
  case 'p':
  case 'S':
  case 'Y':
  case 'U':
    return take(va, nargs, NULL);
  case 'e': /* es, et, es#, et#: the encoding, then as s/s# */
    if (**f != 's' && **f != 't') return false;
    (*f)++;
    if (!take(va, nargs, NULL) || !take(va, nargs, NULL)) return false;
    if (**f == '#') {
      (*f)++;
      return take(va, nargs, NULL);
    }
    return true;
  case 's':
  case 'z':
  case 'y':
  case 'w':
  case 'u':
  case 'Z': {
    void *p;
    if (!take(va, nargs, &p)) return false;
    if (**f == '*' && c != 'u' && c != 'Z') {
      (*f)++;
      if (*nviews < MAX_VIEWS) views[(*nviews)++] = p;
      return true;
    }
    if (**f == '#') {
      (*f)++;
      return take(va, nargs, NULL);
    }
    return true;
  }
  case 'O':
    if (**f == '&' || **f == '!') { /* converter/type, then the output */
      (*f)++;
      return take(va, nargs, NULL) && take(va, nargs, NULL);
    }
    return take(va, nargs, NULL);
  case '(':
    while (**f != ')') {
      if (!**f || !walk_unit(f, va, views, nviews, nargs)) return false;
    }
    (*f)++;
    return true;
  default:
    return false;
  }
}

/* The Py_buffer outputs of a whole format (up to ':' or ';', which start
 * the function name or the error message). */
static int buffer_outputs(const char *f, va_list *va, py_buffer_t **views) {
  int nviews = 0, nargs = 0;
  while (*f && *f != ':' && *f != ';') {
    if (*f == '|' || *f == '$' || *f == ' ') {
      f++;
      continue;
    }
    if (!walk_unit(&f, va, views, &nviews, &nargs)) return 0;
  }
  return nviews;
}

// One parse call in progress on this thread (converters may parse again)

typedef struct {
  int nviews;
  py_buffer_t *views[MAX_VIEWS];
  py_buffer_t saved[MAX_VIEWS];
} parse_frame_t;

typedef struct {
  int depth; /* frames begun; only the first MAX_NESTED are recorded */
  parse_frame_t frames[MAX_NESTED];
} parse_stack_t;

static FFIPIN_TLS parse_stack_t *parse_stack; /* mapped on a thread's first parse */

static void begin(const char *format, va_list *va) {
  if (!parse_stack) parse_stack = ffipin_map_or_die(sizeof(parse_stack_t), "Python parse state");
  int d = parse_stack->depth++;
  if (d >= MAX_NESTED) return;
  parse_frame_t *fr = &parse_stack->frames[d];
  fr->nviews = format ? buffer_outputs(format, va, fr->views) : 0;
  for (int i = 0; i < fr->nviews; i++) {
    fr->saved[i] = *fr->views[i];
    fr->views[i]->buf = NOT_FILLED;
  }
}

FFIPIN_EXPORT FFIPIN_NOINLINE void __ffipin_py_parse_begin(const char *format, ...) {
  va_list va;
  va_start(va, format);
  begin(format, &va);
  va_end(va);
}

FFIPIN_EXPORT FFIPIN_NOINLINE void __ffipin_py_vparse_begin(const char *format, va_list va) {
  va_list mine;
  va_copy(mine, va);
  begin(format, &mine);
  va_end(mine);
}

FFIPIN_EXPORT FFIPIN_NOINLINE void __ffipin_py_parse_end(int result) {
  uintptr_t pc = FFIPIN_CALLER_PC, bp = FFIPIN_FRAME;
  if (!parse_stack || parse_stack->depth == 0) return;
  int d = --parse_stack->depth;
  if (d >= MAX_NESTED) return;
  parse_frame_t *fr = &parse_stack->frames[d];
  ffipin_thread_t *t = result ? ffipin_enter() : NULL;
  for (int i = 0; i < fr->nviews; i++) {
    py_buffer_t *v = fr->views[i];
    if (v->buf == NOT_FILLED)
      *v = fr->saved[i]; /* an optional argument not passed */
    else if (t)
      lend_view(t, v, pc, bp);
  }
  if (t) ffipin_leave(t);
}
