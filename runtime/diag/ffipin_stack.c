/* The frame-pointer unwinder and the stack depot.
 *
 * The depot stores each distinct stack once and names it by a 32-bit id.
 * Entries live in mmap'd, append-only chunks and are never freed. A fixed
 * array of bucket heads (one mmap'd page run, touched lazily) chains the
 * entries by hash through their `next` ids, so the depot never fills up
 * before its id space (16M stacks): past ~1M stacks the chains just get
 * longer. An id indexes a two-level table to its entry.
 *
 * Lookups (the pin/unpin hot path, usually of a stack seen before) take no
 * lock: an entry is fully written before its id is published with a release
 * store, and readers load ids with acquire. Inserts take one spinlock. */
#include "diag/ffipin_stack.h"

#include <stdatomic.h>

#include "base/ffipin_flags.h"
#include "base/ffipin_lock.h"
#include "base/ffipin_message.h"
#include "base/ffipin_sys.h"
#include "base/ffipin_thread.h"

// Unwinding

/* Without known bounds (a thread we did not see start, a signal stack),
 * frames may be up to this far above bp, and memory is read through a page
 * reader (frames are close together, so most words come from the page
 * already read). */
#define FFIPIN_UNBOUNDED_SPAN ((uintptr_t)1 << 20)

typedef struct {
  bool safe;
  ffipin_page_reader_t pages;
} frame_reader_t;

static bool read_frame_word(frame_reader_t *r, uintptr_t addr, uintptr_t *out) {
  if (!r->safe) {
    *out = *(const uintptr_t *)addr;
    return true;
  }
  return ffipin_page_reader_word(&r->pages, addr, out);
}

static _Atomic ffipin_stack_switch_fn stack_switch;

void ffipin_stack_set_switch(ffipin_stack_switch_fn fn) { atomic_store(&stack_switch, fn); }

/* At most this many stack switches per stack (a callback into the managed
 * language that calls C again switches twice more). */
enum { MAX_SWITCHES = 4 };

/* The frames of a stack whose bounds are known (most of them, and all of a
 * managed language's past a switch), with everything in registers: a Go
 * stack under a database/sql call is 30 frames deep, and every C.CString
 * takes one. Stops at the first frame that is not plainly in [lo, hi),
 * above the one before and holding a return address (*frame and *prev say
 * where), for the checks and switches of the caller. */
static size_t walk_direct(uintptr_t *frame_io, uintptr_t *prev_io, uintptr_t lo, uintptr_t hi,
                          uintptr_t *trace, size_t n, size_t max) {
  uintptr_t frame = *frame_io, prev = *prev_io, top = hi - 2 * sizeof(uintptr_t);
  /* Every caller starts with prev >= lo - 1 (its frame, or lo - 1 past a
   * switch): a frame above prev is at or above lo, and only the upper
   * bound is compared in the loop. */
  uintptr_t *out = trace + n, *end = trace + max;
  if (frame >= lo) {
    while (out < end && frame % sizeof(uintptr_t) == 0 && frame > prev && frame <= top) {
      uintptr_t ret = ((const uintptr_t *)frame)[1];
      if (ret < 4096) break;
      *out++ = ret;
      prev = frame;
      frame = ((const uintptr_t *)frame)[0];
    }
  }
  *frame_io = frame;
  *prev_io = prev;
  return (size_t)(out - trace);
}

/* Frame #0 is pc; then the return addresses of the frame chain that starts
 * at `frame` (the frame above bp for an entry point, the interrupted
 * function's own frame for a context). */
static size_t unwind(uintptr_t pc, uintptr_t bp, bool from_bp_itself, bool switch_at_entry,
                     uintptr_t *trace, size_t max) {
  size_t n = 0;
  trace[n++] = pc;
  uintptr_t lo, hi;
  frame_reader_t r;
  r.pages.page = 0;
  r.safe = !ffipin_thread_stack_bounds(&lo, &hi) || bp < lo || bp + 2 * sizeof(uintptr_t) > hi;
  if (r.safe) {
    lo = bp;
    hi = bp + FFIPIN_UNBOUNDED_SPAN;
  }
  if (bp % sizeof(uintptr_t) != 0) return n;
  uintptr_t frame = bp, prev = bp - 1;
  if (!from_bp_itself) {
    if (!read_frame_word(&r, bp, &frame)) return n;
    prev = bp;
  }
  ffipin_stack_switch_fn sw = atomic_load_explicit(&stack_switch, memory_order_relaxed);
  unsigned switches = 0;
  while (n < max) {
    if (!r.safe) n = walk_direct(&frame, &prev, lo, hi, trace, n, max);
    if (n >= max) break;
    if (frame % sizeof(uintptr_t) != 0 || frame <= prev || frame < lo ||
        frame > hi - 2 * sizeof(uintptr_t)) {
      /* A zero frame pointer ends the chain (a thread's or goroutine's first
       * frame): no switch to ask for. */
      if (!frame || !sw || switches == MAX_SWITCHES || n + 1 >= max ||
          (n == 1 && !switch_at_entry) || !sw(prev, &frame, &lo, &hi))
        break;
      /* The binding vouches for the new bounds: direct reads from now on. */
      trace[n++] = FFIPIN_STACK_SWITCH_MARK;
      r.safe = false;
      prev = lo - 1;
      switches++;
      continue;
    }
    uintptr_t ret, next;
    if (!read_frame_word(&r, frame + sizeof(uintptr_t), &ret) || ret < 4096) break;
    if (!read_frame_word(&r, frame, &next)) break;
    trace[n++] = ret;
    prev = frame;
    frame = next;
  }
  return n;
}

