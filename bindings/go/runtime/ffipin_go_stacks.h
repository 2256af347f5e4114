/* Go stacks in reports. A cgo call runs its C half on the thread's system
 * stack, switched to by the Go runtime's asmcgocall; the frame-pointer
 * unwinder crosses that switch here (the goroutine's frames follow the C
 * ones, after FFIPIN_STACK_SWITCH_MARK), and the frame policy keeps cgo's
 * generated glue and the Go runtime's plumbing out of the printed stacks and
 * the SUMMARY line. */
#ifndef FFIPIN_GO_STACKS_H
#define FFIPIN_GO_STACKS_H

#include "base/ffipin_common.h"

/* For a C function that asmcgocall called directly, from its frame
 * pointer: the goroutine stack it left, [*lo, *hi), with *sp the
 * goroutine's stack pointer at the switch and *fp its frame pointer. False
 * if frame is not such a frame (asmcgocall's no-switch path included: a call
 * made on the system stack already). */
bool ffipin_go_switch_frame(uintptr_t frame, uintptr_t *fp, uintptr_t *sp, uintptr_t *lo,
                            uintptr_t *hi) FFIPIN_INTERNAL;

/* Lets the unwinder cross from a cgo call's C frames onto the goroutine's
 * stack (done before main when the program links runtime/cgo, and by the
 * Go runtime's start hook). */
void ffipin_go_stacks_install(void) FFIPIN_INTERNAL;

#endif
