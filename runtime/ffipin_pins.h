/* Explicit pins, keyed by base address. Pins of one base nest; the shadow
 * carries the "is pinned" answer for any address, this table carries the
 * count and the stack of the pin that started it. */
#ifndef FFIPIN_PINS_H
#define FFIPIN_PINS_H

#include "ffipin_stack.h"
#include "ffipin_thread.h"

typedef struct {
  uptr base, size;
  unsigned count;
  ffipin_stack_id stack; /* the pin that took the count from 0 to 1 */
  uint32_t tid;
} ffipin_pin;

/* Pins [base, base+size); a base that is already pinned keeps its first
 * size and only counts up. */
void ffipin_pins_add(uptr base, uptr size, ffipin_stack_id stack, uint32_t tid) FFIPIN_INTERNAL;

typedef enum {
  ffipin_unpin_not_pinned, /* bad-unpin */
  ffipin_unpin_nested,     /* count still above zero */
  ffipin_unpin_ended,      /* count reached zero: *ended describes the pin */
} ffipin_unpin_result;
ffipin_unpin_result ffipin_pins_remove(uptr base, ffipin_pin *ended) FFIPIN_INTERNAL;

/* Copies out up to max live pins starting at *cursor (0 to begin); returns
 * how many were copied; 0 when done. For the pin-leak check. */
size_t ffipin_pins_snapshot(size_t *cursor, ffipin_pin *out, size_t max) FFIPIN_INTERNAL;

/* __ffipin_unpin's work for a caller already inside the runtime (the Go
 * support unpins objects Go no longer pins): drops one pin of base and runs
 * the bad-unpin and pin-outlived checks, with pc/bp starting the stack. */
void ffipin_unpin_at(ffipin_thread *t, uptr base, uptr pc, uptr bp) FFIPIN_INTERNAL;

void ffipin_pins_lock(void) FFIPIN_INTERNAL;
void ffipin_pins_unlock(void) FFIPIN_INTERNAL;

#endif
