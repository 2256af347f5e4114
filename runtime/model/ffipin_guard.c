/* Guarded copies: the arena, the live lends, and the history the fault
 * handler reads.
 *
 * The arena is reserved once (PROT_NONE, no memory behind it) and handed out
 * in address order: a lend takes the pages its copy needs and the page after
 * them, which stays inaccessible (the guard). At release the pages become
 * inaccessible again and their memory is discarded. Addresses are reused only
 * when the allocator wraps around the arena, skipping lends still live: with
 * the default 64 GiB that is after some millions of small lends, which is the
 * quarantine.
 *
 * Live lends are in a hash table keyed by the copy's address (a binding's
 * release finds its lend there). Every change of a lend (lent, released,
 * reported) is also appended to a ring of snapshots, which the fault handler
 * searches newest first: the newest snapshot covering an address says what it
 * is now, even after the arena wrapped. */
#include "model/ffipin_guard.h"

#include "base/ffipin_flags.h"
#include "base/ffipin_lock.h"
#include "base/ffipin_message.h"
#include "base/ffipin_sys.h"
#include "base/ffipin_table.h"
#include "model/ffipin_bounds.h"
#include "model/ffipin_pins.h"

enum {
  PAGE = FFIPIN_PAGE_SIZE,
  ALIGN = 16,               /* a copy is congruent to its original modulo this */
  HISTORY = 1 << 16,        /* snapshots the fault handler can find */
  MAX_WRAP_SKIPS = 1 << 12, /* live lends skipped when wrapping, at most */
};

/* Arena sizes tried, largest first (an address-space limit may refuse the
 * first); 0 ends the list. */
static const uintptr_t ARENA_SIZES[] = {(uintptr_t)64 << 30, (uintptr_t)8 << 30, (uintptr_t)1 << 30,
                                        0};

static ffipin_lock_t guard_lock = FFIPIN_LOCK_INIT_TYPE(guard);
static uintptr_t arena_lo, arena_hi, next_region; /* under guard_lock */
static bool arena_failed;
static ffipin_table_t live = FFIPIN_TABLE_INIT(ffipin_lend_t, 64, "the live guarded lends");
static ffipin_lend_t *history;    /* HISTORY snapshots, mmap'd */
static uint64_t history_appended; /* snapshots ever appended */

void ffipin_guard_lock(void) { ffipin_lock_acquire(&guard_lock); }
void ffipin_guard_unlock(void) { ffipin_lock_release(&guard_lock); }

bool ffipin_guard_in_arena(uintptr_t addr) {
  uintptr_t lo = __atomic_load_n(&arena_lo, __ATOMIC_ACQUIRE);
  return lo && addr - lo < __atomic_load_n(&arena_hi, __ATOMIC_RELAXED) - lo;
}

/* Under guard_lock. */
static bool reserve_arena(void) {
  if (arena_lo) return true;
  if (arena_failed) return false;
  for (const uintptr_t *s = ARENA_SIZES; *s; s++) {
    void *p = ffipin_reserve(*s);
    if (!p) continue;
    history = ffipin_map_or_die(HISTORY * sizeof(ffipin_lend_t), "the guarded lends' history");
    __atomic_store_n(&arena_hi, (uintptr_t)p + *s, __ATOMIC_RELAXED);
    __atomic_store_n(&arena_lo, (uintptr_t)p, __ATOMIC_RELEASE);
    next_region = (uintptr_t)p;
    /* Every copy is foreign memory: the bounds cover the arena once. */
    ffipin_bounds_include((uintptr_t)p, *s);
    return true;
  }
  arena_failed = true;
  ffipin_warning("cannot reserve address space for guarded copies (tried 64, 8 and 1 GiB); "
                 "lends are handed to C without a copy, so uses after their end are not found");
  return false;
}

/* Under guard_lock (the handler reads without it: a snapshot is written
 * before the count that publishes it). */
static void remember(const ffipin_lend_t *l) {
  uint64_t n = __atomic_load_n(&history_appended, __ATOMIC_RELAXED);
  history[n % HISTORY] = *l;
  __atomic_store_n(&history_appended, n + 1, __ATOMIC_RELEASE);
}

/* A live lend whose region or guard page overlaps [lo, hi), or NULL. */
static ffipin_lend_t *live_overlapping(uintptr_t lo, uintptr_t hi) {
  for (size_t i = 0; i < live.cap; i++) {
    ffipin_lend_t *l = ffipin_table_at(&live, i);
    if (l->copy && l->region < hi && lo < l->guard + PAGE) return l;
  }
  return NULL;
}

/* Finds pages for a copy of size bytes: [region, guard) and the guard page.
 * Under guard_lock. */
static bool place(uintptr_t size, uintptr_t *region, uintptr_t *guard) {
  uintptr_t data = (size + ALIGN + PAGE - 1) & ~(uintptr_t)(PAGE - 1);
  if (data + PAGE > arena_hi - arena_lo) return false;
  for (int skips = 0; skips < MAX_WRAP_SKIPS; skips++) {
    uintptr_t r = next_region;
    if (r + data + PAGE > arena_hi) r = arena_lo; /* wrap: the oldest addresses */
    ffipin_lend_t *busy = live_overlapping(r, r + data + PAGE);
    if (!busy) {
      *region = r;
      *guard = r + data;
      next_region = r + data + PAGE;
      return true;
    }
    next_region = busy->guard + PAGE;
  }
  return false;
}

