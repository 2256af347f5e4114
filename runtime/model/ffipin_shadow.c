/* The shadow's radix tree: the root (in bss) and three levels of interior
 * nodes split the 57-bit address space 512 ways each, down to 2 MiB leaves;
 * a leaf holds a 16-bit count per 8-byte granule (512 KiB, MAP_NORESERVE:
 * only touched pages cost memory), in 128 blocks of 16 KiB of address (one
 * 4 KiB page of counts each). Every node counts, per child, the pins that
 * cover the child's whole region, and a leaf counts them per block: a pin
 * adds to the few largest pieces it covers whole, and to granules only at
 * its ragged ends. Directly mapped shadow (ASan's scheme) is not an
 * option: it would collide with ASan's own shadow when both run in one
 * process. */
#include "model/ffipin_shadow.h"

#include "base/ffipin_assert.h"
#include "base/ffipin_lock.h"
#include "base/ffipin_message.h"
#include "base/ffipin_os.h"
#include "base/ffipin_sys.h"
#include "base/ffipin_table.h"

enum {
  FANOUT_SHIFT = 9,
  FANOUT = 1 << FANOUT_SHIFT,
  ROOT_SHIFT = 48,  /* the root's children: 256 TiB each */
  LEAF_SHIFT = 21,  /* a leaf: 2 MiB */
  BLOCK_SHIFT = 14, /* a block: 16 KiB */
  BLOCKS = 1 << (LEAF_SHIFT - BLOCK_SHIFT),
  BLOCK_GRANULES = 1 << (BLOCK_SHIFT - FFIPIN_GRANULE_SHIFT),
  LEAF_GRANULES = 1 << (LEAF_SHIFT - FFIPIN_GRANULE_SHIFT),
  SATURATED = 0xffff, /* a granule count that goes on in the overflow table */
  NOTED_MAX = 64,     /* empty pages noted before they are given back */
};
_Static_assert(BLOCK_GRANULES * sizeof(uint16_t) == FFIPIN_PAGE_SIZE, "a block is a page");

typedef struct {
  void *_Atomic child[FANOUT];
  _Atomic uint32_t cover[FANOUT]; /* pins covering child i's whole region */
} node_t;

typedef struct {
  _Atomic uint32_t cover[BLOCKS]; /* pins covering block b whole */
  _Atomic uint8_t noted[BLOCKS];  /* block b's page is on the reclaim list */
  char pad[FFIPIN_PAGE_SIZE - BLOCKS * (sizeof(uint32_t) + sizeof(uint8_t))];
  _Atomic uint16_t granule[LEAF_GRANULES]; /* page-aligned: pages go back */
} leaf_t;

static node_t root; /* 6 KiB of bss, children of [0, 2^57) */
/* Pins counted in interior nodes (those that cover a whole 2 MiB leaf or
 * more): while there are none, a lookup needs only the leaf. */
static atomic_long node_covers;
/* This thread's last leaf (leaves are never freed), read and written so
 * that a signal handler that uses it meanwhile cannot tear it. */
static FFIPIN_TLS uintptr_t cached_base = 1; /* a leaf's base: 1 is none */
static FFIPIN_TLS leaf_t *cached_leaf;

// Counters

static void count_add(_Atomic uint32_t *c, int delta) {
  uint32_t old = delta > 0 ? atomic_fetch_add_explicit(c, 1, memory_order_release)
                           : atomic_fetch_sub_explicit(c, 1, memory_order_release);
  FFIPIN_CHECK(delta > 0 ? old != UINT32_MAX : old != 0);
}

/* Granule counts past SATURATED: the excess, by the count's address. */
typedef struct {
  uintptr_t key; /* the granule count's address */
  uintptr_t excess;
} excess_t;
static ffipin_lock_t overflow_lock = FFIPIN_LOCK_INIT_TYPE(shadow_overflow);
static ffipin_table_t overflow = FFIPIN_TABLE_INIT(excess_t, 64, "the shadow's deep pins");

void ffipin_shadow_overflow_lock(void) { ffipin_lock_acquire(&overflow_lock); }
void ffipin_shadow_overflow_unlock(void) { ffipin_lock_release(&overflow_lock); }

/* A saturated count changes only here, under the lock, so the excess is
 * never stranded: it is added to while the count stays SATURATED, and the
 * count leaves SATURATED only once the excess is gone. False if the count
 * was not saturated after all (the caller goes on with a plain update). */
