/* A libFuzzer harness over the runtime's interface: each input is a list of
 * operations (register and unregister a heap, pin, unpin, store, clear,
 * free, realloc, memcpy, call_begin/end, borrow, object_freed/moved) over a
 * small pool of managed objects and C slots, run against a model of what
 * the runtime must hold and report (interface_model.c). After every
 * operation the reports made must be the ones due and held_count must
 * agree; a mismatch aborts, and libFuzzer keeps the input.
 *
 * Build: ffipin-cc -fsanitize=fuzzer,ffi-pin interface_fuzzer.c plus the
 * model built without the pass (see interface-fuzzer-short.test). Each
 * input runs on a fresh thread, so the store stacks (the runtime's
 * deduplication key) do not depend on libFuzzer's own frames. */
#include <malloc.h>
#include <pthread.h>
#include <sanitizer/ffipin_interface.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "interface_model.h"

enum {
  OBJ = 32,
  POOL_OBJS = 64,  /* the heap "fuzz" */
  POOL2_OBJS = 16, /* the heap "fuzz2", after it */
  BLOCKS = 4,
  BLOCK_SLOTS = 8,
  GLOBAL_SLOTS = 8,
  MAX_OPS = 256,
  MAX_DEPTH = 4,
  MAX_BORROWS = 8,
  MAX_REALLOCS = 2, /* so that no scope logs more than 64 slot addresses */
};

/* The pool is a plain mmap'd region: no C pointer to it is kept in C
 * memory but the slots (the runtime would track them). */
static uintptr_t g_pool;
static void **g_blocks[BLOCKS];
static size_t g_block_bytes[BLOCKS];
static void *g_globals[GLOBAL_SLOTS];
static int g_reallocs;               /* in this input */
static int g_borrows[MAX_DEPTH + 1]; /* in each open scope */

const char *__ffipin_default_options(void) { return "halt_on_error=0:symbolize=0"; }

static char *obj(unsigned i) {
  return (char *)g_pool + (size_t)(i % (POOL_OBJS + POOL2_OBJS)) * OBJ;
}

/* A store from function k at call depth `depth`: each pair is its own
 * store stack, so that reports are not all duplicates of a few. */
#define STORE_FN(k)                                                                                \
  __attribute__((noinline)) static void store##k(void **slot, void *p, int depth) {                \
    if (depth > 0)                                                                                 \
      store##k(slot, p, depth - 1);                                                                \
    else                                                                                           \
      *slot = p;                                                                                   \
    __asm__ volatile("" ::: "memory"); /* not a tail call */                                       \
  }
// clang-format off
STORE_FN(0) STORE_FN(1) STORE_FN(2) STORE_FN(3) STORE_FN(4) STORE_FN(5) STORE_FN(6) STORE_FN(7)
    // clang-format on
    static void (*const stores[STORE_FNS])(void **, void *, int) = {store0, store1, store2, store3,
                                                                    store4, store5, store6, store7};

static void **slot(unsigned j) {
  j %= BLOCKS * BLOCK_SLOTS + GLOBAL_SLOTS;
  if (j < GLOBAL_SLOTS) return &g_globals[j];
  j -= GLOBAL_SLOTS;
  return &g_blocks[j / BLOCK_SLOTS][j % BLOCK_SLOTS];
}

static void new_block(int b) {
  g_blocks[b] = calloc(BLOCK_SLOTS, sizeof(void *));
  g_block_bytes[b] = BLOCK_SLOTS * sizeof(void *);
  for (int k = 0; k < BLOCK_SLOTS; k++) model_slot_born((uintptr_t)&g_blocks[b][k]);
}

static void free_block(int b) {
  model_free((uintptr_t)g_blocks[b], malloc_usable_size(g_blocks[b]));
  free(g_blocks[b]);
}

__attribute__((noinline)) static void copy_block(void *dst, const void *src, size_t n) {
  memcpy(dst, src, n);
  __asm__ volatile("" ::: "memory");
}

static void check_held(unsigned i) {
  uintptr_t base = (uintptr_t)obj(i);
  long want = (long)model_held_count(base, OBJ);
  model_check("held_count", (long)__ffipin_held_count((void *)base, OBJ), want);
}

typedef struct {
  const uint8_t *data;
  size_t size;
} input_t;

