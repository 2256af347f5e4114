/* Calls fn(arg) with rbp pointing at `frame`, as if fn's caller's frame
 * were it: the unwinder, starting from fn, then walks a chain the test
 * crafted (frame[0] the next frame, frame[1] a return address, and for an
 * asmcgocall-like frame frame[2] the depth and frame[3] the g). The frame
 * must lie above the stack pointer: in the caller's frame, which calls. */
#ifndef FFIPIN_TEST_CALL_UNDER_FRAME_H
#define FFIPIN_TEST_CALL_UNDER_FRAME_H

#include <stdint.h>

__attribute__((noinline)) static void call_under_frame(volatile uintptr_t *frame,
                                                       void (*fn)(void *), void *arg) {
  __asm__ volatile("push %%rbp\n\t"
                   "sub $8, %%rsp\n\t" /* 16-byte aligned at the call */
                   "mov %1, %%rbp\n\t"
                   "call *%2\n\t"
                   "add $8, %%rsp\n\t"
                   "pop %%rbp"
                   : "+D"(arg) /* fn's argument, which fn may change */
                   : "r"(frame), "r"(fn)
                   : "memory", "cc", "rax", "rcx", "rdx", "rsi", "r8", "r9", "r10", "r11");
}

#endif
