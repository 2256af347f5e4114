/* Which addresses are pinned: a pin count per 8-byte granule, kept in a
 * radix tree over the whole 57-bit address space (5-level paging) that is
 * allocated lazily where something is pinned. A pin that covers a whole
 * 16 KiB block, 2 MiB leaf, 1 GiB or 512 GiB region counts at that level
 * instead of in each granule, so any pin costs O(log) updates and memory
 * (a 1 TiB pin is a few counters), and "is addr pinned?" is a walk of five
 * levels. Granule counts are 16 bits with the excess kept aside, so depth
 * never wraps. Shadow pages whose counts all drop to zero go back to the
 * system (asked for by ffipin_shadow_reclaim_due). Every update runs under
 * a pin shard lock (model/ffipin_pins.c); lookups take no lock. */
#ifndef FFIPIN_SHADOW_H
#define FFIPIN_SHADOW_H

#include "base/ffipin_common.h"

enum { FFIPIN_GRANULE_SHIFT = 3 };
/* Addresses the shadow covers: [0, 2^57). */
#define FFIPIN_SHADOW_LIMIT ((uintptr_t)1 << 57)

/* Adds delta (+1 or -1) to the pin count of every granule that overlaps
 * [base, base+size) (size > 0, base + size <= FFIPIN_SHADOW_LIMIT). A -1
 * must match an earlier +1 of the same range. */
void ffipin_shadow_pin_add(uintptr_t base, uintptr_t size, int delta) FFIPIN_INTERNAL;
/* True if the granule holding addr is covered by at least one pin. */
bool ffipin_shadow_pinned(uintptr_t addr) FFIPIN_INTERNAL;
/* Shadow pages became empty: the caller should take every pin shard lock
 * and call ffipin_shadow_reclaim. */
bool ffipin_shadow_reclaim_due(void) FFIPIN_INTERNAL;
/* Gives the empty shadow pages noted so far back to the system. The caller
 * holds every pin shard lock (no update can run). */
void ffipin_shadow_reclaim(void) FFIPIN_INTERNAL;

void ffipin_shadow_overflow_lock(void) FFIPIN_INTERNAL;
void ffipin_shadow_overflow_unlock(void) FFIPIN_INTERNAL;
void ffipin_shadow_reclaim_lock(void) FFIPIN_INTERNAL;
void ffipin_shadow_reclaim_unlock(void) FFIPIN_INTERNAL;

#endif
