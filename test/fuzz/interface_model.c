/* The model of test/fuzz/interface_model.h: a small, slow, obviously
 * correct copy of the runtime's rules over the fuzzer's pool (the
 * granularity of pins, the end-pointer rule, call scopes and the
 * judgement at their end, stale entries found by scans, copies and moves
 * of held slots, deduplication by store stack). */
#include "interface_model.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum {
  MAX_PINS = 128,
  MAX_CELLS = 96, /* slot addresses alive in one input */
  MAX_DEPTH = 8,
  MAX_BORROWS = 16,
  MAX_LOGGED = 64,
  MAX_REPORTS = 256,
};

typedef enum {
  PIN_OUTLIVED,
  BORROW_ESCAPED,
  UNPINNED_STORE,
  COLLECTED,
  MOVED,
  BAD_UNPIN,
  INVALID_CALL,
  KINDS
} kind_t;
static const char *const kind_names[KINDS] = {
    "pin-outlived",     "borrow-escaped", "unpinned-store", "collected-while-held",
    "moved-while-held", "bad-unpin",      "invalid-call"};

typedef struct {
  uintptr_t base, size;
  unsigned count;
} pin_t;

/* A slot address the harness uses: what it holds, and the runtime's entry. */
typedef struct {
  uintptr_t addr, value;
  bool entry; /* the runtime holds an entry for it */
  uintptr_t entry_value;
  bool end_pointer;
  int origin;
} cell_t;

typedef struct {
  uintptr_t base, size;
} range_t;

typedef struct {
  range_t borrows[MAX_BORROWS];
  int nborrows;
  uintptr_t logged[MAX_LOGGED];
  int nlogged;
} scope_t;

typedef struct {
  kind_t kind;
  uintptr_t addr;
} report_t;

static uintptr_t heap_lo, heap2_lo, heap_hi;
static bool heap2_on;
static pin_t pins[MAX_PINS];
static int npins;
static cell_t cells[MAX_CELLS];
static int ncells;
static scope_t scopes[MAX_DEPTH];
static int depth;
static bool printed[KINDS][ORIGINS]; /* deduplication: the whole run */
static report_t due[MAX_REPORTS], made[MAX_REPORTS];
static int ndue, nmade;

static void fail(const char *why) {
  fprintf(stderr, "MODEL MISMATCH: %s\n", why);
  abort();
}

void model_init(uintptr_t heap, uintptr_t heap2, uintptr_t end) {
  heap_lo = heap;
  heap2_lo = heap2;
  heap_hi = end;
}

void model_begin_input(void) {
  npins = ncells = depth = 0;
  heap2_on = false;
  ndue = nmade = 0;
}

// Rules

static bool in_heap(uintptr_t v) {
  return (v >= heap_lo && v < heap2_lo) || (heap2_on && v >= heap2_lo && v < heap_hi);
}

/* The shadow's answer: a pin covers the granule of a. */
static bool pinned(uintptr_t a) {
  for (int i = 0; i < npins; i++)
    if ((a >> 3) >= (pins[i].base >> 3) && (a >> 3) <= ((pins[i].base + pins[i].size - 1) >> 3))
      return true;
  return false;
}

static bool after_pinned_granule(uintptr_t v) { return v && v % 8 == 0 && pinned(v - 1); }

static bool in_borrows(const scope_t *s, uintptr_t v) {
  for (int i = 0; i < s->nborrows; i++)
    if (v - s->borrows[i].base < s->borrows[i].size) return true;
  return false;
}

static bool borrowed(uintptr_t v) {
  for (int d = 0; d < depth; d++)
    if (in_borrows(&scopes[d], v)) return true;
  return false;
}

static cell_t *cell(uintptr_t addr) {
  for (int i = 0; i < ncells; i++)
    if (cells[i].addr == addr) return &cells[i];
  return NULL;
}

static void due_report(kind_t kind, uintptr_t addr, int origin) {
  if (printed[kind][origin]) return; /* a duplicate: never printed */
  printed[kind][origin] = true;
  if (ndue == MAX_REPORTS) fail("too many reports in one operation");
  due[ndue++] = (report_t){kind, addr};
}

static void log_in(scope_t *s, uintptr_t addr) {
  for (int i = 0; i < s->nlogged; i++)
    if (s->logged[i] == addr) return;
  if (s->nlogged == MAX_LOGGED) fail("the harness let a scope log overflow");
  s->logged[s->nlogged++] = addr;
}

/* checks/ffipin_check_store.c, for a slot of C memory. */
static void judge_store(cell_t *c, uintptr_t v, bool pointer, int origin) {
  bool heap = in_heap(v), end = !depth && after_pinned_granule(v);
  bool pin = pinned(v) || end, lent = borrowed(v);
  if (!heap && !pin && !lent) return;
  c->entry = true;
  c->entry_value = v;
  c->end_pointer = end;
  c->origin = origin;
  if (depth)
    log_in(&scopes[depth - 1], c->addr);
  else if (heap && !pin && pointer)
    due_report(UNPINNED_STORE, c->addr, origin);
}

