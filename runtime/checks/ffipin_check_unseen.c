/* One scan reads the memory only uninstrumented code writes: each such
 * module's writable segments, and the heap blocks such modules allocated,
 * read in runs of nearby blocks (one read for many small blocks). It keeps
 * the words that point into foreign memory no pin covers and that no held
 * slot already describes (an instrumented store told us of those), then
 * matches them against the queued lends: a pin's range, or an object a
 * call lent (the binding says which object holds a pointer). */
#include "checks/ffipin_check_unseen.h"

#include <sched.h>
#include <stdatomic.h>

#include "diag/ffipin_report.h"

#include "base/ffipin_flags.h"
#include "base/ffipin_lock.h"
#include "base/ffipin_message.h"
#include "base/ffipin_sort.h"
#include "base/ffipin_stats.h"
#include "base/ffipin_sys.h"
#include "diag/ffipin_log.h"
#include "model/ffipin_allocs.h"
#include "model/ffipin_bounds.h"
#include "model/ffipin_heaps.h"
#include "model/ffipin_held.h"
#include "model/ffipin_modules.h"
#include "model/ffipin_scan.h"
#include "model/ffipin_shadow.h"

enum {
  MAX_CANDIDATES = 256,
  RUN_GAP = 64 * 1024,
  NO_BLOCK = 0xffffffffu,
  MAX_LENDS = FFIPIN_MAX_PENDING_LENDS,
};

typedef struct {
  uintptr_t slot, value;
  uint32_t block;  /* index into the scan's blocks, or NO_BLOCK: a module's globals */
  unsigned module; /* the holder's module: the block's allocator, or the globals' owner */
} candidate_t;

typedef struct {
  ffipin_alloc_t *blocks;
  size_t nblocks;
  candidate_t cand[MAX_CANDIDATES];
  size_t ncand;
  unsigned module; /* of the segment being read */
  size_t bytes;
} scan_t;

/* One scan at a time; the others only queue. */
static atomic_flag scanning = ATOMIC_FLAG_INIT;
/* Bytes the budget has granted and not yet spent, and the last scan's size. */
static atomic_long credit;
static atomic_size_t last_bytes;
/* When the time limit allows the next scan (time-stamp counter ticks), and
 * the time spent building lends since the last scan (theirs too). */
static _Atomic uint64_t next_scan_at, building;

static bool foreign_unpinned(uintptr_t v) {
  return ffipin_heaps_find(v, NULL, NULL) && !ffipin_shadow_pinned(v);
}

static void keep(scan_t *s, uintptr_t slot, uintptr_t value, uint32_t block, unsigned module) {
  if (s->ncand == MAX_CANDIDATES) return;
  ffipin_held_t held;
  /* Stored by instrumented code: its own checks judge it. */
  if (ffipin_held_lookup(slot, &held) && held.value == value) return;
  s->cand[s->ncand++] = (candidate_t){slot, value, block, module};
}

static bool in_block(uintptr_t where, uintptr_t word, void *arg) {
  scan_t *s = arg;
  if (!foreign_unpinned(word)) return true;
  size_t lo = 0, hi = s->nblocks;
  while (lo < hi) { /* the last block starting at or below where */
    size_t mid = lo + (hi - lo) / 2;
    if (s->blocks[mid].addr <= where)
      lo = mid + 1;
    else
      hi = mid;
  }
  if (lo && where - s->blocks[lo - 1].addr < s->blocks[lo - 1].size)
    keep(s, where, word, (uint32_t)(lo - 1), s->blocks[lo - 1].module);
  return s->ncand < MAX_CANDIDATES;
}

static bool in_globals(uintptr_t where, uintptr_t word, void *arg) {
  scan_t *s = arg;
  if (foreign_unpinned(word)) keep(s, where, word, NO_BLOCK, s->module);
  return s->ncand < MAX_CANDIDATES;
}

static bool by_addr(const void *a, const void *b) {
  return ((const ffipin_alloc_t *)a)->addr < ((const ffipin_alloc_t *)b)->addr;
}

