/* The held-slot index: one dense array of 48-byte nodes under one
 * spinlock, each node in two treaps (base/ffipin_treap.h), one ordered by
 * slot and one by (value, slot). A node that goes is replaced by the last
 * one, so the array stays dense and its tail pages go back to the system
 * when slots go. Only the slow path (a store of a pointer that is really
 * foreign) and the rare lend-ending events come here. */
#include "model/ffipin_held.h"

#include "base/ffipin_assert.h"
#include "base/ffipin_lock.h"
#include "base/ffipin_message.h"
#include "base/ffipin_os.h"
#include "base/ffipin_sys.h"
#include "base/ffipin_treap.h"
#include "model/ffipin_bounds.h"

typedef struct {
  uintptr_t slot, value;
  uint64_t stamp;
  ffipin_stack_id_t stack;
  uint32_t tid_end;                 /* the storing thread, and END_POINTER */
  uint32_t by_slot[2], by_value[2]; /* treap links */
} node_t;
_Static_assert(sizeof(node_t) == 48, "the benchmark's target is 64 bytes per held slot");

typedef struct {
  uintptr_t value, slot;
} value_key_t;

enum { FIRST_NODES = 1024, BATCH = 16, MAX_MOVING = 32 };
#define END_POINTER 0x80000000u /* in tid_end: thread numbers stay below 2^31 */

static ffipin_lock_t lock = FFIPIN_LOCK_INIT_TYPE(held);
static node_t *nodes; /* node id i is nodes[i - 1] */
/* Nodes in use (ids 1..ffipin_held_used; read without the lock by
 * ffipin_held_size), and nodes mapped. */
size_t ffipin_held_used;
static size_t cap;
static size_t resident; /* bytes of nodes[] that may be resident */
static uint64_t last_stamp;
static ffipin_treap_t by_slot, by_value;
static struct {
  uintptr_t lo, hi;
} moving[MAX_MOVING]; /* under the lock */
static unsigned nmoving;

void ffipin_held_lock(void) { ffipin_lock_acquire(&lock); }
void ffipin_held_unlock(void) { ffipin_lock_release(&lock); }

static node_t *node(uint32_t id) { return &nodes[id - 1]; }

// The two orders

/* A node's priority: a hash of its slot (splitmix64's finaliser). */
static uint32_t priority(void *ctx, uint32_t id) {
  uint64_t x = node(id)->slot;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ull;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebull;
  return (uint32_t)((x ^ (x >> 31)) >> 32);
}

static int order(uintptr_t a, uintptr_t b) { return (a > b) - (a < b); }

static uint32_t *slot_links(void *ctx, uint32_t id) { return node(id)->by_slot; }
static int slot_compare(void *ctx, uint32_t id, const void *key) {
  return order(node(id)->slot, *(const uintptr_t *)key);
}
static const ffipin_treap_ops_t slot_order = {slot_links, slot_compare, priority, NULL};

static uint32_t *value_links(void *ctx, uint32_t id) { return node(id)->by_value; }
static int value_compare(void *ctx, uint32_t id, const void *key) {
  const value_key_t *k = key;
  int c = order(node(id)->value, k->value);
  return c ? c : order(node(id)->slot, k->slot);
}
static const ffipin_treap_ops_t value_order = {value_links, value_compare, priority, NULL};

static value_key_t value_key(uint32_t id) { return (value_key_t){node(id)->value, node(id)->slot}; }

static ffipin_held_t entry(uint32_t id) {
  node_t *n = node(id);
  return (ffipin_held_t){n->slot,
                         n->value,
                         n->stamp,
                         n->stack,
                         n->tid_end & ~END_POINTER,
                         (n->tid_end & END_POINTER) != 0};
}

// The node array

static void grow(void) {
  size_t more = cap ? cap * 2 : FIRST_NODES;
  FFIPIN_CHECK(more < UINT32_MAX);
  void *p = nodes ? ffipin_os_remap(nodes, cap * sizeof(node_t), more * sizeof(node_t))
                  : ffipin_map(more * sizeof(node_t));
  if (!p)
    ffipin_fatal("out of memory mapping %zu bytes for the held-slot index", more * sizeof(node_t));
  nodes = p;
  cap = more;
}

static size_t page_up(size_t n) {
  return (n + FFIPIN_PAGE_SIZE - 1) & ~(size_t)(FFIPIN_PAGE_SIZE - 1);
}

/* Gives back the tail of the array once it is well past what is used. */
static void maybe_release(void) {
  size_t keep = page_up(ffipin_held_used * sizeof(node_t)) + 16 * FFIPIN_PAGE_SIZE;
  if (resident <= 2 * keep + 64 * FFIPIN_PAGE_SIZE) return;
  if (keep < cap * sizeof(node_t))
    ffipin_os_release((char *)nodes + keep, page_up(cap * sizeof(node_t)) - keep);
  resident = keep;
}

