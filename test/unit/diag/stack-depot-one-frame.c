// RUN: %clang_unit %s %ffipin_rt_link -o %t && %run %t | FileCheck %s

// Intent: one-frame stacks (a prebuilt library's blocks) are cached per
// thread by their pc, a hint only: 64 call sites in turn, more than the
// cache holds, so sites share its entries, with a long stack and a two-frame
// stack starting at the same pc between them, always get the id they got
// first, and that id's frames are the site's.

#include <stdio.h>

#include "diag/ffipin_stack.h"

enum { SITES = 64 };

int main(void) {
  uintptr_t site[SITES];
  ffipin_stack_id_t id[SITES];
  uintptr_t longer[20];
  for (int i = 0; i < 20; i++) longer[i] = 0x900000 + 16 * i;
  for (int i = 0; i < SITES; i++) {
    site[i] = 0x400000 + 0x24 * i;
    id[i] = ffipin_stack_from_pcs(&site[i], 1);
  }
  int same = 1, frames = 1, distinct = 1;
  for (int round = 0; round < 50; round++)
    for (int i = 0; i < SITES; i++) {
      int k = (i * 7 + round) % SITES;
      uintptr_t two[2] = {site[k], 0x1234};
      ffipin_stack_id_t t = ffipin_stack_from_pcs(two, 2);
      ffipin_stack_from_pcs(longer, 20);
      same &= ffipin_stack_from_pcs(&site[k], 1) == id[k];
      distinct &= t != id[k];
      const uintptr_t *pcs;
      frames &= ffipin_stack_get(id[k], &pcs) == 1 && pcs[0] == site[k];
    }
  for (int i = 1; i < SITES; i++) distinct &= id[i] != id[i - 1];
  printf("same ids %d, the site's frame %d, distinct %d\n", same, frames, distinct);
  // CHECK: same ids 1, the site's frame 1, distinct 1
  return 0;
}
