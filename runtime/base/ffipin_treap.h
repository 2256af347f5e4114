/* An ordered index over nodes the caller stores (a dense array): a treap
 * whose heap order comes from a priority the caller derives from each
 * node's key (a hash), so nothing random is stored. Nodes are named by id
 * (index + 1; 0 = none) and carry their two child links where the caller
 * says; one node can sit in several treaps (one link pair each). Every
 * operation is iterative (no recursion: the depth is not bounded by the
 * code) and costs O(depth), expected O(log n). Not thread-safe. */
#ifndef FFIPIN_TREAP_H
#define FFIPIN_TREAP_H

#include "base/ffipin_assert.h"
#include "base/ffipin_common.h"

typedef struct {
  /* The node's two child links: [0] smaller keys, [1] larger ones. */
  uint32_t *(*links)(void *ctx, uint32_t id);
  /* The node's key against key: < 0, 0, > 0. */
  int (*compare)(void *ctx, uint32_t id, const void *key);
  /* The node's priority (parents have higher ones). */
  uint32_t (*priority)(void *ctx, uint32_t id);
  void *ctx;
} ffipin_treap_ops_t;

typedef struct {
  uint32_t root;
} ffipin_treap_t;

/* The operations, all inline: each index passes constant ops, so the
 * compiler turns the callbacks into direct code (this is the slow path's
 * inner loop). Helpers ending in _ are the implementation's. */

static inline uint32_t *ffipin_treap_links_(const ffipin_treap_ops_t *ops, uint32_t id) {
  return ops->links(ops->ctx, id);
}

/* Splits the subtree at cur into the nodes with keys below key (hung at
 * *lo) and above it (at *hi). */
static inline void ffipin_treap_split_(const ffipin_treap_ops_t *ops, uint32_t cur, const void *key,
                                       uint32_t *lo, uint32_t *hi) {
  while (cur) {
    if (ops->compare(ops->ctx, cur, key) < 0) {
      *lo = cur;
      lo = &ffipin_treap_links_(ops, cur)[1];
      cur = *lo;
    } else {
      *hi = cur;
      hi = &ffipin_treap_links_(ops, cur)[0];
      cur = *hi;
    }
  }
  *lo = *hi = 0;
}

/* Joins two subtrees (every key of a below every key of b) at *out. */
static inline void ffipin_treap_merge_(const ffipin_treap_ops_t *ops, uint32_t *out, uint32_t a,
                                       uint32_t b) {
  while (a && b) {
    if (ops->priority(ops->ctx, a) >= ops->priority(ops->ctx, b)) {
      *out = a;
      out = &ffipin_treap_links_(ops, a)[1];
      a = *out;
    } else {
      *out = b;
      out = &ffipin_treap_links_(ops, b)[0];
      b = *out;
    }
  }
  *out = a ? a : b;
}

/* Adds node id, whose key is key (no node with an equal key may be in). */
static inline void ffipin_treap_insert(ffipin_treap_t *t, const ffipin_treap_ops_t *ops,
                                       uint32_t id, const void *key) {
  uint32_t prio = ops->priority(ops->ctx, id), *link = &t->root;
  while (*link && ops->priority(ops->ctx, *link) > prio) {
    int c = ops->compare(ops->ctx, *link, key);
    FFIPIN_CHECK(c != 0);
    link = &ffipin_treap_links_(ops, *link)[c < 0];
  }
  uint32_t *own = ffipin_treap_links_(ops, id);
  ffipin_treap_split_(ops, *link, key, &own[0], &own[1]);
  *link = id;
}

/* The link that points at the node with key key (or the empty link where
 * it would be). */
static inline uint32_t *ffipin_treap_link_to_(ffipin_treap_t *t, const ffipin_treap_ops_t *ops,
                                              const void *key) {
  uint32_t *link = &t->root;
  for (int c; *link && (c = ops->compare(ops->ctx, *link, key)) != 0;)
    link = &ffipin_treap_links_(ops, *link)[c < 0];
  return link;
}

/* Removes the node with key equal to key; returns its id, or 0. */
static inline uint32_t ffipin_treap_remove(ffipin_treap_t *t, const ffipin_treap_ops_t *ops,
                                           const void *key) {
  uint32_t *link = ffipin_treap_link_to_(t, ops, key), id = *link;
  if (id)
    ffipin_treap_merge_(ops, link, ffipin_treap_links_(ops, id)[0],
                        ffipin_treap_links_(ops, id)[1]);
  return id;
}

/* The node with key equal to key, or 0. */
static inline uint32_t ffipin_treap_find(const ffipin_treap_t *t, const ffipin_treap_ops_t *ops,
                                         const void *key) {
  return *ffipin_treap_link_to_((ffipin_treap_t *)t, ops, key);
}

/* The first node with key >= key (or > key if strict), or 0. */
static inline uint32_t ffipin_treap_after(const ffipin_treap_t *t, const ffipin_treap_ops_t *ops,
                                          const void *key, bool strict) {
  uint32_t best = 0;
  for (uint32_t cur = t->root; cur;) {
    int c = ops->compare(ops->ctx, cur, key);
    if (c > 0 || (c == 0 && !strict)) {
      best = cur;
      cur = ffipin_treap_links_(ops, cur)[0];
    } else {
      cur = ffipin_treap_links_(ops, cur)[1];
    }
  }
  return best;
}

/* The last node with key <= key (or < key if strict), or 0. */
static inline uint32_t ffipin_treap_before(const ffipin_treap_t *t, const ffipin_treap_ops_t *ops,
                                           const void *key, bool strict) {
  uint32_t best = 0;
  for (uint32_t cur = t->root; cur;) {
    int c = ops->compare(ops->ctx, cur, key);
    if (c < 0 || (c == 0 && !strict)) {
      best = cur;
      cur = ffipin_treap_links_(ops, cur)[1];
    } else {
      cur = ffipin_treap_links_(ops, cur)[0];
    }
  }
  return best;
}

/* The node with key key now lives at id to (its links copied there by the
 * caller) instead of from: points its parent's link (or the root) at to. */
static inline void ffipin_treap_moved(ffipin_treap_t *t, const ffipin_treap_ops_t *ops,
                                      const void *key, uint32_t from, uint32_t to) {
  uint32_t *link = ffipin_treap_link_to_(t, ops, key);
  FFIPIN_CHECK(*link == from);
  *link = to;
}

#endif
