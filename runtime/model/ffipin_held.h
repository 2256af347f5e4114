/* Held slots: C-resident addresses that were last seen holding a pointer
 * into foreign memory, with the stack of the store. Entries can go stale
 * (the pass does not see stores of non-foreign values), so every consumer
 * re-reads the slot before believing an entry. */
#ifndef FFIPIN_HELD_H
#define FFIPIN_HELD_H

#include "base/ffipin_common.h"
#include "diag/ffipin_stack.h"

typedef struct {
  uintptr_t slot;          /* the table's key */
  uintptr_t value;         /* the pointer stored there */
  ffipin_stack_id_t stack; /* the store */
  uint32_t tid;            /* the storing thread */
} ffipin_held_t;

/* Records (or updates) slot -> value. */
void ffipin_held_record(uintptr_t slot, uintptr_t value, ffipin_stack_id_t stack,
                        uint32_t tid) FFIPIN_INTERNAL;
/* Copies slot's entry to *out; false if the slot is not tracked. */
bool ffipin_held_lookup(uintptr_t slot, ffipin_held_t *out) FFIPIN_INTERNAL;
/* Forgets the entry of slot if it still records `value`. */
void ffipin_held_forget_if(uintptr_t slot, uintptr_t value) FFIPIN_INTERNAL;
/* Forgets every slot in [lo, hi) (freed or unmapped memory). */
void ffipin_held_forget_range(uintptr_t lo, uintptr_t hi) FFIPIN_INTERNAL;
/* Moves the slots in [lo, hi) to new_lo onwards (realloc moved the block). */
void ffipin_held_move_range(uintptr_t lo, uintptr_t hi, uintptr_t new_lo) FFIPIN_INTERNAL;
/* Records copies of the slots in [lo, hi) at new_lo onwards (memcpy), as
 * stored by thread tid at the stack captured from pc/bp (only if anything
 * was copied). */
void ffipin_held_copy_range(uintptr_t lo, uintptr_t hi, uintptr_t new_lo, uintptr_t pc,
                            uintptr_t bp, uint32_t tid) FFIPIN_INTERNAL;
/* Number of entries (stale ones included); a cheap "anything held?" test. */
size_t ffipin_held_size(void) FFIPIN_INTERNAL;

/* Finds entries whose slot, re-read now, still points into [vlo, vhi).
 * Stale entries met on the way are dropped. Copies up to max matches,
 * resuming at *cursor (start with 0); returns how many; 0 when done.
 * The copies carry the value read now. */
size_t ffipin_held_scan(uintptr_t vlo, uintptr_t vhi, size_t *cursor, ffipin_held_t *out,
                        size_t max) FFIPIN_INTERNAL;
/* Same, for the entries stored by thread tid whose slot, re-read now, still
 * holds something inside the fast path's bounds. */
size_t ffipin_held_scan_thread(uint32_t tid, size_t *cursor, ffipin_held_t *out,
                               size_t max) FFIPIN_INTERNAL;

/* Re-reads slot: true and *now set if it is still readable. */
bool ffipin_held_reread(uintptr_t slot, uintptr_t *now) FFIPIN_INTERNAL;

void ffipin_held_lock(void) FFIPIN_INTERNAL;
void ffipin_held_unlock(void) FFIPIN_INTERNAL;

#endif
