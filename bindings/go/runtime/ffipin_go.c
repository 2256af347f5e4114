/* Go (cgo) support. The pass (bindings/go/pass/FFIPinCgo.cpp) sends
 * runtime/cgo's mmap/munmap here and brackets every cgo call wrapper
 * (`_cgo_<hash>_Cfunc_<name>`) with __ffipin_go_call_begin/end; the Go glue
 * that ffipin-go adds to runtime/cgo (bindings/go/glue) answers what C cannot
 * see by itself: whether an object is pinned by a runtime.Pinner, the Go
 * stack of a cgo call, and when the program exits. Without the glue (a plain
 * `CC=ffipin-cc go build`) the heap and the call scopes still work.
 *
 * Calls into Go (the glue's //export functions) are made only at the end of
 * a cgo call on the thread that made it: there the goroutine is known, and
 * the wrapper has finished with its argument frame, which a callback may
 * move (cmd/cgo re-reads it through _cgo_topofstack for the same reason). */
#include <stdatomic.h>
#include <sys/mman.h>

#include <sanitizer/ffipin_interface.h>

#include "base/ffipin_lock.h"
#include "base/ffipin_message.h"
#include "base/ffipin_string.h"
#include "base/ffipin_thread.h"
#include "checks/ffipin_checks.h"
#include "diag/ffipin_log.h"
#include "diag/ffipin_report.h"
#include "entry/ffipin_init.h"
#include "ffipin_go_abi.h"
#include "model/ffipin_heaps.h"
#include "model/ffipin_held.h"
#include "model/ffipin_pins.h"
#include "model/ffipin_scope.h"
#include "model/ffipin_shadow.h"

static void register_report_extra(void);

// The Go heap

/* The Go runtime maps all its memory through x_cgo_mmap when cgo is on.
 * Heap arenas are the reservations made at a hint address without MAP_FIXED
 * (runtime/malloc.go: sysReserve(hint) in (*mheap).sysAlloc); their pages
 * are committed later with MAP_FIXED inside the reservation. Metadata
 * (page-allocator summaries, arena indexes) is reserved at a NULL address:
 * it holds no objects C can be handed, and registering it would stretch the
 * fast path's bounding range over every mmap'd C pointer at 0x7f... (a
 * measured 12.9 ns per store instead of 0.8). Only when all arena hints are
 * exhausted does Go reserve arenas at NULL; those are not seen. The libc
 * symbol, not a system call, so that another sanitizer's mmap interceptor (ASan's) stays in
 * charge. The table is updated directly rather than through
 * __ffipin_heap_register, whose recursion guard would drop a mapping the Go
 * runtime makes while we are calling into Go. */
FFIPIN_EXPORT void *__ffipin_go_mmap(void *addr, size_t len, int prot, int flags, int fd,
                                     off_t off) {
  void *p = mmap(addr, len, prot, flags, fd, off);
  bool arena = addr != NULL && !(flags & MAP_FIXED);
  if (p != MAP_FAILED && ffipin_ready()) {
    register_report_extra(); /* the first call comes before main.main */
    if (arena && !ffipin_heaps_add((uintptr_t)p, len, "go"))
      ffipin_warning("Go heap range [%p,%p) not registered: heap table full", p, (char *)p + len);
    ffipin_verbose(2, "go mmap [%p,%p) prot %d%s", p, (char *)p + len, prot,
                   arena ? " (heap arena)" : "");
  }
  return p;
}

FFIPIN_EXPORT int __ffipin_go_munmap(void *addr, size_t len) {
  if (ffipin_ready()) ffipin_heaps_remove((uintptr_t)addr, len);
  return munmap(addr, len);
}

// The Go glue (bindings/go/glue/runtime_cgo_ffipin.go), present under ffipin-go

/* For each ptrs[i] (a Go heap address): the object's base and size, and
 * whether a runtime.Pinner pins it; base 0 if it is not a live object. */
extern void ffipinGoObjects(uintptr_t *ptrs, size_t n, uintptr_t *bases, uintptr_t *sizes,
                            unsigned char *pinned) __attribute__((weak));
