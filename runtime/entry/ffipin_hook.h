/* The exported entry points' common shape: a body do_<Name>(t, a0, a1, a2,
 * a3, pc, bp) that does the work with the thread's guard held, an exported
 * __ffipin_<Name> that takes its caller's pc and frame (so stacks start
 * at the caller, never in the runtime) and runs the body through the hook
 * entry sequence, and the replay of a call that was kept because the
 * runtime was busy on the thread (its stack is then the caller's pc
 * alone). */
#ifndef FFIPIN_HOOK_H
#define FFIPIN_HOOK_H

#include "entry/ffipin_init.h"

#define FFIPIN_DEFERRABLE_HOOK(Name, Params, A0, A1, A2, A3)                                       \
  FFIPIN_DEFERRABLE_HOOK_WITH(, Name, Params, A0, A1, A2, A3)

/* The same with an attribute for the exported function (the pass's
 * callbacks use the calling convention of base/ffipin_abi.h). */
#define FFIPIN_DEFERRABLE_HOOK_WITH(Attr, Name, Params, A0, A1, A2, A3)                            \
  static void replay_##Name(ffipin_thread_t *t, const ffipin_deferred_t *d) {                      \
    do_##Name(t, d->arg[0], d->arg[1], d->arg[2], d->arg[3], d->pc, 0);                            \
  }                                                                                                \
  FFIPIN_EXPORT FFIPIN_NOINLINE Attr void __ffipin_##Name Params {                                 \
    uintptr_t pc = FFIPIN_CALLER_PC, bp = FFIPIN_FRAME;                                            \
    ffipin_thread_t *t = ffipin_enter_or_defer(replay_##Name, (uintptr_t)(A0), (uintptr_t)(A1),    \
                                               (uintptr_t)(A2), (uintptr_t)(A3), pc);              \
    if (!t) return;                                                                                \
    do_##Name(t, (uintptr_t)(A0), (uintptr_t)(A1), (uintptr_t)(A2), (uintptr_t)(A3), pc, bp);      \
    ffipin_leave(t);                                                                               \
  }

#endif