static bool saturated_add(_Atomic uint16_t *g, int delta) {
  bool done = false;
  ffipin_lock_acquire(&overflow_lock);
  if (atomic_load_explicit(g, memory_order_relaxed) == SATURATED) {
    done = true;
    bool fresh;
    if (delta > 0) {
      excess_t *e = ffipin_table_insert(&overflow, (uintptr_t)g, &fresh);
      e->excess++;
    } else {
      excess_t *e = ffipin_table_find(&overflow, (uintptr_t)g);
      if (!e) {
        atomic_store_explicit(g, SATURATED - 1, memory_order_release);
      } else if (!--e->excess) {
        ffipin_table_erase_at(&overflow, ffipin_table_index(&overflow, e));
        ffipin_table_shrink_to_fit(&overflow);
      }
    }
  }
  ffipin_lock_release(&overflow_lock);
  return done;
}

// Giving pages back

typedef struct {
  leaf_t *leaf;
  unsigned block;
} noted_t;
static ffipin_lock_t reclaim_lock = FFIPIN_LOCK_INIT_TYPE(shadow_reclaim);
static noted_t noted[NOTED_MAX];
static unsigned nnoted;
static atomic_bool reclaim_due;

void ffipin_shadow_reclaim_lock(void) { ffipin_lock_acquire(&reclaim_lock); }
void ffipin_shadow_reclaim_unlock(void) { ffipin_lock_release(&reclaim_lock); }

/* A granule of block b dropped to zero: its page may be all zero now. */
static void note_maybe_empty(leaf_t *leaf, unsigned b) {
  if (atomic_load_explicit(&leaf->noted[b], memory_order_relaxed)) return;
  ffipin_lock_acquire(&reclaim_lock);
  if (!atomic_load_explicit(&leaf->noted[b], memory_order_relaxed) && nnoted < NOTED_MAX) {
    atomic_store_explicit(&leaf->noted[b], 1, memory_order_relaxed);
    noted[nnoted++] = (noted_t){leaf, b};
    if (nnoted == NOTED_MAX) atomic_store(&reclaim_due, true);
  }
  ffipin_lock_release(&reclaim_lock);
}

bool ffipin_shadow_reclaim_due(void) {
  return atomic_load_explicit(&reclaim_due, memory_order_relaxed);
}

void ffipin_shadow_reclaim(void) {
  noted_t batch[NOTED_MAX];
  ffipin_lock_acquire(&reclaim_lock);
  unsigned n = nnoted;
  for (unsigned i = 0; i < n; i++) batch[i] = noted[i];
  nnoted = 0;
  atomic_store(&reclaim_due, false);
  ffipin_lock_release(&reclaim_lock);
  for (unsigned i = 0; i < n; i++) {
    leaf_t *leaf = batch[i].leaf;
    unsigned b = batch[i].block;
    atomic_store_explicit(&leaf->noted[b], 0, memory_order_relaxed);
    const uint64_t *words = (const uint64_t *)&leaf->granule[b * BLOCK_GRANULES];
    bool empty = true;
    for (unsigned w = 0; w < FFIPIN_PAGE_SIZE / sizeof(uint64_t) && empty; w++)
      empty = __atomic_load_n(&words[w], __ATOMIC_RELAXED) == 0;
    /* No update runs (the caller holds every pin shard), and a reader of
     * the released page reads zero, which is what it held. */
    if (empty) ffipin_os_release((void *)words, FFIPIN_PAGE_SIZE);
  }
}

// Updates

/* Four granule counts share one 64-bit word (word-aligned in the leaf): a
 * whole word takes one compare-and-swap, not four. Locked instructions were
 * most of a pin's time: a 64-byte object is 8 granules, 16 of them for a
 * pin and its unpin (test/bench/micro/pin_unpin: 7.4 M pairs/s with one
 * per granule, 13.4 M with one per word). */
enum { WORD_GRANULES = sizeof(uint64_t) / sizeof(uint16_t) };
#define LANES_ONE 0x0001000100010001ULL
#define LANES_HIGH 0x8000800080008000ULL
/* Whether some 16-bit lane of v is zero (exact: a borrow only reaches
 * lanes above a zero one). */
static bool lane_zero(uint64_t v) { return ((v - LANES_ONE) & ~v & LANES_HIGH) != 0; }

/* Adds delta to the four counts in word w if none is SATURATED (whose
 * excess lives in the overflow table) and, for -1, none is zero (the
 * one-granule path checks that); false leaves the word to that path. */