static uint32_t add_node(uintptr_t slot, uintptr_t value) {
  if (ffipin_held_used == cap) grow();
  /* Read without the lock (ffipin_held_size): atomic stores. */
  __atomic_store_n(&ffipin_held_used, ffipin_held_used + 1, __ATOMIC_RELAXED);
  uint32_t id = (uint32_t)ffipin_held_used;
  node_t *n = node(id);
  n->slot = slot;
  n->value = value;
  ffipin_treap_insert(&by_slot, &slot_order, id, &slot);
  value_key_t k = {value, slot};
  ffipin_treap_insert(&by_value, &value_order, id, &k);
  if (ffipin_held_used * sizeof(node_t) > resident) resident = ffipin_held_used * sizeof(node_t);
  ffipin_bounds_set_held(ffipin_held_used);
  return id;
}

static void erase(uint32_t id) {
  value_key_t k = value_key(id);
  FFIPIN_CHECK(ffipin_treap_remove(&by_slot, &slot_order, &k.slot) == id);
  FFIPIN_CHECK(ffipin_treap_remove(&by_value, &value_order, &k) == id);
  uint32_t last = (uint32_t)ffipin_held_used;
  if (id != last) {
    /* The last node moves into the hole (its links with it). */
    *node(id) = *node(last);
    value_key_t lk = value_key(id);
    ffipin_treap_moved(&by_slot, &slot_order, &lk.slot, last, id);
    ffipin_treap_moved(&by_value, &value_order, &lk, last, id);
  }
  __atomic_store_n(&ffipin_held_used, ffipin_held_used - 1, __ATOMIC_RELAXED);
  ffipin_bounds_set_held(ffipin_held_used);
  maybe_release();
}

// Recording and forgetting

uint64_t ffipin_held_record(uintptr_t slot, uintptr_t value, ffipin_stack_id_t stack, uint32_t tid,
                            bool end_pointer) {
  ffipin_lock_acquire(&lock);
  uint32_t id = ffipin_treap_find(&by_slot, &slot_order, &slot);
  if (!id) {
    id = add_node(slot, value);
  } else if (node(id)->value != value) {
    value_key_t old = value_key(id), now = {value, slot};
    FFIPIN_CHECK(ffipin_treap_remove(&by_value, &value_order, &old) == id);
    node(id)->value = value;
    ffipin_treap_insert(&by_value, &value_order, id, &now);
  }
  node_t *n = node(id);
  n->stack = stack;
  n->tid_end = (tid & ~END_POINTER) | (end_pointer ? END_POINTER : 0);
  uint64_t stamp = n->stamp = ++last_stamp;
  ffipin_lock_release(&lock);
  return stamp;
}

bool ffipin_held_lookup(uintptr_t slot, ffipin_held_t *out) {
  ffipin_lock_acquire(&lock);
  uint32_t id = ffipin_treap_find(&by_slot, &slot_order, &slot);
  if (id) *out = entry(id);
  ffipin_lock_release(&lock);
  return id != 0;
}

static bool is_moving(uintptr_t slot) {
  for (unsigned i = 0; i < nmoving; i++)
    if (slot >= moving[i].lo && slot < moving[i].hi) return true;
  return false;
}

void ffipin_held_forget_if(uintptr_t slot, uint64_t stamp) {
  ffipin_lock_acquire(&lock);
  uint32_t id = ffipin_treap_find(&by_slot, &slot_order, &slot);
  if (id && node(id)->stamp == stamp && !is_moving(slot)) erase(id);
  ffipin_lock_release(&lock);
}

bool ffipin_held_still(const ffipin_held_t *e) {
  ffipin_lock_acquire(&lock);
  uint32_t id = ffipin_treap_find(&by_slot, &slot_order, &e->slot);
  bool still = id && node(id)->stamp == e->stamp && !is_moving(e->slot);
  ffipin_lock_release(&lock);
  return still;
}

bool ffipin_held_moving_begin(uintptr_t lo, uintptr_t hi) {
  ffipin_lock_acquire(&lock);
  bool room = nmoving < MAX_MOVING;
  if (room) {
    moving[nmoving].lo = lo;
    moving[nmoving].hi = hi;
    nmoving++;
  }
  ffipin_lock_release(&lock);
  return room;
}

void ffipin_held_moving_end(uintptr_t lo, uintptr_t hi) {
  ffipin_lock_acquire(&lock);
  for (unsigned i = 0; i < nmoving; i++)
    if (moving[i].lo == lo && moving[i].hi == hi) {
      moving[i] = moving[--nmoving];
      break;
    }
  ffipin_lock_release(&lock);
}

void ffipin_held_forget_range_until(uintptr_t lo, uintptr_t hi, uint64_t until) {
  if (!ffipin_held_size() || lo >= hi) return;
  ffipin_lock_acquire(&lock);
  uintptr_t from = lo;
  bool strict = false;
  for (uint32_t id; (id = ffipin_treap_after(&by_slot, &slot_order, &from, strict)) != 0 &&
                    node(id)->slot < hi;) {
    from = node(id)->slot;
    strict = true;
    if (node(id)->stamp <= until) erase(id);
  }
  ffipin_lock_release(&lock);
}

