/* The runtime's hash table: open addressing keyed by an address (linear
 * probing, backward-shift deletion, growth by doubling into a fresh mapping
 * at 3/4 load, shrinking on request when 1/8 full). Cells are fixed-size records whose first word
 * is the key; key 0 marks an empty cell. Not thread-safe: each user holds its own lock. */
#ifndef FFIPIN_TABLE_H
#define FFIPIN_TABLE_H

#include "base/ffipin_common.h"

typedef struct {
  char *cells;      /* cap * cell_size bytes, mmap'd; NULL until first insert */
  size_t cap, used; /* cap: 0 or a power of two */
  size_t cell_size; /* bytes per cell, a multiple of sizeof(uintptr_t) */
  size_t min_cap;   /* cells of the first mapping */
  const char *what; /* names the table in an out-of-memory error */
} ffipin_table_t;

#define FFIPIN_TABLE_INIT(cell_type, first_cap, name)                                              \
  {NULL, 0, 0, sizeof(cell_type), (first_cap), (name)}

static inline void *ffipin_table_at(const ffipin_table_t *t, size_t i) {
  return t->cells + i * t->cell_size;
}
static inline uintptr_t ffipin_table_key_at(const ffipin_table_t *t, size_t i) {
  return *(const uintptr_t *)ffipin_table_at(t, i);
}

/* The cell holding key, or NULL. */
void *ffipin_table_find(const ffipin_table_t *t, uintptr_t key) FFIPIN_INTERNAL;
/* The cell for key (key != 0), inserting a zero-filled one with that key if
 * absent (*fresh tells which). Grows the table as needed; may map memory. */
void *ffipin_table_insert(ffipin_table_t *t, uintptr_t key, bool *fresh) FFIPIN_INTERNAL;
/* Empties cell i. Backward shifting may move a later entry into i: a caller
 * walking the cells must look at i again. */
void ffipin_table_erase_at(ffipin_table_t *t, size_t i) FFIPIN_INTERNAL;
/* Halves the table while it is less than 1/8 full (and larger than its
 * first mapping), so that memory goes back when entries do. Cells move:
 * never while walking them. */
void ffipin_table_shrink_to_fit(ffipin_table_t *t) FFIPIN_INTERNAL;
/* The index of a cell returned by find/insert. */
static inline size_t ffipin_table_index(const ffipin_table_t *t, const void *cell) {
  return (size_t)((const char *)cell - t->cells) / t->cell_size;
}

#endif
