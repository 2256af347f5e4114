/* asmcgocall (runtime/asm_amd64.s) switches to the system stack, stores
 * the goroutine's stack depth (g.stack.hi - SP) at 0(SP) and the g at 8(SP),
 * and calls the C function, keeping BP: so in the C function's frame,
 *   [frame]    the goroutine's frame pointer (runtime.cgocall's frame)
 *   [frame+8]  the return address into asmcgocall
 *   [frame+16] the stack depth       [frame+24] the g (0: no switch)
 * and g.stack {lo, hi} is g's first field (runtime/runtime2.go). A frame is
 * believed to be asmcgocall's only when the goroutine stack this describes
 * is consistent (its g read with a safe read: the frame may be a stale
 * copy of one). */
#include "ffipin_go_stacks.h"

#include "base/ffipin_sys.h"
#include "base/ffipin_thread.h"
#include "diag/ffipin_frames.h"
#include "diag/ffipin_stack.h"
#include "model/ffipin_heaps.h"
#include "model/ffipin_modules.h"

enum { MAX_GOROUTINE_STACK = 1 << 30 }; /* runtime/debug.SetMaxStack's default */

/* The frame's four words, read directly when the caller knows them
 * mapped (a frame inside this thread's stack). */
static bool switch_frame(uintptr_t frame, bool readable, ffipin_thread_t *t, uintptr_t *fp,
                         uintptr_t *sp, uintptr_t *lo, uintptr_t *hi) {
  if (frame % sizeof(uintptr_t)) return false;
  uintptr_t f[4], g_stack[2];
  if (readable) {
    const uintptr_t *w = (const uintptr_t *)frame;
    f[0] = w[0], f[1] = w[1], f[2] = w[2], f[3] = w[3];
  } else if (!ffipin_safe_read(frame, f, sizeof(f))) {
    return false;
  }
  if (!f[1] || f[3] < FFIPIN_PAGE_SIZE || f[3] % sizeof(uintptr_t)) return false;
  /* The g is read safely even when the return address is asmcgocall's: a
   * frame chain through code without frame pointers (an allocation hook's
   * unwind inside libgit2) can reach a stale copy of asmcgocall's frame
   * left on the system stack, whose g word no longer holds a g (git2go's
   * suite crashed reading a g at 0xa0). */
  if (t && t->switch_refused == f[3]) return false;
  bool known = t && t->switch_known == f[3];
  if (known) {
    /* A g read safely before: gs are never freed, and Go never unmaps its
     * heap, so the words stay readable (they may describe another stack
     * now, which the checks below judge as for any g). */
    g_stack[0] = ((const uintptr_t *)f[3])[0];
    g_stack[1] = ((const uintptr_t *)f[3])[1];
  } else if (!ffipin_safe_read(f[3], g_stack, sizeof(g_stack))) {
    /* Unreadable: no g (gs stay readable), now or later at this address
     * unless Go maps its heap there first, which costs a shorter stack. */
    if (t) t->switch_refused = f[3];
    return false;
  }
  uintptr_t s_lo = g_stack[0], s_hi = g_stack[1], depth = f[2];
  uintptr_t at = s_hi - depth;
  if (s_lo >= s_hi || s_hi - s_lo > MAX_GOROUTINE_STACK || depth > s_hi - s_lo ||
      (f[0] && (f[0] < at || f[0] >= s_hi || f[0] % sizeof(uintptr_t))))
    return false; /* no g, or a stale frame: the word may still be a g */
  /* A goroutine's stack is a span of the Go heap. The unwinder reads the
   * new stack directly, and a stale frame's g word may point at two words
   * that only look like stack bounds ([0x10, 0x1000) once, in git2go's
   * suite: a fault at 0x28). A g proven before is a g: its stack is one. */
  if (!known && (!ffipin_heaps_find(s_lo, NULL, NULL) || !ffipin_heaps_find(s_hi - 1, NULL, NULL)))
    return false;
  if (t) t->switch_known = f[3];
  *fp = f[0];
  *sp = at;
  *lo = s_lo;
  *hi = s_hi;
  return true;
}

bool ffipin_go_switch_frame(uintptr_t frame, uintptr_t *fp, uintptr_t *sp, uintptr_t *lo,
                            uintptr_t *hi) {
  return switch_frame(frame, false, NULL, fp, sp, lo, hi);
}

/* The unwinder's way across: only from this thread's own stack (the system
 * stack a cgo call runs on) onto a goroutine's. */
