/* ASan in the same process, through its public interface
 * (sanitizer/asan_interface.h), weak: present only when ASan's runtime is
 * linked in. */
#ifndef FFIPIN_ASAN_H
#define FFIPIN_ASAN_H

#include <stdbool.h>
#include <stdint.h>

#include "base/ffipin_common.h"

/* ASan's fake stack. With stack-use-after-return detection (on by default
 * since LLVM 15), ASan moves each frame whose locals' addresses escape into
 * a "fake frame" in memory it maps per thread, and retires it when the
 * function returns. Such a local is still the function's own: it dies with
 * the frame, as a local on the real stack does.
 * Whether addr lies in a live fake frame of the calling thread whose place
 * on the real stack is at or above `from` (a frame live at the caller).
 * False without ASan in the process. Takes no lock and allocates nothing. */
bool ffipin_fake_stack_live_frame(uintptr_t addr, uintptr_t from) FFIPIN_INTERNAL;

/* ASan's shadow memory: [*lo, *hi), the shadow of the whole user address
 * space, mapped writable and MAP_NORESERVE (about 16 TiB on x86-64). It
 * holds shadow bytes, never a program's pointer, so a scan for roots skips
 * it. False without ASan in the process. */
bool ffipin_asan_shadow(uintptr_t *lo, uintptr_t *hi) FFIPIN_INTERNAL;

#endif
