/* Whether a module's code keeps the frame chain: rbp pointing at the
 * caller's saved rbp, the return address above it. Code built without
 * frame pointers (Debian's libraries, glibc) uses rbp as one more register,
 * and where it happens to hold the address of something on the stack that
 * looks like a frame, a walk of "frames" from it reads return addresses
 * that never were (a block a prebuilt library allocated got the stack
 * "#1 0x00414141413f (<unknown module>)"), and the allocation hook took its
 * slow way on every such block. Judged once per module, the first time a
 * caller in it is asked about, from the prologues of functions sampled
 * evenly from its .eh_frame_hdr table: most built with frame pointers begin
 * `push %rbp; mov %rsp,%rbp` (after an endbr64), almost none built without
 * do. Safe reads only; callable from the allocation hooks. */
#ifndef FFIPIN_MODULE_FRAMES_H
#define FFIPIN_MODULE_FRAMES_H

#include "base/ffipin_common.h"

/* True when most of the module's sampled functions set up no frame
 * pointer; false when most do, and when it cannot be told (no table, a
 * table encoded otherwise, unreadable): then rbp is judged at each call, as
 * for code that keeps the chain. */
bool ffipin_module_omits_frames(unsigned id) FFIPIN_INTERNAL;

#endif