static bool cross_to_goroutine(uintptr_t last, uintptr_t *next, uintptr_t *lo, uintptr_t *hi) {
  uintptr_t t_lo, t_hi, fp, sp, g_lo, g_hi;
  if (!ffipin_thread_stack_bounds(&t_lo, &t_hi) || last < t_lo || last + 32 > t_hi) return false;
  if (!switch_frame(last, true, ffipin_thread_current(), &fp, &sp, &g_lo, &g_hi) || !fp)
    return false;
  *next = fp;
  *lo = sp;
  *hi = g_hi;
  return true;
}

// How Go frames look in reports

static bool starts_with(const char *s, const char *prefix) {
  while (*prefix)
    if (*s++ != *prefix++) return false;
  return true;
}

static bool ends_with(const char *s, const char *suffix) {
  size_t n = 0, m = 0;
  while (s[n]) n++;
  while (suffix[m]) m++;
  return n >= m && starts_with(s + n - m, suffix);
}

static const char *find(const char *s, const char *part) {
  for (; *s; s++)
    if (starts_with(s, part)) return s;
  return NULL;
}

/* The Go functions cmd/cgo generates for the allocating helpers, per package. */
static const struct {
  const char *suffix, *api;
} kAllocators[] = {
    {"._Cfunc_CString", "C.CString"},
    {"._Cfunc_CBytes", "C.CBytes"},
    {"._Cfunc__CMalloc", "C.malloc"},
};

/* The Go runtime's own frames between the program and a cgo call, a pin or
 * an allocation; and ours. */
static const char *const kRuntimePlumbing[] = {
    "runtime.asmcgocall",      "runtime.cgocall",       "runtime.cgocallback",
    "runtime.setPinned",       "runtime.(*Pinner).Pin", "runtime.(*Pinner).Unpin",
    "runtime.(*pinner).unpin", "runtime.ffipin",        "runtime.systemstack",
};

static ffipin_frame_class_t classify(const ffipin_frame_t *f, const char **api) {
  const char *fn = f->function;
  if (fn) {
    for (size_t i = 0; i < sizeof(kAllocators) / sizeof(kAllocators[0]); i++)
      if (ends_with(fn, kAllocators[i].suffix)) {
        *api = kAllocators[i].api;
        return FFIPIN_FRAME_HIDDEN;
      }
    /* cmd/cgo's C glue, whose names carry a hash of the package's files
     * (`_cgo_<12 hex>_Cfunc_<name>`, the C half of every call) or belong to
     * runtime/cgo (_cgo_topofstack, crosscall2), and Go trampolines named
     * the same way (_cgoexp_<hash>_<name>, _cgo_cmalloc). */
    if (starts_with(fn, "_cgo_") || starts_with(fn, "crosscall") || starts_with(fn, "_cgoexp_") ||
        find(fn, "._cgoexp_") || find(fn, "._cgo_cmalloc"))
      return FFIPIN_FRAME_HIDDEN;
    for (size_t i = 0; i < sizeof(kRuntimePlumbing) / sizeof(kRuntimePlumbing[0]); i++)
      if (starts_with(fn, kRuntimePlumbing[i])) return FFIPIN_FRAME_HIDDEN;
  }
  /* cmd/cgo's generated files: their frames have stable names (the
   * `_Cfunc_<name>` wrappers of each call) but are not the program's site. */
  if (f->file && (ends_with(f->file, "_cgo_gotypes.go") || ends_with(f->file, "_cgo_export.c") ||
                  ends_with(f->file, "cgo-gcc-prolog")))
    return FFIPIN_FRAME_GLUE;
  return FFIPIN_FRAME_SHOWN;
}

static const ffipin_frame_policy_t go_policy = {classify, "cgo call from Go"};

/* runtime/cgo's C part, in every program with a Go runtime linked in. */
extern void x_cgo_init(void) __attribute__((weak));

/* cmd/link's build-id note (.note.go.buildid, owner "Go\0\0", type 4), in
 * every module it links, internally or externally: the modules that hold
 * a Go runtime, asmcgocall among it. */
enum { GO_BUILDID_NOTE = 4 };

void ffipin_go_stacks_install(void) {
  ffipin_modules_set_switch_note("Go", GO_BUILDID_NOTE);
  ffipin_stack_set_switch(cross_to_goroutine);
}

/* Before main: the first Go stack is captured after the Go runtime starts
 * (whose start hook, __ffipin_go_start, also installs the switch, for a Go
 * runtime this runtime cannot see from here: one in a shared library). A
 * program without Go gets no switch: the last frame of each of its stacks
 * would otherwise be tested, by a system call, as asmcgocall's. */
__attribute__((constructor)) static void install(void) {
  if (x_cgo_init) ffipin_go_stacks_install();
  ffipin_frames_set_policy(&go_policy);
}