static bool word_add(_Atomic uint64_t *w, int delta, bool *zeroed) {
  uint64_t old = atomic_load_explicit(w, memory_order_relaxed), now;
  do {
    if (lane_zero(~old) || (delta < 0 && lane_zero(old))) return false;
    now = delta > 0 ? old + LANES_ONE : old - LANES_ONE;
  } while (!atomic_compare_exchange_weak_explicit(w, &old, now, memory_order_release,
                                                  memory_order_relaxed));
  *zeroed |= delta < 0 && lane_zero(now);
  return true;
}

/* Adds delta to granules [first, end) of one block of leaf. */
static void granules_add(leaf_t *leaf, size_t first, size_t end, int delta) {
  bool zeroed = false;
  for (size_t i = first; i < end; i++) {
    if (i % WORD_GRANULES == 0 && end - i >= WORD_GRANULES &&
        word_add((_Atomic uint64_t *)&leaf->granule[i], delta, &zeroed)) {
      i += WORD_GRANULES - 1;
      continue;
    }
    _Atomic uint16_t *g = &leaf->granule[i];
    uint16_t old = atomic_load_explicit(g, memory_order_relaxed), now;
    for (;;) {
      if (FFIPIN_UNLIKELY(old == SATURATED)) {
        if (saturated_add(g, delta)) break;
        old = atomic_load_explicit(g, memory_order_relaxed);
        continue;
      }
      FFIPIN_CHECK(delta > 0 || old != 0); /* every -1 follows its +1 */
      now = (uint16_t)(old + delta);
      if (atomic_compare_exchange_weak_explicit(g, &old, now, memory_order_release,
                                                memory_order_relaxed)) {
        zeroed |= now == 0;
        break;
      }
    }
  }
  if (zeroed) note_maybe_empty(leaf, (unsigned)(first / BLOCK_GRANULES));
}

static void *child_of(node_t *n, size_t i, size_t size, bool create) {
  void *c = atomic_load_explicit(&n->child[i], memory_order_acquire);
  if (c || !create) return c;
  void *mine = ffipin_map_or_die(size, "the shadow");
  if (atomic_compare_exchange_strong_explicit(&n->child[i], &c, mine, memory_order_acq_rel,
                                              memory_order_acquire))
    return mine;
  ffipin_unmap(mine, size); /* another thread won the race */
  return c;
}

/* [lo, hi): granule-aligned, inside the leaf at leaf_base. */
static void leaf_add(leaf_t *leaf, uintptr_t leaf_base, uintptr_t lo, uintptr_t hi, int delta) {
  const uintptr_t span = (uintptr_t)1 << BLOCK_SHIFT;
  for (uintptr_t bb = lo & ~(span - 1); bb < hi; bb += span) {
    uintptr_t a = lo > bb ? lo : bb, e = hi < bb + span ? hi : bb + span;
    if (a == bb && e == bb + span)
      count_add(&leaf->cover[(bb - leaf_base) >> BLOCK_SHIFT], delta);
    else
      granules_add(leaf, (a - leaf_base) >> FFIPIN_GRANULE_SHIFT,
                   (e - leaf_base) >> FFIPIN_GRANULE_SHIFT, delta);
  }
}

/* [lo, hi): granule-aligned, inside the node at nbase whose children
 * each cover 2^shift bytes. */
static void node_add(node_t *n, unsigned shift, uintptr_t nbase, uintptr_t lo, uintptr_t hi,
                     int delta) {
  const uintptr_t span = (uintptr_t)1 << shift;
  for (uintptr_t cb = lo & ~(span - 1); cb < hi; cb += span) {
    size_t i = (cb - nbase) >> shift;
    uintptr_t a = lo > cb ? lo : cb, e = hi - cb < span ? hi : cb + span;
    if (a == cb && e == cb + span) {
      if (delta > 0) atomic_fetch_add_explicit(&node_covers, 1, memory_order_release);
      count_add(&n->cover[i], delta);
      if (delta < 0) atomic_fetch_sub_explicit(&node_covers, 1, memory_order_release);
      continue;
    }
    void *c = child_of(n, i, shift == LEAF_SHIFT ? sizeof(leaf_t) : sizeof(node_t), delta > 0);
    FFIPIN_CHECK(c != NULL); /* a -1 always follows the +1 that made it */
    if (shift == LEAF_SHIFT)
      leaf_add(c, cb, a, e, delta);
    else
      node_add(c, shift - FANOUT_SHIFT, cb, a, e, delta);
  }
}