// The depot

typedef struct {
  uint32_t hash;
  uint32_t size;
  _Atomic uint32_t next; /* id of the next entry in this bucket, 0 = end */
  uint32_t pad;
  uintptr_t pcs[];
} entry_t;

enum {
  BUCKET_BITS = 20,
  BUCKETS = 1 << BUCKET_BITS,
  ID_BLOCK_BITS = 16, /* ids per block of the id -> entry table */
  ID_BLOCK_SIZE = 1 << ID_BLOCK_BITS,
  ID_BLOCKS = 256, /* up to 16M distinct stacks; then new ones get id 0 */
  CHUNK_SIZE = 4 << 20,
};

static ffipin_lock_t depot_lock = FFIPIN_LOCK_INIT;
static _Atomic uint32_t *_Atomic buckets;
static entry_t *_Atomic *_Atomic id_blocks[ID_BLOCKS];
static uint32_t next_id = 1;        /* under depot_lock */
static char *chunk_pos, *chunk_end; /* under depot_lock */

static uint32_t hash_stack(const uintptr_t *pcs, size_t n) {
  uint64_t h = 0x9e3779b97f4a7c15ULL ^ n;
  for (size_t i = 0; i < n; i++) {
    h ^= pcs[i];
    h *= 0xff51afd7ed558ccdULL;
    h ^= h >> 32;
  }
  h *= 0xc4ceb9fe1a85ec53ULL;
  h ^= h >> 29;
  return (uint32_t)h;
}

static entry_t *entry_of(uint32_t id) {
  entry_t *_Atomic *block =
      atomic_load_explicit(&id_blocks[id >> ID_BLOCK_BITS], memory_order_acquire);
  if (!block) return NULL;
  return atomic_load_explicit(&block[id & (ID_BLOCK_SIZE - 1)], memory_order_acquire);
}

/* Without an early exit: the usual answer is yes (the thread's last stack
 * again), and the loop without a branch runs two words per instruction. */
static bool same_pcs(const entry_t *e, const uintptr_t *pcs, size_t n) {
  if (e->size != n) return false;
  uintptr_t diff = 0;
  for (size_t i = 0; i < n; i++) diff |= e->pcs[i] ^ pcs[i];
  return diff == 0;
}

static bool same_stack(const entry_t *e, uint32_t h, const uintptr_t *pcs, size_t n) {
  return e->hash == h && same_pcs(e, pcs, n);
}

static uint32_t find(_Atomic uint32_t *heads, uint32_t h, const uintptr_t *pcs, size_t n) {
  uint32_t id = atomic_load_explicit(&heads[h & (BUCKETS - 1)], memory_order_acquire);
  while (id) {
    entry_t *e = entry_of(id);
    if (!e) break;
    if (same_stack(e, h, pcs, n)) return id;
    id = atomic_load_explicit(&e->next, memory_order_acquire);
  }
  return 0;
}

/* Called with depot_lock held. */
static entry_t *new_entry(size_t n) {
  size_t bytes = sizeof(entry_t) + n * sizeof(uintptr_t);
  if (!chunk_pos || (size_t)(chunk_end - chunk_pos) < bytes) {
    chunk_pos = ffipin_map_or_die(CHUNK_SIZE, "the stack depot");
    chunk_end = chunk_pos + CHUNK_SIZE;
  }
  entry_t *e = (entry_t *)chunk_pos;
  chunk_pos += bytes;
  return e;
}

static uint32_t insert(uint32_t h, const uintptr_t *pcs, size_t n) {
  ffipin_lock_acquire(&depot_lock);
  _Atomic uint32_t *heads = atomic_load_explicit(&buckets, memory_order_relaxed);
  if (!heads) {
    heads = ffipin_map_or_die(BUCKETS * sizeof(uint32_t), "the stack depot index");
    atomic_store_explicit(&buckets, heads, memory_order_release);
  }
  uint32_t id = find(heads, h, pcs, n); /* another thread may have won */
  if (id || next_id >= (uint32_t)ID_BLOCKS * ID_BLOCK_SIZE) {
    ffipin_lock_release(&depot_lock);
    return id;
  }
  id = next_id++;
  entry_t *e = new_entry(n);
  e->hash = h;
  e->size = (uint32_t)n;
  for (size_t i = 0; i < n; i++) e->pcs[i] = pcs[i];
  _Atomic uint32_t *head = &heads[h & (BUCKETS - 1)];
  atomic_store_explicit(&e->next, atomic_load_explicit(head, memory_order_relaxed),
                        memory_order_relaxed);
  entry_t *_Atomic *block =
      atomic_load_explicit(&id_blocks[id >> ID_BLOCK_BITS], memory_order_relaxed);
  if (!block) {
    block = ffipin_map_or_die(ID_BLOCK_SIZE * sizeof(*block), "the stack depot ids");
    atomic_store_explicit(&id_blocks[id >> ID_BLOCK_BITS], block, memory_order_release);
  }
  /* Publish the entry by id first, then make it reachable from its bucket. */
  atomic_store_explicit(&block[id & (ID_BLOCK_SIZE - 1)], e, memory_order_release);
  atomic_store_explicit(head, id, memory_order_release);
  ffipin_lock_release(&depot_lock);
  return id;
}

