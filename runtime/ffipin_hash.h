/* The runtime's tables are open-addressing hash tables keyed by an address
 * (linear probing, backward-shift deletion, growth by doubling into fresh
 * mappings). This is the shared part: the hash and the probe arithmetic. */
#ifndef FFIPIN_HASH_H
#define FFIPIN_HASH_H

#include "ffipin_common.h"

/* Fibonacci hashing of an address; low bits are alignment and carry little. */
static inline size_t ffipin_hash_addr(uptr key, size_t mask) {
  return (size_t)(((uint64_t)key * 0x9E3779B97F4A7C15ull) >> 17) & mask;
}

/* For backward-shift deletion: may the entry whose home is `home` move into
 * the hole at `hole`, given it now sits at `at`? (cyclic interval test) */
static inline bool ffipin_hash_can_fill(size_t home, size_t hole, size_t at) {
  return hole <= at ? (home <= hole || home > at) : (home <= hole && home > at);
}

#endif
