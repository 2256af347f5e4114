/* An ordered index over nodes the caller stores (a dense array): a treap
 * whose heap order comes from a priority the caller derives from each
 * node's key (a hash), so nothing random is stored. Nodes are named by id
 * (index + 1; 0 = none) and carry their two child links where the caller
 * says; one node can sit in several treaps (one link pair each). Every
 * operation is iterative (no recursion: the depth is not bounded by the
 * code) and costs O(depth), expected O(log n). Not thread-safe. */
#ifndef FFIPIN_TREAP_H
#define FFIPIN_TREAP_H

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

/* Adds node id, whose key is key (no node with an equal key may be in). */
void ffipin_treap_insert(ffipin_treap_t *t, const ffipin_treap_ops_t *ops, uint32_t id,
                         const void *key) FFIPIN_INTERNAL;
/* Removes the node with key equal to key; returns its id, or 0. */
uint32_t ffipin_treap_remove(ffipin_treap_t *t, const ffipin_treap_ops_t *ops,
                             const void *key) FFIPIN_INTERNAL;
/* The node with key equal to key, or 0. */
uint32_t ffipin_treap_find(const ffipin_treap_t *t, const ffipin_treap_ops_t *ops,
                           const void *key) FFIPIN_INTERNAL;
/* The first node with key >= key (or > key if strict), or 0. */
uint32_t ffipin_treap_after(const ffipin_treap_t *t, const ffipin_treap_ops_t *ops, const void *key,
                            bool strict) FFIPIN_INTERNAL;
/* The last node with key <= key (or < key if strict), or 0. */
uint32_t ffipin_treap_before(const ffipin_treap_t *t, const ffipin_treap_ops_t *ops,
                             const void *key, bool strict) FFIPIN_INTERNAL;
/* The node with key key now lives at id to (its links copied there by the
 * caller) instead of from: points its parent's link (or the root) at to. */
void ffipin_treap_moved(ffipin_treap_t *t, const ffipin_treap_ops_t *ops, const void *key,
                        uint32_t from, uint32_t to) FFIPIN_INTERNAL;

#endif