/* The calling goroutine's stack as report lines, NUL-terminated in buf. */
extern void ffipinGoStack(char *buf, size_t size) __attribute__((weak));

// cgo calls

/* Open cgo calls of this thread; bit d of `opened` says whether the call at
 * depth d opened a scope (it does not when the thread is inside the runtime,
 * i.e. a cgo call made from a Go callback the runtime itself made). */
static FFIPIN_TLS unsigned go_depth;
static FFIPIN_TLS uint64_t go_opened;

/* Objects a runtime.Pinner pins that a held slot was seen pointing into,
 * each registered as a pin; re-checked at the end of every cgo call, so an
 * Unpin while C still holds the pointer is a pin-outlived no later than the
 * next cgo call returns (or the program exits). */
enum { MAX_GO_PINS = 1024, BATCH = 64 };
typedef struct {
  uintptr_t base, size;
} go_pin_t;
static go_pin_t go_pins[MAX_GO_PINS];
static atomic_uint ngo_pins;
static ffipin_lock_t go_pins_lock = FFIPIN_LOCK_INIT_TYPE(binding_pins);
/* The runtime's fork handlers take it (base/ffipin_locks.inc). */
void ffipin_binding_pins_lock(void) { ffipin_lock_acquire(&go_pins_lock); }
void ffipin_binding_pins_unlock(void) { ffipin_lock_release(&go_pins_lock); }

static bool go_pins_contains(uintptr_t base) {
  unsigned n = atomic_load_explicit(&ngo_pins, memory_order_relaxed);
  for (unsigned i = 0; i < n; i++)
    if (go_pins[i].base == base) return true;
  return false;
}

/* Asks the glue about n addresses; t->in_runtime is set, so stores in the
 * glue's C wrappers and reports are not re-entered. */
static void ask_go(uintptr_t *ptrs, size_t n, uintptr_t *bases, uintptr_t *sizes,
                   unsigned char *pinned) {
  ffipinGoObjects(ptrs, n, bases, sizes, pinned);
}

/* Unpins (with the pin-outlived check) every known Go pin that Go no longer
 * pins. pc/bp: the cgo wrapper's, for the unpin stack. */
FFIPIN_NOINLINE static void revalidate_go_pins(ffipin_thread_t *t, uintptr_t pc, uintptr_t bp) {
  uintptr_t ptrs[BATCH], bases[BATCH], sizes[BATCH], ended[BATCH];
  unsigned char pinned[BATCH];
  size_t nended = 0;
  for (unsigned start = 0;; start += BATCH) {
    ffipin_lock_acquire(&go_pins_lock);
    unsigned n = atomic_load_explicit(&ngo_pins, memory_order_relaxed);
    size_t k = 0;
    for (unsigned i = start; i < n && k < BATCH; i++) ptrs[k++] = go_pins[i].base;
    ffipin_lock_release(&go_pins_lock);
    if (!k) break;
    ask_go(ptrs, k, bases, sizes, pinned);
    ffipin_lock_acquire(&go_pins_lock);
    for (size_t j = 0; j < k; j++) {
      if (pinned[j] && bases[j] == ptrs[j]) continue;
      /* Claim it under the lock: a racing thread must not unpin it twice. */
      n = atomic_load_explicit(&ngo_pins, memory_order_relaxed);
      for (unsigned i = 0; i < n; i++) {
        if (go_pins[i].base != ptrs[j]) continue;
        go_pins[i] = go_pins[n - 1];
        atomic_store_explicit(&ngo_pins, n - 1, memory_order_release);
        if (nended < BATCH) ended[nended++] = ptrs[j];
        break;
      }
    }
    ffipin_lock_release(&go_pins_lock);
    if (k < BATCH || nended == BATCH) break;
  }
  /* The unpin stack starts in the cgo wrapper, not in this file. */
  for (size_t i = 0; i < nended; i++) ffipin_check_unpin(t, ended[i], pc, bp);
}

typedef struct {
  uintptr_t cand[BATCH];
  size_t n;
} candidates_t;

