/* Held slots: C-resident addresses that were last seen holding a pointer
 * into foreign memory, with the stack of the store. Entries can go stale
 * (the pass does not see stores of non-foreign values), so every consumer
 * re-reads the slot before believing an entry. Indexed both by slot (for
 * stores, frees and copies of blocks) and by value (for the end of a lend),
 * so every query costs what it finds plus a logarithm, whatever else is
 * held. */
#ifndef FFIPIN_HELD_H
#define FFIPIN_HELD_H

#include "base/ffipin_common.h"
#include "diag/ffipin_stack.h"

typedef struct {
  uintptr_t slot;          /* the index's key */
  uintptr_t value;         /* the pointer stored there */
  uint64_t stamp;          /* this recording of the slot (each store gets a new one) */
  ffipin_stack_id_t stack; /* the store */
  uint32_t tid;            /* the storing thread */
  bool end_pointer;        /* value was one past the end of a pinned range when stored */
} ffipin_held_t;

/* Where a walk resumes: start from FFIPIN_HELD_CURSOR_INIT. Walks see every
 * entry that stays in the index while they run, whatever else changes. */
typedef struct {
  uintptr_t value, slot; /* the last entry handed out */
  bool started;
} ffipin_held_cursor_t;
#define FFIPIN_HELD_CURSOR_INIT {0, 0, false}

/* Records (or updates) slot -> value; returns the recording's stamp. */
uint64_t ffipin_held_record(uintptr_t slot, uintptr_t value, ffipin_stack_id_t stack, uint32_t tid,
                            bool end_pointer) FFIPIN_INTERNAL;
/* Copies slot's entry to *out; false if the slot is not tracked. */
bool ffipin_held_lookup(uintptr_t slot, ffipin_held_t *out) FFIPIN_INTERNAL;
/* Forgets slot's entry if it is still the recording with this stamp (a
 * newer store of the slot, even of the same value, is kept). */
void ffipin_held_forget_if(uintptr_t slot, uint64_t stamp) FFIPIN_INTERNAL;
/* Forgets every slot in [lo, hi) (freed or unmapped memory). */
void ffipin_held_forget_range(uintptr_t lo, uintptr_t hi) FFIPIN_INTERNAL;
/* The same for the slots recorded up to stamp `until` only: memory that
 * another thread may have reused meanwhile keeps what that thread stored. */
void ffipin_held_forget_range_until(uintptr_t lo, uintptr_t hi, uint64_t until) FFIPIN_INTERNAL;
/* The stamp of the latest recording so far (recordings after this call get
 * larger ones). */
uint64_t ffipin_held_last_stamp(void) FFIPIN_INTERNAL;
/* [lo, hi) is being moved (realloc: the old block is freed before its
 * slots are carried to the new one): until moving_end, no walk drops an
 * entry there for going stale (the freed bytes change under it). False if
 * too many moves are under way (then nothing is held back). */
bool ffipin_held_moving_begin(uintptr_t lo, uintptr_t hi) FFIPIN_INTERNAL;
void ffipin_held_moving_end(uintptr_t lo, uintptr_t hi) FFIPIN_INTERNAL;
/* True if e (a copy) is still the slot's recording, and the slot is not
 * being moved: what a re-read of the slot read before this was the
 * program's (freeing or moving a slot drops or holds back its entry before
 * the memory goes). */
bool ffipin_held_still(const ffipin_held_t *e) FFIPIN_INTERNAL;
/* Number of entries (stale ones included); a cheap "anything held?" test,
 * made by every free (entry/ffipin_alloc_events.h), so read inline. */
extern size_t ffipin_held_used FFIPIN_INTERNAL;
static inline size_t ffipin_held_size(void) {
  return __atomic_load_n(&ffipin_held_used, __ATOMIC_RELAXED);
}

/* Copies up to max entries recorded up to stamp `until` whose slot lies in
 * [lo, hi), in slot order (downwards if down), resuming at *cursor; returns
 * how many, 0 when done. The entries are not re-read (copies and moves of
 * a block, which look at the bytes themselves). */
size_t ffipin_held_slots_in(uintptr_t lo, uintptr_t hi, bool down, uint64_t until,
                            ffipin_held_cursor_t *cursor, ffipin_held_t *out,
                            size_t max) FFIPIN_INTERNAL;
/* Finds entries whose slot, re-read now, still points into [vlo, vlast]
 * (inclusive: vlast may be the top of the address space). Stale entries
 * met on the way are dropped. Copies up to max matches, resuming at
 * *cursor; returns how many; 0 when done. The copies carry the value read
 * now. */
size_t ffipin_held_scan(uintptr_t vlo, uintptr_t vlast, ffipin_held_cursor_t *cursor,
                        ffipin_held_t *out, size_t max) FFIPIN_INTERNAL;
/* Same, for the entries stored by thread tid whose slot, re-read now, still
 * holds something inside the fast path's bounds (a walk of every entry). */
size_t ffipin_held_scan_thread(uint32_t tid, ffipin_held_cursor_t *cursor, ffipin_held_t *out,
                               size_t max) FFIPIN_INTERNAL;

/* Re-reads slot: true and *now set if it is still readable. */
bool ffipin_held_reread(uintptr_t slot, uintptr_t *now) FFIPIN_INTERNAL;

void ffipin_held_lock(void) FFIPIN_INTERNAL;
void ffipin_held_unlock(void) FFIPIN_INTERNAL;

#endif