/* The two ids this thread got last, the newer first: a loop takes the same
 * stacks again and again (each C.CString of a database/sql call records a
 * 30-frame Go stack, and the end of a cgo call that lent Go memory one as
 * well, in turn with it), and comparing with an entry costs a third of
 * hashing and looking it up, and touches no bucket. Only a hint: whatever
 * ids it holds (a signal handler's stack, a forked child's), an entry is
 * compared before it is used, and entries are never freed. */
static FFIPIN_TLS uint32_t last_ids[2];

static bool is_stack(uint32_t id, const uintptr_t *pcs, size_t n) {
  entry_t *e = id ? entry_of(id) : NULL;
  return e && same_pcs(e, pcs, n);
}

static uint32_t find_or_insert(const uintptr_t *pcs, size_t n) {
  uint32_t h = hash_stack(pcs, n), id = 0;
  _Atomic uint32_t *heads = atomic_load_explicit(&buckets, memory_order_acquire);
  if (heads) id = find(heads, h, pcs, n);
  return id ? id : insert(h, pcs, n);
}

/* One-frame stacks by their pc: those of the blocks a prebuilt library
 * allocates, whose frame chain ends at once without frame pointers (most
 * of its blocks: a few call sites allocate them all), and which the longer
 * stacks between them (a C.CString's) take out of last_ids. A hint as
 * last_ids is. */
static FFIPIN_TLS uint32_t one_frame_ids[16];

static uint32_t one_frame(uintptr_t pc) {
  uint32_t *slot = &one_frame_ids[(pc * 0x9e3779b97f4a7c15ULL) >> 60];
  uint32_t id = *slot;
  if (is_stack(id, &pc, 1)) return id;
  id = find_or_insert(&pc, 1);
  *slot = id;
  return id;
}

ffipin_stack_id_t ffipin_stack_from_pcs(const uintptr_t *pcs, size_t n) {
  if (n == 0) return 0;
  if (n == 1) return one_frame(pcs[0]);
  if (n > FFIPIN_MAX_STACK_DEPTH) n = FFIPIN_MAX_STACK_DEPTH;
  uint32_t newer = last_ids[0], older = last_ids[1];
  if (is_stack(newer, pcs, n)) return newer;
  uint32_t id = is_stack(older, pcs, n) ? older : find_or_insert(pcs, n);
  last_ids[1] = newer;
  last_ids[0] = id;
  return id;
}

static size_t depth_limit(void) {
  int depth = ffipin_flags.stack_depth;
  if (depth < 1) depth = 1;
  if (depth > FFIPIN_MAX_STACK_DEPTH) depth = FFIPIN_MAX_STACK_DEPTH;
  return (size_t)depth;
}

ffipin_stack_id_t ffipin_stack_capture(uintptr_t pc, uintptr_t bp) {
  uintptr_t trace[FFIPIN_MAX_STACK_DEPTH];
  return ffipin_stack_from_pcs(trace, unwind(pc, bp, false, true, trace, depth_limit()));
}

ffipin_stack_id_t ffipin_stack_capture_native(uintptr_t pc, uintptr_t bp) {
  ffipin_thread_stack_hi(); /* found the first time: the inline test needs it */
  if (ffipin_stack_native_is_pc_alone(ffipin_thread_current(), bp)) return one_frame(pc);
  uintptr_t trace[FFIPIN_MAX_STACK_DEPTH];
  return ffipin_stack_from_pcs(trace, unwind(pc, bp, false, false, trace, depth_limit()));
}

ffipin_stack_id_t ffipin_stack_capture_context(uintptr_t pc, uintptr_t fp) {
  uintptr_t trace[FFIPIN_MAX_STACK_DEPTH];
  /* Stacks hold return addresses, printed and symbolized as the call before
   * them (pc - 1); an interrupted pc is the instruction itself. */
  return ffipin_stack_from_pcs(trace, unwind(pc + 1, fp, true, true, trace, depth_limit()));
}

/* fork() in a threaded program: the child must not inherit a held lock. */
void ffipin_stack_lock(void) { ffipin_lock_acquire(&depot_lock); }
void ffipin_stack_unlock(void) { ffipin_lock_release(&depot_lock); }

size_t ffipin_stack_get(ffipin_stack_id_t id, const uintptr_t **pcs) {
  entry_t *e = id ? entry_of(id) : NULL;
  if (!e) {
    *pcs = NULL;
    return 0;
  }
  *pcs = e->pcs;
  return e->size;
}