/* One operation: 4 bytes, [op, a, b, c]. */
static void run_op(const uint8_t *o) {
  unsigned a = o[1], b = o[2], c = o[3];
  switch (o[0] % 14) {
  case 0: { /* pin a, 1 to 3 objects */
    size_t size = (size_t)OBJ * (1 + b % 3);
    model_pin((uintptr_t)obj(a), size);
    __ffipin_pin(obj(a), size);
    break;
  }
  case 1:
    model_unpin((uintptr_t)obj(a));
    __ffipin_unpin(obj(a));
    break;
  case 2: { /* store slot b = object a + c % 32, through store function c / 32 */
    void **s = slot(b), *p = obj(a) + c % OBJ;
    int fn = (int)(c / OBJ) % STORE_FNS, depth = (int)(o[0] / 14) % STORE_DEPTHS;
    model_store((uintptr_t)s, (uintptr_t)p, fn * STORE_DEPTHS + depth);
    stores[fn](s, p, depth);
    break;
  }
  case 3: /* clear slot b: NULL is outside the bounds, the runtime does not see it */
    model_write((uintptr_t)slot(b), 0);
    *(void *volatile *)slot(b) = NULL;
    break;
  case 4: /* free block a (and a fresh one in its place) */
    free_block(a % BLOCKS);
    new_block(a % BLOCKS);
    break;
  case 5: { /* realloc block a: far larger (it moves) or back to its size */
    int k = a % BLOCKS;
    if (++g_reallocs > MAX_REALLOCS) break;
    void **p = g_blocks[k];
    size_t old = malloc_usable_size(p), n = b % 2 ? (size_t)1 << 20 : BLOCK_SLOTS * sizeof(void *);
    void **q = realloc(p, n);
    if (q != p)
      for (int s = 0; s < BLOCK_SLOTS; s++) model_slot_born((uintptr_t)&q[s]);
    model_realloc((uintptr_t)p, old, (uintptr_t)q, n);
    g_blocks[k] = q;
    break;
  }
  case 6: { /* memcpy b slots of block a into block c */
    int from = a % BLOCKS, to = c % BLOCKS;
    size_t n = sizeof(void *) * (1 + b % BLOCK_SLOTS);
    if (from == to) break;
    copy_block(g_blocks[to], g_blocks[from], n);
    model_memcpy((uintptr_t)g_blocks[to], (uintptr_t)g_blocks[from], n);
    break;
  }
  case 7:
    if (model_depth() == MAX_DEPTH) break;
    g_borrows[model_depth() + 1] = 0;
    model_call_begin();
    __ffipin_call_begin();
    break;
  case 8:
    model_call_end();
    __ffipin_call_end();
    break;
  case 9: { /* borrow a, 1 to 2 objects */
    int d = model_depth();
    if (d && g_borrows[d]++ >= MAX_BORROWS) break;
    size_t size = (size_t)OBJ * (1 + b % 2);
    model_borrow((uintptr_t)obj(a), size);
    __ffipin_borrow(obj(a), size);
    break;
  }
  case 10:
    model_object_freed((uintptr_t)obj(a), OBJ);
    __ffipin_object_freed(obj(a), OBJ);
    break;
  case 11:
    model_object_moved((uintptr_t)obj(a), (uintptr_t)obj(b), OBJ);
    __ffipin_object_moved(obj(a), obj(b), OBJ);
    break;
  case 12:
    if (a % 2) {
      model_register_heap2();
      __ffipin_heap_register(obj(POOL_OBJS), (size_t)POOL2_OBJS * OBJ, "fuzz2");
    } else {
      model_unregister_heap2();
      __ffipin_heap_unregister(obj(POOL_OBJS), (size_t)POOL2_OBJS * OBJ);
    }
    break;
  case 13:
    break; /* only the held_count check below */
  }
  model_check("an operation", 0, 0);
  check_held(a);
}

/* Leaves the runtime as the next input expects it: nothing held, pinned,
 * open or registered (and no stale entry: a held_count of the whole pool
 * drops them). */
static void finish(void) {
  for (unsigned j = 0; j < BLOCKS * BLOCK_SLOTS + GLOBAL_SLOTS; j++) {
    model_write((uintptr_t)slot(j), 0);
    *(void *volatile *)slot(j) = NULL;
  }
  while (model_depth()) {
    model_call_end();
    __ffipin_call_end();
  }
  for (uintptr_t base; model_some_pin(&base);) {
    model_unpin(base);
    __ffipin_unpin((void *)base);
  }
  if (model_heap2_registered()) {
    model_unregister_heap2();
    __ffipin_heap_unregister(obj(POOL_OBJS), (size_t)POOL2_OBJS * OBJ);
  }
  size_t all = (size_t)(POOL_OBJS + POOL2_OBJS) * OBJ;
  long want = (long)model_held_count(g_pool, all);
  model_check("the end of the input", (long)__ffipin_held_count((void *)g_pool, all), want);
}

static void *run_input(void *arg) {
  const input_t *in = arg;
  model_begin_input();
  for (int b = 0; b < BLOCKS; b++) new_block(b);
  for (unsigned j = 0; j < GLOBAL_SLOTS; j++) model_slot_born((uintptr_t)&g_globals[j]);
  g_reallocs = 0;
  size_t n = in->size / 4 < MAX_OPS ? in->size / 4 : MAX_OPS;
  for (size_t k = 0; k < n; k++) run_op(in->data + 4 * k);
  finish();
  for (int b = 0; b < BLOCKS; b++) free_block(b);
  return NULL;
}

int LLVMFuzzerInitialize(int *argc, char ***argv) {
  size_t bytes = (size_t)(POOL_OBJS + POOL2_OBJS) * OBJ;
  g_pool = (uintptr_t)mmap(NULL, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  model_init(g_pool, (uintptr_t)obj(POOL_OBJS), g_pool + bytes);
  __ffipin_set_error_report_callback(model_on_report);
  __ffipin_heap_register(obj(0), (size_t)POOL_OBJS * OBJ, "fuzz");
  /* The fast path's bounds cover fuzz2 from now on, registered or not. */
  __ffipin_heap_register(obj(POOL_OBJS), (size_t)POOL2_OBJS * OBJ, "fuzz2");
  __ffipin_heap_unregister(obj(POOL_OBJS), (size_t)POOL2_OBJS * OBJ);
  return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  input_t in = {data, size};
  pthread_t t;
  pthread_create(&t, NULL, run_input, &in);
  pthread_join(t, NULL);
  return 0;
}