/* A Go heap pointer no pin covers yet: a candidate to ask Go about. */
static bool consider(const ffipin_held_t *e, uintptr_t now, void *arg) {
  candidates_t *c = arg;
  if (!ffipin_shadow_pinned(now) && ffipin_heaps_find(now, NULL, NULL)) c->cand[c->n++] = now;
  return c->n < BATCH;
}

/* Before the scope is judged: the Go heap pointers written in it that a
 * runtime.Pinner pins become registered pins, so the judgement (and every
 * later check) sees them pinned. */
FFIPIN_NOINLINE static void learn_go_pins(ffipin_thread_t *t, uintptr_t pc, uintptr_t bp) {
  candidates_t c;
  c.n = 0; /* only n: zeroing the whole array would be a memset call */
  uintptr_t bases[BATCH], sizes[BATCH];
  unsigned char pinned[BATCH];
  ffipin_scope_for_each_written(t, consider, &c);
  size_t n = c.n;
  uintptr_t *cand = c.cand;
  if (!n) return;
  ask_go(cand, n, bases, sizes, pinned);
  ffipin_stack_id_t stack = 0;
  for (size_t i = 0; i < n; i++) {
    if (!pinned[i] || !bases[i]) continue;
    ffipin_lock_acquire(&go_pins_lock);
    unsigned k = atomic_load_explicit(&ngo_pins, memory_order_relaxed);
    bool add = k < MAX_GO_PINS && !go_pins_contains(bases[i]);
    if (add) {
      go_pins[k] = (go_pin_t){bases[i], sizes[i] ? sizes[i] : 1};
      atomic_store_explicit(&ngo_pins, k + 1, memory_order_release);
    }
    ffipin_lock_release(&go_pins_lock);
    if (!add) continue;
    if (!stack) stack = ffipin_stack_capture(pc, bp);
    ffipin_pins_add(bases[i], sizes[i] ? sizes[i] : 1, stack, t->tid);
    ffipin_verbose(2, "go pin learned: [%p,%p)", (void *)bases[i], (void *)(bases[i] + sizes[i]));
  }
}

// Reports: the Go stack of a cgo call, and cgo's glue frames

/* Native frames of cgo's call bridge: cmd/cgo's wrapper
 * (_cgo_<hash>_Cfunc_<name>, _C2func_ when it returns errno; the hash
 * changes when the Go file changes, which would split one bug into many
 * crash states) and the Go runtime's switch to the system stack
 * (runtime.asmcgocall*). A report's C stack ends there; the Go stack
 * follows. */
static bool is_cgo_bridge(const char *fn) {
  if (ffipin_str_starts_with(fn, "runtime.asmcgocall")) return true;
  if (!ffipin_str_starts_with(fn, "_cgo_")) return false;
  const char *p = fn + 5;
  while ((*p >= '0' && *p <= '9') || (*p >= 'a' && *p <= 'f')) p++;
  return p > fn + 5 &&
         (ffipin_str_starts_with(p, "_Cfunc_") || ffipin_str_starts_with(p, "_C2func_"));
}

/* One line of the glue's ffipinGoStack text, "    #<n> 0x<pc> in <function>
 * <file>:<line>" (a Go function name has no space; the file is the rest),
 * into a frame whose strings go to *strs. */
static bool parse_go_frame(char *line, ffipin_frame_t *f, char **strs, char *strs_end) {
  const char *p = ffipin_str_str(line, " 0x");
  const char *in = p ? ffipin_str_str(p, " in ") : NULL;
  if (!in) return false;
  uintptr_t pc = 0;
  for (p += 3; (*p >= '0' && *p <= '9') || (*p >= 'a' && *p <= 'f'); p++)
    pc = pc << 4 | (uintptr_t)(*p <= '9' ? *p - '0' : *p - 'a' + 10);
  const char *fn = in + 4, *sp = ffipin_str_chr(fn, ' ');
  const char *colon = sp ? ffipin_str_rchr(sp, ':') : NULL;
  if (!colon) return false;
  size_t fn_len = (size_t)(sp - fn), file_len = (size_t)(colon - sp - 1);
  if ((size_t)(strs_end - *strs) < fn_len + file_len + 2) return false;
  *f = (ffipin_frame_t){pc + 1, *strs, NULL, 0, 0, NULL, 0}; /* pc: a return address */
  ffipin_mem_copy(*strs, fn, fn_len);
  (*strs)[fn_len] = '\0';
  *strs += fn_len + 1;
  f->file = *strs;
  ffipin_mem_copy(*strs, sp + 1, file_len);
  (*strs)[file_len] = '\0';
  *strs += file_len + 1;
  uint64_t n;
  const char *q = colon + 1;
  if (ffipin_parse_u64(&q, 0x7fffffff, &n)) f->line = (int)n;
  return true;
}

