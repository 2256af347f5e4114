/* Explicit pins, keyed by base address. Pins of one base nest; the shadow
 * carries the "is pinned" answer for any address, this table carries the
 * count and the stack of the pin that started it. */
#ifndef FFIPIN_PINS_H
#define FFIPIN_PINS_H

#include "base/ffipin_common.h"
#include "diag/ffipin_stack.h"

typedef struct {
  uintptr_t base; /* the table's key */
  uintptr_t size;
  unsigned count;
  ffipin_stack_id_t stack; /* the pin that took the count from 0 to 1 */
  uint32_t tid;
} ffipin_pin_t;

/* Pins [base, base+size) (size > 0, the range below FFIPIN_SHADOW_LIMIT:
 * the interface checks it); a base that is already pinned keeps its first
 * size and only counts up. */
void ffipin_pins_add(uintptr_t base, uintptr_t size, ffipin_stack_id_t stack,
                     uint32_t tid) FFIPIN_INTERNAL;

typedef enum {
  FFIPIN_UNPIN_NOT_PINNED, /* bad-unpin */
  FFIPIN_UNPIN_NESTED,     /* count still above zero */
  FFIPIN_UNPIN_ENDED,      /* count reached zero: *ended describes the pin */
} ffipin_unpin_result_t;
ffipin_unpin_result_t ffipin_pins_remove(uintptr_t base, ffipin_pin_t *ended) FFIPIN_INTERNAL;

/* Copies the live pin of base to *out; false if base is not pinned. */
bool ffipin_pins_lookup(uintptr_t base, ffipin_pin_t *out) FFIPIN_INTERNAL;

/* Copies out up to max live pins starting at *cursor (0 to begin); returns
 * how many were copied; 0 when done. For the pin-leak check. */
size_t ffipin_pins_snapshot(size_t *cursor, ffipin_pin_t *out, size_t max) FFIPIN_INTERNAL;

void ffipin_pins_lock(void) FFIPIN_INTERNAL;
void ffipin_pins_unlock(void) FFIPIN_INTERNAL;

#endif