void ffipin_shadow_pin_add(uintptr_t base, uintptr_t size, int delta) {
  FFIPIN_CHECK(size > 0 && size <= FFIPIN_SHADOW_LIMIT && base <= FFIPIN_SHADOW_LIMIT - size);
  const uintptr_t g = (uintptr_t)1 << FFIPIN_GRANULE_SHIFT;
  uintptr_t lo = base & ~(g - 1), hi = (base + size + g - 1) & ~(g - 1);
  /* Most pins are small objects inside one block: straight down to it. */
  if (((lo ^ (hi - 1)) >> BLOCK_SHIFT) == 0 && hi - lo < ((uintptr_t)1 << BLOCK_SHIFT)) {
    node_t *n = &root;
    for (unsigned shift = ROOT_SHIFT; shift > LEAF_SHIFT; shift -= FANOUT_SHIFT) {
      n = child_of(n, (lo >> shift) & (FANOUT - 1), sizeof(node_t), delta > 0);
      FFIPIN_CHECK(n != NULL);
    }
    leaf_t *leaf = child_of(n, (lo >> LEAF_SHIFT) & (FANOUT - 1), sizeof(leaf_t), delta > 0);
    FFIPIN_CHECK(leaf != NULL);
    uintptr_t leaf_base = lo & ~(((uintptr_t)1 << LEAF_SHIFT) - 1);
    granules_add(leaf, (lo - leaf_base) >> FFIPIN_GRANULE_SHIFT,
                 (hi - leaf_base) >> FFIPIN_GRANULE_SHIFT, delta);
    return;
  }
  node_add(&root, ROOT_SHIFT, 0, lo, hi, delta);
}

// Lookups

static bool leaf_pinned(leaf_t *leaf, uintptr_t addr) {
  uintptr_t in_leaf = addr & (((uintptr_t)1 << LEAF_SHIFT) - 1);
  if (atomic_load_explicit(&leaf->cover[in_leaf >> BLOCK_SHIFT], memory_order_acquire)) return true;
  return atomic_load_explicit(&leaf->granule[in_leaf >> FFIPIN_GRANULE_SHIFT],
                              memory_order_acquire) != 0;
}

/* The leaf for addr through the children only, or NULL. */
static leaf_t *find_leaf(uintptr_t addr) {
  void *n = &root;
  for (unsigned shift = ROOT_SHIFT; n; shift -= FANOUT_SHIFT) {
    void *c = atomic_load_explicit(&((node_t *)n)->child[(addr >> shift) & (FANOUT - 1)],
                                   memory_order_acquire);
    if (shift == LEAF_SHIFT) return c;
    n = c;
  }
  return NULL;
}

bool ffipin_shadow_pinned(uintptr_t addr) {
  if (addr >= FFIPIN_SHADOW_LIMIT) return false;
  if (FFIPIN_LIKELY(!atomic_load_explicit(&node_covers, memory_order_acquire))) {
    uintptr_t base = addr & ~(((uintptr_t)1 << LEAF_SHIFT) - 1);
    leaf_t *leaf = __atomic_load_n(&cached_leaf, __ATOMIC_RELAXED);
    __atomic_signal_fence(__ATOMIC_SEQ_CST);
    if (__atomic_load_n(&cached_base, __ATOMIC_RELAXED) != base) {
      leaf = find_leaf(addr);
      if (!leaf) return false;
      __atomic_store_n(&cached_base, (uintptr_t)1, __ATOMIC_RELAXED);
      __atomic_signal_fence(__ATOMIC_SEQ_CST);
      __atomic_store_n(&cached_leaf, leaf, __ATOMIC_RELAXED);
      __atomic_signal_fence(__ATOMIC_SEQ_CST);
      __atomic_store_n(&cached_base, base, __ATOMIC_RELAXED);
    }
    return leaf_pinned(leaf, addr);
  }
  node_t *n = &root;
  for (unsigned shift = ROOT_SHIFT;; shift -= FANOUT_SHIFT) {
    size_t i = (addr >> shift) & (FANOUT - 1);
    if (atomic_load_explicit(&n->cover[i], memory_order_acquire)) return true;
    void *c = atomic_load_explicit(&n->child[i], memory_order_acquire);
    if (!c) return false;
    if (shift == LEAF_SHIFT) return leaf_pinned(c, addr);
    n = c;
  }
}
