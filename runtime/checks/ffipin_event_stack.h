/* The stack of an event (a store, a pin, an unpin, a call): captured from
 * the caller's pc and frame, or, for a call the runtime kept and replays
 * later (entry/ffipin_init.h: its frames are gone, bp is 0), the caller's
 * pc alone. */
#ifndef FFIPIN_EVENT_STACK_H
#define FFIPIN_EVENT_STACK_H

#include "diag/ffipin_stack.h"

static inline ffipin_stack_id_t ffipin_event_stack(uintptr_t pc, uintptr_t bp) {
  return bp ? ffipin_stack_capture(pc, bp) : ffipin_stack_from_pcs(&pc, 1);
}

#endif