/* The heap blocks uninstrumented modules allocated, sorted, in a mapping
 * the caller unmaps (*bytes): the threads' recent ones first, then the
 * table's (model/ffipin_allocs.h), and one copy of a record that moved
 * from one to the other in between. */
static ffipin_alloc_t *collect_blocks(size_t *n, size_t *bytes) {
  size_t cap = ffipin_allocs_count(FFIPIN_ALLOC_UNINSTRUMENTED) + 64, got, k, cursor = 0;
  *bytes = cap * sizeof(ffipin_alloc_t);
  ffipin_alloc_t *b = ffipin_map_or_die(*bytes, "the scan of uninstrumented memory");
  got = ffipin_allocs_recent_snapshot(FFIPIN_ALLOC_UNINSTRUMENTED, b, cap);
  while (got < cap &&
         (k = ffipin_allocs_snapshot(FFIPIN_ALLOC_UNINSTRUMENTED, &cursor, b + got, cap - got)))
    got += k;
  ffipin_sort(b, got, sizeof(*b), by_addr);
  size_t kept = 0;
  for (size_t i = 0; i < got; i++)
    if (!kept || b[i].addr != b[kept - 1].addr) b[kept++] = b[i];
  *n = kept;
  return b;
}

static void scan_memory(scan_t *s) {
  uintptr_t vlo, vhi;
  ffipin_bounds_get(&vlo, &vhi);
  if (vlo >= vhi) return;
  for (size_t i = 0; i < s->nblocks && s->ncand < MAX_CANDIDATES;) {
    uintptr_t lo = s->blocks[i].addr, hi = lo + s->blocks[i].size;
    size_t j = i + 1;
    for (; j < s->nblocks && s->blocks[j].addr - hi < RUN_GAP; j++)
      if (s->blocks[j].addr + s->blocks[j].size > hi) hi = s->blocks[j].addr + s->blocks[j].size;
    s->bytes += ffipin_scan_words(lo, hi, vlo, vhi, in_block, s);
    i = j;
  }
  unsigned n = ffipin_modules_count();
  for (unsigned id = 1; id <= n && s->ncand < MAX_CANDIDATES; id++) {
    const ffipin_module_t *m = ffipin_modules_get(id);
    if (!m->loaded || m->instrumented) continue;
    s->module = id;
    for (unsigned k = 0; k < m->nsegments; k++)
      s->bytes += ffipin_scan_words(m->segments[k][0], m->segments[k][1], vlo, vhi, in_globals, s);
  }
}

// Matching and reporting

static const char *module_name(unsigned id) {
  const ffipin_module_t *m = ffipin_modules_get(id);
  return m ? m->name : "an unknown module";
}

static void report(const scan_t *s, const candidate_t *c, const ffipin_ended_lend_t *l,
                   uintptr_t base, uintptr_t size) {
  const ffipin_alloc_t *b = c->block != NO_BLOCK ? &s->blocks[c->block] : NULL;
  ffipin_report_stack_t none = {NULL, 0, 0};
  ffipin_report_stack_t held = {"heap block allocated", b ? b->stack : 0, b ? b->tid : 0};
  ffipin_report_stack_t lend = {"pinned", l->lend, l->lend_tid};
  ffipin_report_stack_t end = {l->is_call ? "call scope ended" : "unpinned", l->end, l->end_tid};
  ffipin_report_t r = {
      .kind = l->is_call ? FFIPIN_BUG_BORROW_ESCAPED : FFIPIN_BUG_PIN_OUTLIVED,
      .slot = c->slot,
      .value = c->value,
      .range_begin = base,
      .range_size = size,
      .unseen_module = module_name(c->module),
      .unseen_block_size = b ? b->size : 0,
  };
  /* Where a store stack would be (the SUMMARY names its frame): the
   * block's allocation, else the lend's end (the managed language's call). */
  if (l->is_call) {
    r.stacks[0] = b ? held : end;
    r.stacks[1] = b ? end : none;
  } else {
    r.stacks[0] = b ? held : end;
    r.stacks[1] = lend;
    r.stacks[2] = b ? end : none;
  }
  ffipin_report_error(&r);
}

