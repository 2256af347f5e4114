#include "base/ffipin_sort.h"

static void swap_words(uintptr_t *a, uintptr_t *b, size_t words) {
  for (size_t i = 0; i < words; i++) {
    uintptr_t t = a[i];
    a[i] = b[i];
    b[i] = t;
  }
}

/* Moves the record at i down the max-heap of n records until it is in place. */
static void sift_down(char *base, size_t i, size_t n, size_t size,
                      bool (*less)(const void *a, const void *b)) {
  for (;;) {
    size_t big = i, l = 2 * i + 1, r = l + 1;
    if (l < n && less(base + big * size, base + l * size)) big = l;
    if (r < n && less(base + big * size, base + r * size)) big = r;
    if (big == i) return;
    swap_words((uintptr_t *)(base + i * size), (uintptr_t *)(base + big * size),
               size / sizeof(uintptr_t));
    i = big;
  }
}

void ffipin_sort(void *base, size_t n, size_t size, bool (*less)(const void *a, const void *b)) {
  char *b = base;
  if (n < 2) return;
  for (size_t i = n / 2; i-- > 0;) sift_down(b, i, n, size, less);
  for (size_t end = n - 1; end > 0; end--) {
    swap_words((uintptr_t *)b, (uintptr_t *)(b + end * size), size / sizeof(uintptr_t));
    sift_down(b, 0, end, size, less);
  }
}
