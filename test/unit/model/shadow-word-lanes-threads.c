// RUN: %clang_unit %s %ffipin_rt_link -o %t && %run %t | FileCheck %s

// Intent: two threads pinning and unpinning ranges that share 64-bit
// words of granule counts (one pins whole words, the other ragged ranges
// across the same words, with a deep pin on one granule past 0xffff held
// meanwhile) lose no update: every count is back to zero at the end, the
// deep granule stays pinned until its own unpins, and no -1 ever finds a
// zero count (the runtime would abort).

#include <pthread.h>
#include <stdio.h>

#include "model/ffipin_shadow.h"

enum { G = 8, ROUNDS = 200000, DEEP = 70000 };
static const uintptr_t base = (uintptr_t)3 << 40; /* 32-byte aligned */

static void *whole_words(void *arg) {
  (void)arg;
  for (int i = 0; i < ROUNDS; i++) {
    ffipin_shadow_pin_add(base, 8 * G, +1); /* words 0 and 1 */
    ffipin_shadow_pin_add(base, 8 * G, -1);
  }
  return NULL;
}

static void *ragged(void *arg) {
  (void)arg;
  for (int i = 0; i < ROUNDS; i++) {
    ffipin_shadow_pin_add(base + 3 * G, 3 * G, +1); /* granules 3-5: across words 0 and 1 */
    ffipin_shadow_pin_add(base + 1 * G, 6 * G, +1); /* granules 1-6 */
    ffipin_shadow_pin_add(base + 3 * G, 3 * G, -1);
    ffipin_shadow_pin_add(base + 1 * G, 6 * G, -1);
  }
  return NULL;
}

int main(void) {
  for (int i = 0; i < DEEP; i++) ffipin_shadow_pin_add(base + 6 * G, G, +1);
  pthread_t a, b;
  pthread_create(&a, NULL, whole_words, NULL);
  pthread_create(&b, NULL, ragged, NULL);
  pthread_join(a, NULL);
  pthread_join(b, NULL);
  char s[9];
  for (int i = 0; i < 8; i++) s[i] = ffipin_shadow_pinned(base + (uintptr_t)i * G) ? '1' : '0';
  s[8] = 0;
  printf("after the threads: %s\n", s);
  for (int i = 0; i < DEEP; i++) ffipin_shadow_pin_add(base + 6 * G, G, -1);
  for (int i = 0; i < 8; i++) s[i] = ffipin_shadow_pinned(base + (uintptr_t)i * G) ? '1' : '0';
  printf("after the deep unpins: %s\n", s);
  return 0;
}

// CHECK: after the threads: 00000010
// CHECK-NEXT: after the deep unpins: 00000000