/* Whether the block holding c was allocated after the lend ended (said at
 * verbosity 1: c would have been reported). Such a block held nothing at
 * that end: a scan made later (the budget queues lends) finds there either
 * a freed block's bytes malloc left in place (zstd's ZSTD_createCDict
 * reuses the memory of a CCtx that ZDICT_trainFromBuffer freed, window
 * pointers into its samples included) or a copy of a pointer kept
 * elsewhere, which is judged where it is kept. */
static bool allocated_after(const scan_t *s, const candidate_t *c, const ffipin_ended_lend_t *l) {
  if (c->block == NO_BLOCK) return false;
  const ffipin_alloc_t *b = &s->blocks[c->block];
  if (b->epoch < l->end_epoch) return false;
  ffipin_verbose(1,
                 "scan: %p at offset %zu of a %zu-byte block allocated by %s after the lend "
                 "ended: not reported",
                 (void *)c->value, (size_t)(c->slot - b->addr), (size_t)b->size,
                 module_name(c->module));
  return true;
}

/* Matches the candidates against the lends: a pin's range, or (through
 * the binding's oracle) the same object as a pointer a call lent. */
static void match(ffipin_thread_t *t, const scan_t *s, const ffipin_ended_lend_t *lends,
                  size_t nlends, ffipin_object_fn objects) {
  _Static_assert(FFIPIN_LEND_POINTERS * MAX_LENDS + MAX_CANDIDATES <= 1 << 16, "query size");
  enum { MAX_QUERY = MAX_CANDIDATES + MAX_LENDS * FFIPIN_LEND_POINTERS };
  static uintptr_t query[MAX_QUERY], bases[MAX_QUERY], sizes[MAX_QUERY];
  static size_t first[MAX_LENDS]; /* each lend's pointers in query[] */
  size_t nq = 0;
  for (size_t i = 0; i < s->ncand; i++) query[nq++] = s->cand[i].value;
  for (size_t l = 0; l < nlends; l++) {
    first[l] = nq;
    for (unsigned k = 0; lends[l].is_call && k < lends[l].npointers; k++)
      query[nq++] = lends[l].pointers[k];
  }
  if (objects) objects(t, query, nq, bases, sizes);
  for (size_t i = 0; i < s->ncand; i++) {
    const candidate_t *c = &s->cand[i];
    for (size_t l = 0; l < nlends; l++) {
      const ffipin_ended_lend_t *lend = &lends[l];
      if (!lend->is_call) {
        if (c->value - lend->base < lend->size && !allocated_after(s, c, lend))
          report(s, c, lend, lend->base, lend->size);
        continue;
      }
      for (unsigned k = 0; k < lend->npointers; k++) {
        size_t q = first[l] + k;
        bool same = objects ? bases[i] && bases[q] == bases[i] : c->value == query[q];
        if (!same) continue;
        if (allocated_after(s, c, lend)) break;
        report(s, c, lend, objects ? bases[i] : c->value, objects ? sizes[i] : 1);
        break;
      }
    }
  }
}

/* Scans once for the queued lends; the caller owns `scanning`. */
static void scan_and_judge(ffipin_thread_t *t, ffipin_object_fn objects) {
  static ffipin_ended_lend_t lends[FFIPIN_MAX_PENDING_LENDS];
  size_t nlends = ffipin_lends_take(lends, FFIPIN_MAX_PENDING_LENDS);
  if (!nlends) return;
  ffipin_modules_refresh_if_stale();
  static scan_t s;
  size_t map_bytes;
  s.ncand = 0;
  s.bytes = 0;
  s.blocks = collect_blocks(&s.nblocks, &map_bytes);
  scan_memory(&s);
  FFIPIN_COUNT(scans);
  atomic_store(&last_bytes, s.bytes);
  ffipin_verbose(2,
                 "scan of uninstrumented memory: %zu bytes, %zu blocks, %zu candidates, %zu lends",
                 s.bytes, s.nblocks, s.ncand, nlends);
  if (s.ncand) match(t, &s, lends, nlends, objects);
  ffipin_unmap(s.blocks, map_bytes);
}

