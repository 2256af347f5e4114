/* The callback runs Go code, which may map memory (x_cgo_mmap reaches
 * __ffipin_go_mmap): the recursion guard is released meanwhile, and the
 * batches are small arrays on this frame. */
#include "ffipin_go_objects.h"

/* bindings/go/glue/runtime_cgo_ffipin.go; absent from plain cgo builds. */
extern void ffipinGoObjects(uintptr_t *ptrs, size_t n, uintptr_t *bases, uintptr_t *sizes)
    __attribute__((weak));

void ffipin_go_objects(ffipin_thread_t *t, const uintptr_t *ptrs, size_t n, uintptr_t *bases,
                       uintptr_t *sizes) {
  enum { BATCH = 64 };
  for (size_t i = 0; i < n; i++) bases[i] = sizes[i] = 0;
  if (!ffipinGoObjects) return;
  int guard = t->in_runtime;
  t->in_runtime = 0;
  for (size_t i = 0; i < n; i += BATCH) {
    uintptr_t p[BATCH], b[BATCH], s[BATCH];
    size_t k = n - i < BATCH ? n - i : BATCH;
    for (size_t j = 0; j < k; j++) p[j] = ptrs[i + j];
    ffipinGoObjects(p, k, b, s);
    for (size_t j = 0; j < k; j++) bases[i + j] = b[j], sizes[i + j] = s[j];
  }
  t->in_runtime = guard;
}
