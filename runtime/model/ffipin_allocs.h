/* C heap blocks the runtime keeps a record of, with the stack that
 * allocated them: blocks a managed language allocated through its own C
 * helper (checked for leaks at exit), and blocks allocated by modules not
 * built with the pass (scanned for pointers that no instrumented store
 * reported). Keyed by the block's address; the allocator interceptors
 * forget a block when it is freed or moved. */
#ifndef FFIPIN_ALLOCS_H
#define FFIPIN_ALLOCS_H

#include <stdatomic.h>

#include "base/ffipin_common.h"
#include "base/ffipin_thread.h"
#include "diag/ffipin_stack.h"
#include "model/ffipin_allocs_recent.h"

typedef enum {
  FFIPIN_ALLOC_MANAGED = 1,       /* by the managed language (C.CString, C.CBytes, C.malloc) */
  FFIPIN_ALLOC_UNINSTRUMENTED = 2 /* by a module not built with the pass */
} ffipin_alloc_kind_t;

typedef struct {
  uintptr_t addr; /* the table's key */
  uintptr_t size;
  ffipin_stack_id_t stack; /* the allocation */
  uint32_t tid;            /* the allocating thread */
  uint16_t kind;           /* ffipin_alloc_kind_t */
  uint16_t module;         /* the allocating module (model/ffipin_modules.h), 0 if unknown */
  uint64_t epoch;          /* ffipin_lends_epoch() when allocated (a realloc keeps it) */
} ffipin_alloc_t;

/* Records the block [addr, addr+size) (replacing a record of the same
 * address in the same store): among the calling thread's recent blocks
 * when it is uninstrumented code's, and for a managed one too once any
 * thread kept a recent block (frees ask there from then on anyway);
 * otherwise in the shared table. */
void ffipin_allocs_record(uintptr_t addr, uintptr_t size, ffipin_stack_id_t stack, uint32_t tid,
                          ffipin_alloc_kind_t kind, unsigned module) FFIPIN_INTERNAL;
/* The same for a block that code built without the pass allocated on
 * thread t (the caller's own, inside ffipin_enter): kept among t's recent
 * blocks. */
void ffipin_allocs_keep_recent(ffipin_thread_t *t, uintptr_t addr, uintptr_t size,
                               ffipin_stack_id_t stack, unsigned module) FFIPIN_INTERNAL;
/* Forgets the block at addr; false if there was no record. Cheap when
 * nothing is recorded (one load). */
bool ffipin_allocs_forget(uintptr_t addr) FFIPIN_INTERNAL;
/* The same, self being the calling thread's state. */
bool ffipin_allocs_forget_on(ffipin_thread_t *self, uintptr_t addr) FFIPIN_INTERNAL;
/* Whether any block is recorded (read without a lock: a hint for hooks;
 * every free asks, so it is read inline; ffipin_allocs_shards_used is
 * declared in model/ffipin_allocs_recent.h). Once a thread kept a recent
 * block, true for good. */
static inline bool ffipin_allocs_any(void) {
  return atomic_load_explicit(&ffipin_allocs_shards_used, memory_order_acquire) != 0;
}
/* realloc moved or resized the block at from: its record (if any) now
 * describes [to, to+size). False if from had no record. */
bool ffipin_allocs_move(uintptr_t from, uintptr_t to, uintptr_t size) FFIPIN_INTERNAL;
/* Copies up to max records of this kind that threads keep as recent
 * (outside the snapshots below); returns how many. A scan takes these
 * first: a record that moves to the table meanwhile is then in both copies
 * (same address), never in neither. */
size_t ffipin_allocs_recent_snapshot(ffipin_alloc_kind_t kind, ffipin_alloc_t *out,
                                     size_t max) FFIPIN_INTERNAL;
/* Blocks of this kind recorded now (recent ones included). */
size_t ffipin_allocs_count(ffipin_alloc_kind_t kind) FFIPIN_INTERNAL;
/* Copies up to max records of this kind in the shared table, resuming at
 * *cursor (0 to begin); returns how many; 0 when done. */
size_t ffipin_allocs_snapshot(ffipin_alloc_kind_t kind, size_t *cursor, ffipin_alloc_t *out,
                              size_t max) FFIPIN_INTERNAL;
/* Whether addr lies in the tracker's own storage (its tables and the
 * threads' recent places hold the blocks' addresses: a reachability scan
 * must not count them). */
bool ffipin_allocs_in_storage(uintptr_t addr) FFIPIN_INTERNAL;

void ffipin_allocs_recent_lock(void) FFIPIN_INTERNAL;
void ffipin_allocs_recent_unlock(void) FFIPIN_INTERNAL;
void ffipin_allocs_lock(void) FFIPIN_INTERNAL;
void ffipin_allocs_unlock(void) FFIPIN_INTERNAL;

#endif