/* A scan of the values [lo, last], in the runtime's order (by recorded
 * value, then slot: which of two reports with one store stack is printed
 * depends on it): entries whose slot no longer holds a value in the range
 * are dropped; calls fn for the others. */
static void scan(uintptr_t lo, uintptr_t last, void (*fn)(cell_t *c, void *arg), void *arg) {
  cell_t *order[MAX_CELLS];
  int n = 0;
  for (int i = 0; i < ncells; i++)
    if (cells[i].entry && cells[i].entry_value >= lo && cells[i].entry_value <= last)
      order[n++] = &cells[i];
  for (int i = 1; i < n; i++)
    for (int j = i; j > 0 && (order[j - 1]->entry_value > order[j]->entry_value ||
                              (order[j - 1]->entry_value == order[j]->entry_value &&
                               order[j - 1]->addr > order[j]->addr));
         j--) {
      cell_t *swap = order[j];
      order[j] = order[j - 1];
      order[j - 1] = swap;
    }
  for (int i = 0; i < n; i++) {
    cell_t *c = order[i];
    if (c->value < lo || c->value > last) {
      c->entry = false;
      continue;
    }
    if (fn) fn(c, arg);
  }
}

// Operations

void model_pin(uintptr_t base, size_t size) {
  for (int i = 0; i < npins; i++)
    if (pins[i].base == base) {
      pins[i].count++;
      return;
    }
  if (npins == MAX_PINS) fail("too many pins");
  pins[npins++] = (pin_t){base, size, 1};
}

typedef struct {
  uintptr_t base, last;
} unpin_ctx_t;

static void outlived(cell_t *c, void *arg) {
  const unpin_ctx_t *u = arg;
  uintptr_t v = c->value;
  if (pinned(v)) return;
  if (v == u->last + 1) {
    if (!c->end_pointer) return;
  } else if (v == u->base && c->end_pointer && pinned(v - 1)) {
    return;
  }
  due_report(PIN_OUTLIVED, c->addr, c->origin);
}

void model_unpin(uintptr_t base) {
  int i = 0;
  while (i < npins && pins[i].base != base) i++;
  if (i == npins) {
    due_report(BAD_UNPIN, base, ORIGIN_UNPIN);
    return;
  }
  if (--pins[i].count) return;
  unpin_ctx_t u = {base, base + pins[i].size - 1};
  pins[i] = pins[--npins];
  scan(u.base, u.last + 1, outlived, &u);
}

void model_slot_born(uintptr_t slot) {
  if (cell(slot)) fail("a slot born twice");
  if (ncells == MAX_CELLS) fail("too many slot addresses");
  cells[ncells++] = (cell_t){slot, 0, false, 0, false, 0};
}

void model_write(uintptr_t slot, uintptr_t value) {
  cell_t *c = cell(slot);
  if (!c) fail("a write to an unknown slot");
  c->value = value;
}

void model_store(uintptr_t slot, uintptr_t value, int origin) {
  model_write(slot, value);
  judge_store(cell(slot), value, true, origin);
}

static void drop_cells(uintptr_t lo, uintptr_t hi) {
  for (int i = 0; i < ncells;)
    if (cells[i].addr >= lo && cells[i].addr < hi)
      cells[i] = cells[--ncells];
    else
      i++;
}

void model_free(uintptr_t lo, size_t usable) { drop_cells(lo, lo + usable); }

/* The words of [from, from+n) land at to: a held slot's copy is judged as a
 * store (a guess: never an unpinned-store), by origin (or its own). */
static void carry(uintptr_t from, size_t n, uintptr_t to, int origin) {
  cell_t moved[MAX_CELLS];
  int nmoved = 0;
  for (int i = 0; i < ncells; i++)
    if (cells[i].addr >= from && cells[i].addr + 8 <= from + n) moved[nmoved++] = cells[i];
  for (int i = 0; i < nmoved; i++) {
    cell_t *dst = cell(to + (moved[i].addr - from));
    if (!dst) fail("a copy to an unknown slot");
    dst->value = moved[i].value;
  }
  for (int i = 0; i < nmoved; i++) {
    if (!moved[i].entry || !moved[i].value) continue; /* NULL is outside the bounds */
    cell_t *dst = cell(to + (moved[i].addr - from));
    judge_store(dst, dst->value, false, origin == -1 ? moved[i].origin : origin);
  }
}

static bool any_entry(void) {
  for (int i = 0; i < ncells; i++)
    if (cells[i].entry) return true;
  return false;
}

/* Moves the values of [from, from+n) to to, judging nothing. */
static void copy_values(uintptr_t from, size_t n, uintptr_t to) {
  for (size_t k = 0; k + 8 <= n; k += 8) {
    cell_t *s = cell(from + k), *d = cell(to + k);
    if (s && d) d->value = s->value;
  }
}

void model_realloc(uintptr_t p, size_t old_size, uintptr_t q, size_t n) {
  if (!q) return;
  /* The interceptor's part needs a held slot (else the bytes just move). */
  bool tracking = any_entry();
  size_t kept = old_size < n ? old_size : n;
  if (q != p) {
    if (tracking)
      carry(p, kept, q, -1);
    else
      copy_values(p, kept, q);
    drop_cells(p, p + old_size);
  } else if (tracking) {
    for (int i = 0; i < ncells; i++)
      if (cells[i].addr >= p + kept && cells[i].addr < p + old_size) cells[i].entry = false;
  }
}

