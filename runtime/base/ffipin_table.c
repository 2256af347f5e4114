#include "base/ffipin_table.h"

#include "base/ffipin_assert.h"
#include "base/ffipin_message.h"
#include "base/ffipin_sys.h"

/* Fibonacci hashing of an address; low bits are alignment and carry little. */
static size_t home_of(uintptr_t key, size_t mask) {
  return (size_t)(((uint64_t)key * 0x9E3779B97F4A7C15ull) >> 17) & mask;
}

static size_t probe(const ffipin_table_t *t, uintptr_t key) {
  size_t mask = t->cap - 1, i = home_of(key, mask);
  for (;;) {
    uintptr_t k = ffipin_table_key_at(t, i);
    if (!k || k == key) return i;
    i = (i + 1) & mask;
  }
}

static void copy_cell(ffipin_table_t *t, void *dst, const void *src) {
  uintptr_t *d = dst;
  const uintptr_t *s = src;
  for (size_t w = 0; w < t->cell_size / sizeof(uintptr_t); w++) d[w] = s[w];
}

/* Rehashes every entry into a fresh mapping of cap cells. */
static void resize(ffipin_table_t *t, size_t cap) {
  ffipin_table_t other = *t;
  other.cap = cap;
  other.cells = ffipin_map_or_die(cap * t->cell_size, t->what);
  for (size_t i = 0; i < t->cap; i++) {
    uintptr_t k = ffipin_table_key_at(t, i);
    if (k) copy_cell(t, ffipin_table_at(&other, probe(&other, k)), ffipin_table_at(t, i));
  }
  if (t->cells) ffipin_unmap(t->cells, t->cap * t->cell_size);
  t->cells = other.cells;
  t->cap = other.cap;
}

static void grow(ffipin_table_t *t) { resize(t, t->cap ? t->cap * 2 : t->min_cap); }

void ffipin_table_shrink_to_fit(ffipin_table_t *t) {
  if (t->cap <= t->min_cap || t->used * 8 >= t->cap) return;
  size_t cap = t->cap;
  while (cap > t->min_cap && t->used * 8 < cap) cap /= 2;
  resize(t, cap);
}

void *ffipin_table_find(const ffipin_table_t *t, uintptr_t key) {
  if (!t->cap || !key) return NULL;
  size_t i = probe(t, key);
  return ffipin_table_key_at(t, i) ? ffipin_table_at(t, i) : NULL;
}

void *ffipin_table_insert(ffipin_table_t *t, uintptr_t key, bool *fresh) {
  if ((t->used + 1) * 4 > t->cap * 3) grow(t);
  size_t i = probe(t, key);
  uintptr_t *cell = ffipin_table_at(t, i);
  *fresh = !*cell;
  if (*fresh) {
    for (size_t w = 1; w < t->cell_size / sizeof(uintptr_t); w++) cell[w] = 0;
    cell[0] = key;
    t->used++;
  }
  return cell;
}

/* May the entry whose home is `home` move into the hole at `hole`, given it
 * now sits at `at`? (a cyclic interval test) */
static bool can_fill(size_t home, size_t hole, size_t at) {
  return hole <= at ? (home <= hole || home > at) : (home <= hole && home > at);
}

void ffipin_table_erase_at(ffipin_table_t *t, size_t hole) {
  FFIPIN_CHECK(t->used > 0 && hole < t->cap && ffipin_table_key_at(t, hole));
  size_t mask = t->cap - 1, at = hole;
  for (;;) {
    at = (at + 1) & mask;
    uintptr_t k = ffipin_table_key_at(t, at);
    if (!k) break;
    if (can_fill(home_of(k, mask), hole, at)) {
      copy_cell(t, ffipin_table_at(t, hole), ffipin_table_at(t, at));
      hole = at;
    }
  }
  *(uintptr_t *)ffipin_table_at(t, hole) = 0;
  t->used--;
}