/* The Go stack for reports made inside a cgo call, from the glue. */
static size_t go_stack(ffipin_frame_t *out, size_t max, char *strbuf, size_t strbuf_size) {
  if (!ffipinGoStack || !go_depth || !max) return 0;
  static char text[8192]; /* the report lock is held */
  text[0] = '\0';
  ffipinGoStack(text, sizeof(text));
  size_t n = 0;
  char *strs = strbuf, *end = strbuf + strbuf_size;
  for (char *line = text; *line && n < max;) {
    char *nl = (char *)ffipin_str_chr(line, '\n');
    if (nl) *nl = '\0';
    if (parse_go_frame(line, &out[n], &strs, end)) n++;
    if (!nl) break;
    line = nl + 1;
  }
  return n;
}

static const ffipin_language_t go_language = {"cgo call from Go", is_cgo_bridge, go_stack};

static void register_report_extra(void) {
  static atomic_int done;
  if (atomic_load_explicit(&done, memory_order_relaxed) || atomic_exchange(&done, 1)) return;
  ffipin_report_set_language(&go_language);
}

/* On every cgo call: kept to a few loads and stores (scope_begin neither
 * reports nor calls out, so the recursion guard is only read). */
FFIPIN_EXPORT FFIPIN_NOINLINE void __ffipin_go_call_begin(void) {
  unsigned d = go_depth++;
  if (d >= 64) return;
  uint64_t bit = (uint64_t)1 << d;
  go_opened &= ~bit;
  if (!ffipin_ready()) return;
  ffipin_thread_t *t = ffipin_thread_current();
  if (!t->in_runtime && ffipin_scope_begin(t, FFIPIN_CALLER_PC)) go_opened |= bit;
}

FFIPIN_EXPORT FFIPIN_NOINLINE void __ffipin_go_call_end(void) {
  uintptr_t pc = FFIPIN_CALLER_PC, bp = FFIPIN_FRAME;
  if (!go_depth) return;
  unsigned d = go_depth - 1;
  if (d < 64 && (go_opened & ((uint64_t)1 << d)) && ffipin_ready()) {
    ffipin_thread_t *t = ffipin_thread_current();
    t->in_runtime = 1;
    /* The common call (nothing pinned, no Go pointer kept) only checks. */
    if (ffipinGoObjects && atomic_load_explicit(&ngo_pins, memory_order_acquire))
      revalidate_go_pins(t, pc, bp);
    ffipin_scope_t *s = &t->scopes[t->depth - 1];
    if (ffipinGoObjects && (s->nslots || s->slots_overflowed)) learn_go_pins(t, pc, bp);
    ffipin_check_scope_end(t, pc, bp);
    t->in_runtime = 0;
  }
  go_depth = d; /* after the judgement: its reports show this call's Go stack */
}

/* Called by the glue's exit hook (a cgo call) when the Go program exits:
 * Go does not run C atexit handlers. */
FFIPIN_EXPORT FFIPIN_NOINLINE void __ffipin_go_exit(void) {
  uintptr_t pc = FFIPIN_CALLER_PC, bp = FFIPIN_FRAME;
  ffipin_thread_t *t = ffipin_enter();
  if (!t) return;
  if (ffipinGoObjects && atomic_load_explicit(&ngo_pins, memory_order_acquire))
    revalidate_go_pins(t, pc, bp);
  ffipin_leave(t);
  ffipin_run_exit_checks();
}
