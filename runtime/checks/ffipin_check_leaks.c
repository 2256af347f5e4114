/* The leak check reads the whole writable memory of the process once (the
 * C heap, C globals of every module, thread stacks and the managed heap)
 * and marks the recorded blocks something points into, as LeakSanitizer
 * does without its transitive closure: any word anywhere counts as a root.
 * What is left was never freed and cannot be freed any more. */
#include "checks/ffipin_check_leaks.h"

#include "diag/ffipin_report.h"

#include "base/ffipin_asan.h"
#include "base/ffipin_flags.h"
#include "base/ffipin_message.h"
#include "base/ffipin_sort.h"
#include "base/ffipin_string.h"
#include "base/ffipin_sys.h"
#include "diag/ffipin_log.h"
#include "model/ffipin_allocs.h"
#include "model/ffipin_scan.h"

typedef struct {
  ffipin_alloc_t a;
  uintptr_t reachable;
} candidate_t;

typedef struct {
  candidate_t *c;
  size_t n;
  uintptr_t skip[3][2]; /* [lo, hi) ranges that are not roots */
  uintptr_t unread[2];  /* [lo, hi) not even read: ASan's shadow */
} leak_scan_t;

static uintptr_t excluded_lo, excluded_hi;

void ffipin_check_managed_leaks_exclude(uintptr_t lo, uintptr_t hi) {
  excluded_lo = lo;
  excluded_hi = hi;
}

static bool by_addr(const void *a, const void *b) {
  return ((const candidate_t *)a)->a.addr < ((const candidate_t *)b)->a.addr;
}

/* Unreachable first, then by allocation stack: one group per stack. */
static bool by_stack(const void *a, const void *b) {
  const candidate_t *x = a, *y = b;
  if (x->reachable != y->reachable) return x->reachable < y->reachable;
  return x->a.stack < y->a.stack;
}

static uintptr_t block_end(const ffipin_alloc_t *a) { return a->addr + (a->size ? a->size : 1); }

/* Whether word points into the block: its start, or inside it short of its
 * last 8 bytes. An allocator that keeps a header before each block (glibc's)
 * names the next block's header, which may begin up to 8 bytes before this
 * block's end, in its own state (the top chunk, free lists): not a pointer
 * to this block. */
static bool points_into(const ffipin_alloc_t *a, uintptr_t word) {
  return word == a->addr || (a->size > 8 && word - a->addr < a->size - 8);
}

static bool mark(uintptr_t where, uintptr_t word, void *arg) {
  leak_scan_t *s = arg;
  for (int i = 0; i < 3; i++)
    if (where - s->skip[i][0] < s->skip[i][1] - s->skip[i][0]) return true;
  size_t lo = 0, hi = s->n;
  while (lo < hi) { /* the last block starting at or below word */
    size_t mid = lo + (hi - lo) / 2;
    if (s->c[mid].a.addr <= word)
      lo = mid + 1;
    else
      hi = mid;
  }
  if (lo == 0) return true;
  candidate_t *c = &s->c[lo - 1];
  if (points_into(&c->a, word) && !c->reachable && !ffipin_allocs_in_storage(where)) {
    c->reachable = 1;
    if (ffipin_flags.verbosity >= 2) {
      uintptr_t lo, hi;
      char name[128];
      ffipin_find_mapping(where, &lo, &hi, name, sizeof(name));
      ffipin_verbose(2, "leak check: block %p is reachable from %p (in [%p,%p) %s)",
                     (void *)c->a.addr, (void *)where, (void *)lo, (void *)hi, name);
    }
  }
  return true;
}

static void scan_range(leak_scan_t *s, uintptr_t lo, uintptr_t hi) {
  if (lo < hi) ffipin_scan_words(lo, hi, s->c[0].a.addr, block_end(&s->c[s->n - 1].a), mark, s);
}

/* The region less the part that is never read. Reading ASan's shadow even
 * through pagemap took 2.4 M reads of it and 17 s at the exit of
 * go-sqlite3's suite under `go test -asan` (11 s for the whole plain run). */
static bool scan_region(const ffipin_region_t *r, void *arg) {
  leak_scan_t *s = arg;
  uintptr_t u_lo = s->unread[0], u_hi = s->unread[1];
  if (r->hi <= u_lo || r->lo >= u_hi) {
    scan_range(s, r->lo, r->hi);
  } else {
    scan_range(s, r->lo, u_lo > r->lo ? u_lo : r->lo);
    scan_range(s, u_hi < r->hi ? u_hi : r->hi, r->hi);
  }
  return true;
}

/* Copies the records (more may arrive meanwhile: at most cap): the
 * threads' recent places first, then the table, so that a record moving
 * from one to the other meanwhile is in both copies, never in neither. */
