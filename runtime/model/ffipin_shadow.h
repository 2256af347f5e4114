/* Shadow of foreign memory: 16 bits per 8-byte granule, allocated lazily in
 * 2 MiB leaves (only where something was pinned or pointed at). It answers
 * "is this address pinned?" without a lookup structure, and "might C hold a
 * pointer into this range?" so that an unpin with nothing held costs no scan.
 * The ENDED bit is set when a granule's last pin ends, so use-after-unpin
 * access checks can be added later by reading the same shadow. */
#ifndef FFIPIN_SHADOW_H
#define FFIPIN_SHADOW_H

#include "base/ffipin_common.h"

enum {
  FFIPIN_GRANULE_SHIFT = 3,
  FFIPIN_SHADOW_DEPTH_MASK = 0x3fff, /* number of pinned ranges covering it */
  FFIPIN_SHADOW_HELD = 0x4000,       /* a held slot pointed here (a hint) */
  FFIPIN_SHADOW_ENDED = 0x8000,      /* was pinned, and every pin has ended */
};

/* Adds delta (+1 or -1) to the pin depth of every granule of [base, base+size). */
void ffipin_shadow_pin_add(uintptr_t base, uintptr_t size, int delta) FFIPIN_INTERNAL;
/* True if the granule holding addr is covered by at least one pin. */
bool ffipin_shadow_pinned(uintptr_t addr) FFIPIN_INTERNAL;
/* Marks the granule holding addr as pointed at by a held slot. */
void ffipin_shadow_mark_held(uintptr_t addr) FFIPIN_INTERNAL;
/* True if any granule of [base, base+size) is marked held. */
bool ffipin_shadow_any_held(uintptr_t base, uintptr_t size) FFIPIN_INTERNAL;
/* Clears the held marks of [base, base+size). */
void ffipin_shadow_clear_held(uintptr_t base, uintptr_t size) FFIPIN_INTERNAL;

#endif
