/* The interposed allocator: the malloc family defined in the executable
 * (entry/ffipin_allocators.inc), so that every module's allocations and
 * frees pass here, shared libraries' included, then reach glibc's
 * allocator through its __libc_* entry points. Built into its own archive,
 * libclang_rt.ffipin_alloc-x86_64.a, which the wrapper links only when no
 * other sanitizer brings its own allocator (ASan, LSan, TSan, MSan: theirs
 * are weak definitions of the same names, and their hooks tell us instead,
 * see entry/ffipin_alloc_events.c).
 *
 * These run before the runtime is initialised (the dynamic loader
 * allocates first) and inside the loader and libc with their locks held:
 * they never initialise the runtime, hold none of the runtime's locks
 * while they call glibc, and call nothing else in libc. */
#include <errno.h>
#include <stddef.h>

#include "base/ffipin_common.h"
#include "entry/ffipin_alloc_events.h"

/* Weak definitions: a program that links its own allocator (jemalloc,
 * mimalloc, a test's replacement) keeps it; then frees by other modules may
 * pass us by, which ffipin_alloc_frees_visible() finds out by comparing its
 * free with ours. */
#define ALLOCATOR(ret, name, ...)                                                                  \
  ret __ffipin_interposed_##name(__VA_ARGS__);                                                     \
  __attribute__((weak, alias("__ffipin_interposed_" #name), visibility("default"))) ret name(      \
      __VA_ARGS__);                                                                                \
  __attribute__((visibility("hidden"))) ret __ffipin_interposed_##name(__VA_ARGS__)

extern void *__libc_malloc(size_t n);
extern void *__libc_calloc(size_t n, size_t size);
extern void *__libc_realloc(void *p, size_t n);
extern void __libc_free(void *p);
extern void *__libc_memalign(size_t align, size_t n);
extern void *__libc_valloc(size_t n);
extern void *__libc_pvalloc(size_t n);

/* The block and who asked for it: the allocator's caller (malloc and
 * calloc, which a prebuilt library calls for each block, with the hook's
 * common case inline). */
#define NOTE(p, n) ffipin_alloc_on_malloc(p, n, FFIPIN_CALLER_PC, FFIPIN_FRAME)
#define NOTE_INLINE(p, n) ffipin_alloc_on_malloc_inline(p, n, FFIPIN_CALLER_PC, FFIPIN_FRAME)

/* While nothing watches allocations (no scan mode), malloc and calloc are
 * glibc's behind one test: a tail call, no frame of their own to push.
 * Otherwise a guaranteed tail call (musttail: same arguments) reaches the
 * noting version, whose caller is then the allocator's caller. */
static FFIPIN_NOINLINE void *malloc_noted(size_t n) {
  void *p = __libc_malloc(n);
  NOTE_INLINE(p, n);
  return p;
}
ALLOCATOR(void *, malloc, size_t n) {
  if (FFIPIN_LIKELY(!ffipin_lends_watched())) return __libc_malloc(n);
  __attribute__((musttail)) return malloc_noted(n);
}

static FFIPIN_NOINLINE void *calloc_noted(size_t n, size_t size) {
  void *p = __libc_calloc(n, size);
  NOTE_INLINE(p, n * size);
  return p;
}
ALLOCATOR(void *, calloc, size_t n, size_t size) {
  if (FFIPIN_LIKELY(!ffipin_lends_watched())) return __libc_calloc(n, size);
  __attribute__((musttail)) return calloc_noted(n, size);
}

ALLOCATOR(void *, realloc, void *p, size_t n) {
  void *q = __libc_realloc(p, n);
  ffipin_alloc_on_realloc(p, q, n, FFIPIN_CALLER_PC, FFIPIN_FRAME);
  return q;
}

ALLOCATOR(void *, reallocarray, void *p, size_t n, size_t size) {
  size_t bytes;
  if (__builtin_mul_overflow(n, size, &bytes)) {
    errno = ENOMEM;
    return NULL;
  }
  void *q = __libc_realloc(p, bytes);
  ffipin_alloc_on_realloc(p, q, bytes, FFIPIN_CALLER_PC, FFIPIN_FRAME);
  return q;
}

/* Shared libraries' frees come here directly (the executable's pass the
 * free interceptor first, which leaves the work to this one): the held
 * slots in the block go too, or a library's freed context would still
 * count as holding what it pointed to (gozstd's dictionary trainer). */
ALLOCATOR(void, free, void *p) {
  if (FFIPIN_LIKELY(ffipin_alloc_free_is_plain())) {
    __libc_free(p); /* a tail call: nothing recorded, nothing held */
    return;
  }
  if (!p) return;
  ffipin_alloc_on_free_inline(p);
  ffipin_alloc_free_block(p, __libc_free, FFIPIN_CALLER_PC);
}

ALLOCATOR(void *, memalign, size_t align, size_t n) {
  void *p = __libc_memalign(align, n);
  NOTE(p, n);
  return p;
}

ALLOCATOR(void *, aligned_alloc, size_t align, size_t n) {
  void *p = __libc_memalign(align, n);
  NOTE(p, n);
  return p;
}

ALLOCATOR(int, posix_memalign, void **out, size_t align, size_t n) {
  if (align % sizeof(void *) != 0 || (align & (align - 1)) != 0) return EINVAL;
  void *p = __libc_memalign(align, n);
  if (!p) return ENOMEM;
  NOTE(p, n);
  *out = p;
  return 0;
}

ALLOCATOR(void *, valloc, size_t n) {
  void *p = __libc_valloc(n);
  NOTE(p, n);
  return p;
}

ALLOCATOR(void *, pvalloc, size_t n) {
  void *p = __libc_pvalloc(n);
  NOTE(p, n);
  return p;
}