/* The time-stamp counter: no system call, but not cheap either (9 ns in
 * this project's virtual machine, where a cgo call takes 40): read once or
 * twice per built lend, and only every FFIPIN_UNSEEN_REFUSALS_PER_LOOK-th
 * time a lend is refused. Only compared with itself. */
static uint64_t ticks(void) { return __builtin_ia32_rdtsc(); }
/* Refusals since this thread last read the clock (per thread: a shared
 * counter would bounce between the cores of every calling thread). */
static FFIPIN_TLS unsigned refusals;

/* After a scan of [start, end): the next one not before its cost, and that
 * of the lends it judged, is a scan_time_percent share of the time since. */
static void pace(uint64_t start, uint64_t end) {
  unsigned pct = (unsigned)ffipin_flags.scan_time_percent;
  uint64_t took = (end > start ? end - start : 0) +
                  atomic_exchange_explicit(&building, 0, memory_order_relaxed);
  atomic_store_explicit(&next_scan_at, end + took / pct * (100 - pct), memory_order_relaxed);
}

/* Whether the budget covers a scan at time now: each ended lend adds the
 * budget, a scan spends what the last one read, once the time limit allows
 * one. */
static bool budget_allows(uint64_t now) {
  long budget = (long)ffipin_flags.scan_budget_kb * 1024;
  long have = atomic_fetch_add_explicit(&credit, budget, memory_order_relaxed) + budget;
  if (now < atomic_load_explicit(&next_scan_at, memory_order_relaxed)) return false;
  long need = (long)atomic_load_explicit(&last_bytes, memory_order_relaxed);
  if (have < need) return false;
  atomic_fetch_sub_explicit(&credit, need, memory_order_relaxed);
  return true;
}

static bool room(uint64_t *began) {
  if (ffipin_lends_count() >= FFIPIN_MAX_PENDING_LENDS) return false;
  *began = ticks();
  return true;
}

/* A full queue: only a due scan makes room. */
static bool due(uint64_t *began) {
  *began = ticks();
  if (*began >= atomic_load_explicit(&next_scan_at, memory_order_relaxed)) return true;
  FFIPIN_COUNT(lends_unscanned);
  return false;
}

bool ffipin_check_unseen_begin(uint64_t *began) {
  if (room(began)) return true;
  /* Past the due time, up to FFIPIN_UNSEEN_REFUSALS_PER_LOOK - 1 more
   * lends may be refused before one looks. */
  if (++refusals < FFIPIN_UNSEEN_REFUSALS_PER_LOOK) {
    FFIPIN_COUNT(lends_unscanned);
    return false;
  }
  refusals = 0;
  return due(began);
}

bool ffipin_check_unseen_begin_paced(uint64_t *began) { return room(began) || due(began); }

void ffipin_check_unseen_lend_end(ffipin_thread_t *t, const ffipin_ended_lend_t *l,
                                  ffipin_object_fn objects, uint64_t began) {
  if (!ffipin_lends_add(l)) FFIPIN_COUNT(lends_unscanned); /* the oldest one went */
  uint64_t now = ticks();
  if (now > began) atomic_fetch_add_explicit(&building, now - began, memory_order_relaxed);
  if (!budget_allows(now) || atomic_flag_test_and_set(&scanning)) return;
  scan_and_judge(t, objects);
  pace(now, ticks());
  atomic_flag_clear(&scanning);
}

void ffipin_check_unseen_all(ffipin_thread_t *t, ffipin_object_fn objects) {
  while (atomic_flag_test_and_set(&scanning)) sched_yield();
  scan_and_judge(t, objects);
  atomic_flag_clear(&scanning);
}
