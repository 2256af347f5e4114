/* Three-level shadow: top[addr >> 30] -> mid[(addr >> 21) & 511] -> leaf of
 * 2 MiB / 8 granules of uint16_t (512 KiB, MAP_NORESERVE: only touched pages
 * cost memory). Directly mapped shadow (ASan's scheme) is not an option: it
 * would collide with ASan's own shadow when both run in one process. */
#include "model/ffipin_shadow.h"

#include "base/ffipin_message.h"
#include "base/ffipin_sys.h"

enum {
  TOP_SHIFT = 30,
  MID_SHIFT = 21,
  MID_ENTRIES = 1 << (TOP_SHIFT - MID_SHIFT),
  TOP_ENTRIES = 1 << (47 - TOP_SHIFT), /* x86-64 user space */
  LEAF_GRANULES = 1 << (MID_SHIFT - FFIPIN_GRANULE_SHIFT),
};

typedef uint16_t *leaf_t;        /* a leaf: 2 MiB of address space */
static leaf_t *top[TOP_ENTRIES]; /* 1 MiB of bss, untouched pages are free */

/* Publishes a freshly mapped table in *slot, or drops it if another thread
 * won the race. */
static void *install(void **slot, size_t size) {
  void *mine = ffipin_map_or_die(size, "the shadow");
  void *expected = NULL;
  if (__atomic_compare_exchange_n(slot, &expected, mine, false, __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE))
    return mine;
  ffipin_unmap(mine, size);
  return expected;
}

static uint16_t *granule(uintptr_t addr, bool create) {
  uintptr_t t = addr >> TOP_SHIFT;
  if (t >= TOP_ENTRIES) return NULL;
  leaf_t *mid = __atomic_load_n(&top[t], __ATOMIC_ACQUIRE);
  if (!mid) {
    if (!create) return NULL;
    mid = install((void **)&top[t], MID_ENTRIES * sizeof(leaf_t));
  }
  uintptr_t m = (addr >> MID_SHIFT) & (MID_ENTRIES - 1);
  leaf_t leaf = __atomic_load_n(&mid[m], __ATOMIC_ACQUIRE);
  if (!leaf) {
    if (!create) return NULL;
    leaf = install((void **)&mid[m], LEAF_GRANULES * sizeof(uint16_t));
  }
  return &leaf[(addr >> FFIPIN_GRANULE_SHIFT) & (LEAF_GRANULES - 1)];
}

/* Calls fn on each granule of [base, base+size), re-resolving the leaf only
 * at 2 MiB boundaries. Stops early when fn returns true. */
static bool for_each_granule(uintptr_t base, uintptr_t size, bool create,
                             bool (*fn)(uint16_t *g, int arg), int arg) {
  if (size == 0) size = 1;
  uintptr_t g = base >> FFIPIN_GRANULE_SHIFT;
  uintptr_t last = (base + size - 1) >> FFIPIN_GRANULE_SHIFT;
  while (g <= last) {
    uintptr_t addr = g << FFIPIN_GRANULE_SHIFT;
    uintptr_t leaf_end = ((addr >> MID_SHIFT) + 1) << (MID_SHIFT - FFIPIN_GRANULE_SHIFT);
    uintptr_t stop = last + 1 < leaf_end ? last + 1 : leaf_end;
    uint16_t *p = granule(addr, create);
    if (p) {
      for (uintptr_t i = g; i < stop; i++, p++)
        if (fn(p, arg)) return true;
    }
    g = stop;
  }
  return false;
}

static bool add_depth(uint16_t *g, int delta) {
  if (delta > 0) {
    /* Clear ENDED and bump the depth in one atomic step. */
    uint16_t old = __atomic_load_n(g, __ATOMIC_RELAXED), val;
    do {
      val = (uint16_t)(((old & FFIPIN_SHADOW_DEPTH_MASK) + 1) | (old & FFIPIN_SHADOW_HELD));
    } while (!__atomic_compare_exchange_n(g, &old, val, true, __ATOMIC_RELEASE, __ATOMIC_RELAXED));
  } else {
    uint16_t old = __atomic_load_n(g, __ATOMIC_RELAXED), val;
    do {
      unsigned depth = old & FFIPIN_SHADOW_DEPTH_MASK;
      if (depth == 0) return false; /* unbalanced: pins.c prevents this */
      val = (uint16_t)((depth - 1) | (old & FFIPIN_SHADOW_HELD) |
                       (depth == 1 ? FFIPIN_SHADOW_ENDED : 0));
    } while (!__atomic_compare_exchange_n(g, &old, val, true, __ATOMIC_RELEASE, __ATOMIC_RELAXED));
  }
  return false;
}

void ffipin_shadow_pin_add(uintptr_t base, uintptr_t size, int delta) {
  for_each_granule(base, size, delta > 0, add_depth, delta);
}

bool ffipin_shadow_pinned(uintptr_t addr) {
  uint16_t *g = granule(addr, false);
  return g && (__atomic_load_n(g, __ATOMIC_ACQUIRE) & FFIPIN_SHADOW_DEPTH_MASK);
}

void ffipin_shadow_mark_held(uintptr_t addr) {
  uint16_t *g = granule(addr, true);
  if (!(__atomic_load_n(g, __ATOMIC_RELAXED) & FFIPIN_SHADOW_HELD))
    __atomic_fetch_or(g, (uint16_t)FFIPIN_SHADOW_HELD, __ATOMIC_RELEASE);
}

static bool is_held(uint16_t *g, int unused) {
  return __atomic_load_n(g, __ATOMIC_ACQUIRE) & FFIPIN_SHADOW_HELD;
}

bool ffipin_shadow_any_held(uintptr_t base, uintptr_t size) {
  return for_each_granule(base, size, false, is_held, 0);
}

static bool clear_held(uint16_t *g, int unused) {
  if (__atomic_load_n(g, __ATOMIC_RELAXED) & FFIPIN_SHADOW_HELD)
    __atomic_fetch_and(g, (uint16_t)~FFIPIN_SHADOW_HELD, __ATOMIC_RELEASE);
  return false;
}

void ffipin_shadow_clear_held(uintptr_t base, uintptr_t size) {
  for_each_granule(base, size, false, clear_held, 0);
}
