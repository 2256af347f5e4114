#include "base/ffipin_treap.h"

#include "base/ffipin_assert.h"

static uint32_t *links(const ffipin_treap_ops_t *ops, uint32_t id) {
  return ops->links(ops->ctx, id);
}

/* Splits the subtree at cur into the nodes with keys below key (hung at
 * *lo) and above it (at *hi). */
static void split(const ffipin_treap_ops_t *ops, uint32_t cur, const void *key, uint32_t *lo,
                  uint32_t *hi) {
  while (cur) {
    if (ops->compare(ops->ctx, cur, key) < 0) {
      *lo = cur;
      lo = &links(ops, cur)[1];
      cur = *lo;
    } else {
      *hi = cur;
      hi = &links(ops, cur)[0];
      cur = *hi;
    }
  }
  *lo = *hi = 0;
}

/* Joins two subtrees (every key of a below every key of b) at *out. */
static void merge(const ffipin_treap_ops_t *ops, uint32_t *out, uint32_t a, uint32_t b) {
  while (a && b) {
    if (ops->priority(ops->ctx, a) >= ops->priority(ops->ctx, b)) {
      *out = a;
      out = &links(ops, a)[1];
      a = *out;
    } else {
      *out = b;
      out = &links(ops, b)[0];
      b = *out;
    }
  }
  *out = a ? a : b;
}

void ffipin_treap_insert(ffipin_treap_t *t, const ffipin_treap_ops_t *ops, uint32_t id,
                         const void *key) {
  uint32_t prio = ops->priority(ops->ctx, id), *link = &t->root;
  while (*link && ops->priority(ops->ctx, *link) > prio) {
    int c = ops->compare(ops->ctx, *link, key);
    FFIPIN_CHECK(c != 0);
    link = &links(ops, *link)[c < 0];
  }
  uint32_t *own = links(ops, id);
  split(ops, *link, key, &own[0], &own[1]);
  *link = id;
}

/* The link that points at the node with key key (or the empty link where
 * it would be). */
static uint32_t *link_to(ffipin_treap_t *t, const ffipin_treap_ops_t *ops, const void *key) {
  uint32_t *link = &t->root;
  for (int c; *link && (c = ops->compare(ops->ctx, *link, key)) != 0;)
    link = &links(ops, *link)[c < 0];
  return link;
}

uint32_t ffipin_treap_remove(ffipin_treap_t *t, const ffipin_treap_ops_t *ops, const void *key) {
  uint32_t *link = link_to(t, ops, key), id = *link;
  if (id) merge(ops, link, links(ops, id)[0], links(ops, id)[1]);
  return id;
}

uint32_t ffipin_treap_find(const ffipin_treap_t *t, const ffipin_treap_ops_t *ops,
                           const void *key) {
  return *link_to((ffipin_treap_t *)t, ops, key);
}

uint32_t ffipin_treap_after(const ffipin_treap_t *t, const ffipin_treap_ops_t *ops, const void *key,
                            bool strict) {
  uint32_t best = 0;
  for (uint32_t cur = t->root; cur;) {
    int c = ops->compare(ops->ctx, cur, key);
    if (c > 0 || (c == 0 && !strict)) {
      best = cur;
      cur = links(ops, cur)[0];
    } else {
      cur = links(ops, cur)[1];
    }
  }
  return best;
}

uint32_t ffipin_treap_before(const ffipin_treap_t *t, const ffipin_treap_ops_t *ops,
                             const void *key, bool strict) {
  uint32_t best = 0;
  for (uint32_t cur = t->root; cur;) {
    int c = ops->compare(ops->ctx, cur, key);
    if (c < 0 || (c == 0 && !strict)) {
      best = cur;
      cur = links(ops, cur)[1];
    } else {
      cur = links(ops, cur)[0];
    }
  }
  return best;
}

void ffipin_treap_moved(ffipin_treap_t *t, const ffipin_treap_ops_t *ops, const void *key,
                        uint32_t from, uint32_t to) {
  uint32_t *link = link_to(t, ops, key);
  FFIPIN_CHECK(*link == from);
  *link = to;
}
