/* Stacks: a frame-pointer unwinder and a depot that stores each distinct
 * stack once and names it by a 32-bit id (0 = no stack). Lock-free lookup;
 * never allocates with malloc (the depot grows by mmap). */
#ifndef FFIPIN_STACK_H
#define FFIPIN_STACK_H

#include "base/ffipin_common.h"
#include "base/ffipin_thread.h"

typedef uint32_t ffipin_stack_id_t;
enum { FFIPIN_MAX_STACK_DEPTH = 64 };

/* Captures the current stack: frame #0 is pc, the next frames come from the
 * frame-pointer chain starting at the frame *above* bp (bp is the frame of
 * the runtime entry point that received pc as its return address, i.e.
 * FFIPIN_FRAME in the same function that took FFIPIN_CALLER_PC). Walks at
 * most ffipin_flags.stack_depth frames, only within the current thread's
 * stack (ffipin_thread_stack_bounds). Returns the depot id. */
ffipin_stack_id_t ffipin_stack_capture(uintptr_t pc, uintptr_t bp) FFIPIN_INTERNAL;

/* The same for an entry point called from code with no managed runtime in
 * its module (pc is not a managed language's): the binding's stack switch
 * is not asked at the entry's own frame, which could be a switch point
 * only if pc were. The allocation hooks' stacks for a prebuilt C library,
 * which keeps no frame pointers, end at that frame: the switch's test was
 * most of their cost. */
ffipin_stack_id_t ffipin_stack_capture_native(uintptr_t pc, uintptr_t bp) FFIPIN_INTERNAL;
/* Whether the stack ffipin_stack_capture_native(pc, bp) takes is pc alone,
 * the common case: bp lies in this thread's stack (t: its state), and the
 * caller's frame pointer saved there is no frame above it (the caller uses
 * rbp as a register). Inline and without a call, for a hook that keeps
 * pc's one-frame stack itself: false also while the stack's top is not
 * known yet (the capture finds it). */
static FFIPIN_ALWAYS_INLINE bool ffipin_stack_native_is_pc_alone(ffipin_thread_t *t, uintptr_t bp) {
  uintptr_t hi = t->stack_hi; /* 0 until ffipin_stack_capture_native finds it */
  if (hi == 0 || hi == (uintptr_t)-1 || bp < FFIPIN_FRAME || bp % sizeof(uintptr_t) != 0 ||
      bp + 2 * sizeof(uintptr_t) > hi)
    return false;
  uintptr_t next = *(const uintptr_t *)bp;
  return next % sizeof(uintptr_t) != 0 || next <= bp || next > hi - 2 * sizeof(uintptr_t);
}

/* The same for an interrupted context (a fault): frame #0 is pc, frame #1
 * the return address saved in the frame fp itself points to (the faulting
 * function's frame pointer), then the chain above it. */
ffipin_stack_id_t ffipin_stack_capture_context(uintptr_t pc, uintptr_t fp) FFIPIN_INTERNAL;

/* A stack that crossed from a foreign call's C frames into the managed
 * runtime's own stack (a cgo call's goroutine stack) holds this value
 * between the two parts; it is never a return address. */
#define FFIPIN_STACK_SWITCH_MARK ((uintptr_t)1)

/* A binding that knows how its foreign calls switch stacks lets the
 * unwinder follow them: called when the frame chain leaves the bounds it
 * walks in, with the last frame inside them (whose saved frame pointer
 * left). Returns true, the frame to continue from and the bounds of the
 * stack it lies in, only when that stack is certainly mapped and its frames
 * can be read directly. */
typedef bool (*ffipin_stack_switch_fn)(uintptr_t last_frame, uintptr_t *next_frame, uintptr_t *lo,
                                       uintptr_t *hi);
void ffipin_stack_set_switch(ffipin_stack_switch_fn fn) FFIPIN_INTERNAL;

/* Stores an explicit list of frames (e.g. a single caller pc). */
ffipin_stack_id_t ffipin_stack_from_pcs(const uintptr_t *pcs, size_t n) FFIPIN_INTERNAL;

/* The frames of a stored stack; returns their number (0 for id 0). */
size_t ffipin_stack_get(ffipin_stack_id_t id, const uintptr_t **pcs) FFIPIN_INTERNAL;

/* For fork: hold/release the depot's insert lock. */
void ffipin_stack_lock(void) FFIPIN_INTERNAL;
void ffipin_stack_unlock(void) FFIPIN_INTERNAL;

#endif