void ffipin_held_forget_range(uintptr_t lo, uintptr_t hi) {
  ffipin_held_forget_range_until(lo, hi, UINT64_MAX);
}

uint64_t ffipin_held_last_stamp(void) {
  ffipin_lock_acquire(&lock);
  uint64_t stamp = last_stamp;
  ffipin_lock_release(&lock);
  return stamp;
}

bool ffipin_held_reread(uintptr_t slot, uintptr_t *now) { return ffipin_safe_read_word(slot, now); }

// Walks

size_t ffipin_held_slots_in(uintptr_t lo, uintptr_t hi, bool down, uint64_t until,
                            ffipin_held_cursor_t *cursor, ffipin_held_t *out, size_t max) {
  size_t n = 0;
  if (!ffipin_held_size() || lo >= hi) return 0;
  ffipin_lock_acquire(&lock);
  uintptr_t from = cursor->started ? cursor->slot : down ? hi : lo;
  bool strict = cursor->started || down;
  while (n < max) {
    uint32_t id = down ? ffipin_treap_before(&by_slot, &slot_order, &from, strict)
                       : ffipin_treap_after(&by_slot, &slot_order, &from, strict);
    if (!id || node(id)->slot < lo || node(id)->slot >= hi) break;
    if (node(id)->stamp <= until) out[n++] = entry(id);
    from = node(id)->slot;
    strict = true;
    cursor->slot = from;
    cursor->started = true;
  }
  ffipin_lock_release(&lock);
  return n;
}

/* The shared walk of scan and scan_thread: up to BATCH entries are copied
 * out under the lock (in value order, or slot order for a thread's), then
 * re-read outside it (a re-read is a system call) and dropped if they went
 * stale. The cursor names the last entry copied, so entries that come and
 * go meanwhile never make the walk skip one that stays. */
typedef struct {
  bool by_thread;
  uintptr_t vlo, vlast; /* by value */
  uint32_t tid;         /* by thread */
} walk_t;

static bool still(const walk_t *w, uintptr_t now) {
  return w->by_thread ? ffipin_bounds_may_contain(now) : now >= w->vlo && now <= w->vlast;
}

/* The next entry of the walk after the cursor, or 0. Under the lock. */
static uint32_t next_locked(const walk_t *w, const ffipin_held_cursor_t *c) {
  if (w->by_thread) {
    uintptr_t from = c->slot;
    uint32_t id = ffipin_treap_after(&by_slot, &slot_order, &from, c->started);
    while (id && (node(id)->tid_end & ~END_POINTER) != w->tid) {
      from = node(id)->slot;
      id = ffipin_treap_after(&by_slot, &slot_order, &from, true);
    }
    return id;
  }
  value_key_t k = c->started ? (value_key_t){c->value, c->slot} : (value_key_t){w->vlo, 0};
  uint32_t id = ffipin_treap_after(&by_value, &value_order, &k, c->started);
  return id && node(id)->value <= w->vlast ? id : 0;
}

static size_t walk(const walk_t *w, ffipin_held_cursor_t *cursor, ffipin_held_t *out, size_t max) {
  size_t n = 0;
  bool done = false;
  while (n < max && !done) {
    ffipin_held_t batch[BATCH];
    size_t nb = 0, room = max - n < BATCH ? max - n : BATCH;
    ffipin_lock_acquire(&lock);
    while (nb < room) {
      uint32_t id = ffipin_held_used ? next_locked(w, cursor) : 0;
      if (!id) {
        done = true;
        break;
      }
      batch[nb++] = entry(id);
      *cursor = (ffipin_held_cursor_t){node(id)->value, node(id)->slot, true};
    }
    ffipin_lock_release(&lock);
    for (size_t k = 0; k < nb; k++) {
      uintptr_t now;
      if (ffipin_held_reread(batch[k].slot, &now) && still(w, now)) {
        batch[k].value = now;
        out[n++] = batch[k];
      } else {
        ffipin_held_forget_if(batch[k].slot, batch[k].stamp);
      }
    }
  }
  return n;
}

size_t ffipin_held_scan(uintptr_t vlo, uintptr_t vlast, ffipin_held_cursor_t *cursor,
                        ffipin_held_t *out, size_t max) {
  if (!ffipin_held_size() || vlo > vlast) return 0;
  walk_t w = {false, vlo, vlast, 0};
  return walk(&w, cursor, out, max);
}

size_t ffipin_held_scan_thread(uint32_t tid, ffipin_held_cursor_t *cursor, ffipin_held_t *out,
                               size_t max) {
  if (!ffipin_held_size()) return 0;
  walk_t w = {true, 0, 0, tid};
  return walk(&w, cursor, out, max);
}