static size_t collect(candidate_t *c, size_t cap) {
  size_t bytes = cap * sizeof(ffipin_alloc_t);
  ffipin_alloc_t *recent = ffipin_map_or_die(bytes, "the leak check");
  size_t n = ffipin_allocs_recent_snapshot(FFIPIN_ALLOC_MANAGED, recent, cap);
  for (size_t i = 0; i < n; i++) c[i] = (candidate_t){recent[i], 0};
  ffipin_unmap(recent, bytes); /* it names blocks: not a root */
  ffipin_alloc_t batch[32];
  size_t cursor = 0, got;
  while (n < cap && (got = ffipin_allocs_snapshot(FFIPIN_ALLOC_MANAGED, &cursor, batch, 32)))
    for (size_t i = 0; i < got && n < cap; i++) c[n++] = (candidate_t){batch[i], 0};
  /* The batch still names blocks: clear it, or the stack scan finds it. */
  ffipin_mem_set(batch, 0, sizeof(batch));
  __asm__ volatile("" ::"r"(batch) : "memory");
  return n;
}

/* c[0..n) sorted by_addr: one candidate per address (a record that moved
 * while collect copied it); returns how many are left. */
static size_t drop_copies(candidate_t *c, size_t n) {
  size_t kept = 0;
  for (size_t i = 0; i < n; i++)
    if (!kept || c[i].a.addr != c[kept - 1].a.addr) c[kept++] = c[i];
  return kept;
}

typedef struct {
  uintptr_t bytes, first, count;
} group_t;

static bool larger(const void *a, const void *b) {
  return ((const group_t *)a)->bytes > ((const group_t *)b)->bytes;
}

/* c[0..n) sorted by_stack: one report per group of unreachable blocks with
 * the same stack, the group losing most bytes first. */
static bool report_groups(candidate_t *c, size_t n) {
  size_t ngroups = 0, bytes = n * sizeof(group_t);
  group_t *g = n ? ffipin_map_or_die(bytes, "the leak check") : NULL;
  for (size_t i = 0; i < n && !c[i].reachable;) {
    size_t j = i;
    uintptr_t lost = 0;
    while (j < n && !c[j].reachable && c[j].a.stack == c[i].a.stack) lost += c[j++].a.size;
    g[ngroups++] = (group_t){lost, i, j - i};
    i = j;
  }
  ffipin_sort(g, ngroups, sizeof(*g), larger);
  bool any = false;
  for (size_t k = 0; k < ngroups; k++) {
    const ffipin_alloc_t *a = &c[g[k].first].a;
    ffipin_report_t r = {
        .kind = FFIPIN_BUG_CGO_LEAK,
        .range_begin = a->addr,
        .range_size = a->size,
        .leak_bytes = g[k].bytes,
        .leak_objects = (unsigned)g[k].count,
        .stacks = {{"allocated", a->stack, a->tid}},
    };
    any |= ffipin_report_error(&r);
  }
  if (g) ffipin_unmap(g, bytes);
  return any;
}

void ffipin_check_managed_leaks(void) {
  size_t count = ffipin_allocs_count(FFIPIN_ALLOC_MANAGED);
  if (!count) return;
  size_t cap = count + count / 4 + 16, bytes = cap * sizeof(candidate_t);
  candidate_t *c = ffipin_map_or_die(bytes, "the leak check");
  size_t n = collect(c, cap);
  leak_scan_t s = {c, n, {{0, 0}, {0, 0}, {0, 0}}, {0, 0}};
  if (n) {
    ffipin_sort(c, n, sizeof(*c), by_addr);
    n = drop_copies(c, n);
    s.n = n;
    /* Not roots: our candidate list, the dead part of the exiting thread's
     * managed stack, and this thread's stack below this frame (the
     * runtime's own locals and their stale copies). */
    s.skip[0][0] = (uintptr_t)c;
    s.skip[0][1] = (uintptr_t)c + bytes;
    s.skip[1][0] = excluded_lo;
    s.skip[1][1] = excluded_hi;
    uintptr_t here = FFIPIN_FRAME, stack_lo, stack_hi;
    if (ffipin_find_mapping(here, &stack_lo, &stack_hi, NULL, 0)) {
      s.skip[2][0] = stack_lo;
      s.skip[2][1] = here;
    }
    ffipin_verbose(2, "leak check: not roots: [%p,%p) [%p,%p) [%p,%p)", (void *)s.skip[0][0],
                   (void *)s.skip[0][1], (void *)s.skip[1][0], (void *)s.skip[1][1],
                   (void *)s.skip[2][0], (void *)s.skip[2][1]);
    if (ffipin_asan_shadow(&s.unread[0], &s.unread[1]))
      ffipin_verbose(2, "leak check: not read: ASan's shadow [%p,%p)", (void *)s.unread[0],
                     (void *)s.unread[1]);
    ffipin_scan_writable_regions(scan_region, &s);
    ffipin_sort(c, n, sizeof(*c), by_stack);
    ffipin_verbose(
        1, "leak check: %zu C allocation(s) made by the managed language still live at exit", n);
  }
  bool halt = ffipin_flags.halt_on_error;
  /* Every leak is listed before the process exits, as LeakSanitizer does. */
  ffipin_flags.halt_on_error = false;
  bool any = report_groups(c, n);
  ffipin_flags.halt_on_error = halt;
  ffipin_unmap(c, bytes);
  if (any && halt) ffipin_die();
}