void *ffipin_guard_lend(const void *original, size_t size, bool writable,
                        ffipin_stack_id_t lend_stack, uint32_t tid) {
  if (size > (uintptr_t)1 << 46) return NULL;
  ffipin_lock_acquire(&guard_lock);
  uintptr_t region, guard;
  bool ok = reserve_arena() && place(size, &region, &guard);
  ffipin_lock_release(&guard_lock);
  if (!ok || (guard > region && !ffipin_protect((void *)region, guard - region, true))) return NULL;
  /* The copy ends at the guard page, moved down to keep the original's
   * alignment modulo ALIGN. */
  uintptr_t copy = guard - size;
  copy -= (copy - (uintptr_t)original) & (ALIGN - 1);
  const char *src = original;
  char *dst = (char *)copy;
  for (size_t i = 0; i < size; i++) dst[i] = src[i];
  ffipin_lend_t l = {copy, size, region,           guard,   (uintptr_t)original, lend_stack, 0,
                     tid,  0,    FFIPIN_LEND_LIVE, writable};
  ffipin_lock_acquire(&guard_lock);
  bool fresh;
  *(ffipin_lend_t *)ffipin_table_insert(&live, copy, &fresh) = l;
  remember(&l);
  ffipin_lock_release(&guard_lock);
  ffipin_pins_add(copy, size ? size : 1, lend_stack, tid);
  return (void *)copy;
}

bool ffipin_guard_find_live(const void *copy, ffipin_lend_t *out) {
  ffipin_lock_acquire(&guard_lock);
  ffipin_lend_t *l = ffipin_table_find(&live, (uintptr_t)copy);
  if (l) *out = *l;
  ffipin_lock_release(&guard_lock);
  return l != NULL;
}

bool ffipin_guard_copy_back(const void *copy) {
  ffipin_lend_t l;
  if (!ffipin_guard_find_live(copy, &l)) return false;
  const char *src = (const char *)l.copy;
  char *dst = (char *)l.original;
  for (size_t i = 0; i < l.size; i++) dst[i] = src[i];
  return true;
}

bool ffipin_guard_end(const void *copy, ffipin_stack_id_t release_stack, uint32_t tid) {
  ffipin_lock_acquire(&guard_lock);
  ffipin_lend_t *cell = ffipin_table_find(&live, (uintptr_t)copy), l;
  if (cell) {
    l = *cell;
    ffipin_table_erase_at(&live, ffipin_table_index(&live, cell));
    l.state = FFIPIN_LEND_RELEASED;
    l.release_stack = release_stack;
    l.release_tid = tid;
    remember(&l);
  }
  ffipin_lock_release(&guard_lock);
  if (!cell) return false;
  /* Inaccessible and its memory returned, in one system call. */
  if (l.guard > l.region) ffipin_discard((void *)l.region, l.guard - l.region);
  return true;
}

ffipin_fault_kind_t ffipin_guard_classify(uintptr_t addr, ffipin_lend_t *out) {
  if (!ffipin_guard_in_arena(addr)) return FFIPIN_FAULT_NOT_OURS;
  uint64_t n = __atomic_load_n(&history_appended, __ATOMIC_ACQUIRE);
  uint64_t oldest = n > HISTORY ? n - HISTORY : 0;
  for (uint64_t i = n; i-- > oldest;) {
    const ffipin_lend_t *l = &history[i % HISTORY];
    if (addr < l->region || addr >= l->guard + PAGE) continue;
    *out = *l;
    if (l->state == FFIPIN_LEND_RELEASED) return FFIPIN_FAULT_AFTER_RELEASE;
    if (l->state == FFIPIN_LEND_LIVE && addr >= l->guard) return FFIPIN_FAULT_PAST_END;
    /* A live copy's own pages, or a lend already reported and opened: not a
     * fault these pages can cause. */
    return FFIPIN_FAULT_NOT_OURS;
  }
  return FFIPIN_FAULT_UNKNOWN_LEND;
}

void ffipin_guard_open_after_report(uintptr_t addr) {
  ffipin_lend_t l;
  ffipin_fault_kind_t kind = ffipin_guard_classify(addr, &l);
  if (kind == FFIPIN_FAULT_NOT_OURS) return;
  if (kind == FFIPIN_FAULT_UNKNOWN_LEND) {
    ffipin_protect((void *)(addr & ~(uintptr_t)(PAGE - 1)), PAGE, true);
    return;
  }
  if (kind == FFIPIN_FAULT_PAST_END) {
    ffipin_protect((void *)l.guard, PAGE, true);
  } else if (l.guard > l.region) {
    ffipin_protect((void *)l.region, l.guard - l.region, true);
  }
  /* Remembered as reported, so a second access is not a second fault. A
   * live lend's guard page stays open; its release closes the data pages
   * only, and the next lend there starts after it. */
  l.state = FFIPIN_LEND_REPORTED;
  ffipin_lock_acquire(&guard_lock);
  remember(&l);
  ffipin_lock_release(&guard_lock);
}
