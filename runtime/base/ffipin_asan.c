/* ASan's public fake-stack interface (sanitizer/asan_interface.h), weak:
 * present only when ASan's runtime is linked in. Both functions are
 * lock-free reads of the thread's fake stack; the first may map it, which
 * ASan does on the thread's first instrumented call anyway, and a slot in
 * a fake frame means that call was made. */
#include "base/ffipin_fake_stack.h"

#include <stddef.h>

extern void *__asan_get_current_fake_stack(void) __attribute__((weak));
extern void *__asan_addr_is_in_fake_stack(void *fake_stack, void *addr, void **beg, void **end)
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
