/* The fake-stack functions are lock-free reads of the thread's fake stack;
 * the first may map it, which ASan does on the thread's first instrumented
 * call anyway, and a slot in a fake frame means that call was made.
 * __asan_get_shadow_mapping reads two constants. */
#include "base/ffipin_asan.h"

#include <stddef.h>

extern void *__asan_get_current_fake_stack(void) __attribute__((weak));
extern void *__asan_addr_is_in_fake_stack(void *fake_stack, void *addr, void **beg, void **end)
    __attribute__((weak));
extern void __asan_get_shadow_mapping(size_t *shadow_scale, size_t *shadow_offset)
    __attribute__((weak));

bool ffipin_fake_stack_live_frame(uintptr_t addr, uintptr_t from) {
  if (!__asan_get_current_fake_stack || !__asan_addr_is_in_fake_stack) return false;
  void *fake = __asan_get_current_fake_stack();
  if (!fake) return false;
  /* The frame's address on the real stack, if addr is in a fake frame that
   * has not returned (ASan checks the frame's magic). */
  void *real = __asan_addr_is_in_fake_stack(fake, (void *)addr, NULL, NULL);
  return real && (uintptr_t)real >= from;
}

/* ASan maps the user address space [0, 2^47) on x86-64 (2^48 elsewhere) to
 * offset + (addr >> scale) (asan_mapping.h); the part of that range that
 * shadows the shadow itself is a PROT_NONE gap, which no scan reads. */
bool ffipin_asan_shadow(uintptr_t *lo, uintptr_t *hi) {
  if (!__asan_get_shadow_mapping) return false;
  size_t scale = 0, offset = 0;
  __asan_get_shadow_mapping(&scale, &offset);
#if defined(__x86_64__)
  const unsigned va_bits = 47;
#else
  const unsigned va_bits = 48;
#endif
  if (scale == 0 || scale >= va_bits) return false;
  *lo = offset;
  *hi = offset + (((uintptr_t)1 << va_bits) >> scale);
  return *hi > *lo;
}