void model_memcpy(uintptr_t dst, uintptr_t src, size_t n) {
  /* The pass calls the runtime only while something is held. */
  if (any_entry())
    carry(src, n, dst, ORIGIN_COPY);
  else
    copy_values(src, n, dst);
}

void model_call_begin(void) {
  if (depth == MAX_DEPTH) fail("the harness nested scopes too deep");
  scopes[depth++] = (scope_t){.nborrows = 0, .nlogged = 0};
}

/* checks/ffipin_check_scope.c */
static void judge_scope_slot(cell_t *c) {
  scope_t *s = &scopes[depth - 1];
  uintptr_t now = c->value;
  if (pinned(now) || after_pinned_granule(now)) return;
  if (!in_borrows(s, now)) {
    bool lent_outside = false;
    for (int d = 0; d < depth - 1; d++) lent_outside |= in_borrows(&scopes[d], now);
    if (!in_heap(now) && !lent_outside) return;
    if (depth > 1) {
      log_in(&scopes[depth - 2], c->addr);
      return;
    }
  }
  due_report(BORROW_ESCAPED, c->addr, c->origin);
}

void model_call_end(void) {
  if (!depth) {
    due_report(INVALID_CALL, 0, ORIGIN_CALL_END);
    return;
  }
  scope_t *s = &scopes[depth - 1];
  for (int i = 0; i < s->nlogged; i++) {
    cell_t *c = cell(s->logged[i]);
    if (c && c->entry) judge_scope_slot(c);
  }
  depth--;
}

void model_borrow(uintptr_t base, size_t size) {
  if (!depth) {
    due_report(INVALID_CALL, base, ORIGIN_BORROW);
    return;
  }
  scope_t *s = &scopes[depth - 1];
  if (s->nborrows == MAX_BORROWS) fail("the harness borrowed too much in one scope");
  s->borrows[s->nborrows++] = (range_t){base, size};
}

static void collected(cell_t *c, void *arg) {
  due_report(*(const kind_t *)arg, c->addr, c->origin);
}

void model_object_freed(uintptr_t base, size_t size) {
  kind_t k = COLLECTED;
  scan(base, base + size - 1, collected, &k);
}

void model_object_moved(uintptr_t from, uintptr_t to, size_t size) {
  kind_t k = MOVED;
  scan(from, from + size - 1, collected, &k);
}

void model_register_heap2(void) { heap2_on = true; }

void model_unregister_heap2(void) {
  if (!heap2_on) {
    due_report(INVALID_CALL, heap2_lo, ORIGIN_UNREGISTER);
    return;
  }
  heap2_on = false;
}

static void count_one(cell_t *c, void *arg) { ++*(size_t *)arg; }

size_t model_held_count(uintptr_t base, size_t size) {
  size_t n = 0;
  scan(base, base + size - 1, count_one, &n);
  return n;
}

int model_depth(void) { return depth; }
bool model_some_pin(uintptr_t *base) {
  if (!npins) return false;
  *base = pins[0].base;
  return true;
}
bool model_heap2_registered(void) { return heap2_on; }

// Reports

void model_on_report(const char *text) {
  const char *p = strstr(text, "ERROR: FFIPinSanitizer: ");
  if (!p) fail("a report without its header");
  p += strlen("ERROR: FFIPinSanitizer: ");
  int k = 0;
  while (k < KINDS && strncmp(p, kind_names[k], strlen(kind_names[k]))) k++;
  if (k == KINDS) fail("a report of an unknown kind");
  uintptr_t addr = 0;
  const char *a = strstr(p, " on address 0x");
  if (a && a < strchr(p, '\n')) addr = (uintptr_t)strtoull(a + strlen(" on address "), NULL, 16);
  if (nmade == MAX_REPORTS) fail("too many reports in one operation");
  made[nmade++] = (report_t){(kind_t)k, addr};
}

static void print_reports(const char *what, const report_t *r, int n) {
  fprintf(stderr, "  %s (%d):\n", what, n);
  for (int i = 0; i < n; i++)
    fprintf(stderr, "    %s at 0x%lx\n", kind_names[r[i].kind], (unsigned long)r[i].addr);
}

void model_check(const char *op, long got, long want) {
  bool same = got == want && ndue == nmade;
  bool used[MAX_REPORTS] = {false};
  for (int i = 0; same && i < ndue; i++) {
    int j = 0;
    while (j < nmade && (used[j] || made[j].kind != due[i].kind || made[j].addr != due[i].addr))
      j++;
    if (j == nmade)
      same = false;
    else
      used[j] = true;
  }
  if (!same) {
    fprintf(stderr, "MODEL MISMATCH after %s: result %ld, model %ld\n", op, got, want);
    print_reports("reports due", due, ndue);
    print_reports("reports made", made, nmade);
    abort();
  }
  ndue = nmade = 0;
}
