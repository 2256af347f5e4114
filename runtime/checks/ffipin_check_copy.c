/* Copies and moves of memory that holds tracked pointers. Each destination
 * word is judged as a store of what it now holds (re-read from the bytes
 * just written), so a stale source entry carries nothing, and copies into
 * managed memory or the live stack are no held slots. */
#include "checks/ffipin_check_copy.h"

#include "model/ffipin_bounds.h"
#include "model/ffipin_held.h"

enum { BATCH = 16 };

/* The source's held slots, walked away from the destination (downwards
 * when copying up), so that a slot recorded at the destination is never
 * met again as a source. site NULL: each moved slot keeps its own store. */
static void carry(ffipin_thread_t *t, uintptr_t lo, uintptr_t hi, uintptr_t new_lo, uint64_t until,
                  ffipin_store_site_t *site) {
  if (new_lo == lo || !ffipin_held_size()) return;
  ffipin_held_cursor_t cursor = FFIPIN_HELD_CURSOR_INIT;
  ffipin_held_t batch[BATCH];
  size_t n;
  while ((n = ffipin_held_slots_in(lo, hi, new_lo > lo, until, &cursor, batch, BATCH))) {
    for (size_t i = 0; i < n; i++) {
      if (batch[i].slot + sizeof(uintptr_t) > hi) continue; /* its word was cut */
      uintptr_t to = batch[i].slot - lo + new_lo, word;
      __builtin_memcpy(&word, (const void *)to, sizeof(word)); /* just written: readable */
      if (!ffipin_bounds_may_contain(word)) continue;
      ffipin_store_site_t own = {batch[i].stack, batch[i].tid, 0, 0, 0};
      ffipin_check_store(t, to, word, FFIPIN_STORE_GUESS, site ? site : &own);
    }
  }
}

void ffipin_check_copy(ffipin_thread_t *t, uintptr_t dst, uintptr_t src, uintptr_t n,
                       ffipin_store_site_t *site) {
  carry(t, src, src + n, dst, UINT64_MAX, site);
}

void ffipin_check_block_moved(ffipin_thread_t *t, uintptr_t from, uintptr_t kept, uintptr_t to,
                              uint64_t until) {
  carry(t, from, from + kept, to, until, NULL);
}
