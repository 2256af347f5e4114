/* ASan's fake stack. With stack-use-after-return detection (on by default
 * since LLVM 15), ASan moves each frame whose locals' addresses escape into
 * a "fake frame" in memory it maps per thread, and retires it when the
 * function returns. Such a local is still the function's own: it dies with
 * the frame, as a local on the real stack does. */
#ifndef FFIPIN_FAKE_STACK_H
#define FFIPIN_FAKE_STACK_H

#include <stdbool.h>
#include <stdint.h>

#include "base/ffipin_common.h"

/* Whether addr lies in a live fake frame of the calling thread whose place
 * on the real stack is at or above `from` (a frame live at the caller).
 * False without ASan in the process. Takes no lock and allocates nothing. */
bool ffipin_fake_stack_live_frame(uintptr_t addr, uintptr_t from) FFIPIN_INTERNAL;

#endif
