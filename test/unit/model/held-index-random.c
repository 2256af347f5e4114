// RUN: %clang_unit %s %ffipin_rt_link -o %t && %run %t | FileCheck %s

// Intent: the held-slot index agrees with a plain array model through a
// long random sequence of records (new slots and new values of old ones),
// forgets by stamp (a newer recording survives), forgets of slot ranges,
// and scans by value range (which drop the entries whose slot no longer
// holds a value in the range); the scans' cursors survive the erasures
// they cause.

#include <stdio.h>
#include <stdlib.h>

#include "model/ffipin_held.h"

enum { SLOTS = 4096, VALUES = 512, STEPS = 200000 };

static uintptr_t memory[SLOTS]; /* the slots themselves (re-read by scans) */
static bool held[SLOTS];        /* the model: slot i has an entry */
static uintptr_t recorded[SLOTS];
static uint64_t stamps[SLOTS];

static uintptr_t value_of(unsigned v) { return 0x100000000000 + (uintptr_t)v * 8; }

int main(void) {
  srand(1);
  long wrong = 0, scans = 0;
  for (int step = 0; step < STEPS; step++) {
    unsigned i = (unsigned)rand() % SLOTS, r = (unsigned)rand() % 100;
    uintptr_t slot = (uintptr_t)&memory[i];
    if (r < 45) { /* a store the runtime sees */
      memory[i] = value_of((unsigned)rand() % VALUES);
      stamps[i] = ffipin_held_record(slot, memory[i], 1, 0, false);
      held[i] = true;
      recorded[i] = memory[i];
    } else if (r < 60) { /* a store it does not see */
      memory[i] = rand() % 2 ? 0 : value_of((unsigned)rand() % VALUES);
    } else if (r < 70) { /* forget an older recording: a no-op unless it is the current one */
      bool current = rand() % 2;
      ffipin_held_forget_if(slot, current ? stamps[i] : stamps[i] - 1);
      if (current && held[i]) held[i] = false;
    } else if (r < 75) { /* free a run of slots */
      unsigned n = 1 + (unsigned)rand() % 64;
      if (i + n > SLOTS) n = SLOTS - i;
      ffipin_held_forget_range(slot, slot + n * sizeof(uintptr_t));
      for (unsigned k = i; k < i + n; k++) held[k] = false;
    } else { /* a scan of a value range */
      unsigned lo = (unsigned)rand() % VALUES, hi = lo + (unsigned)rand() % 32;
      uintptr_t vlo = value_of(lo), vlast = value_of(hi);
      size_t want = 0, got = 0, n;
      for (unsigned k = 0; k < SLOTS; k++) {
        if (!held[k] || recorded[k] < vlo || recorded[k] > vlast) continue;
        if (memory[k] >= vlo && memory[k] <= vlast)
          want++;
        else
          held[k] = false; /* stale: the scan drops it */
      }
      ffipin_held_t found[7];
      ffipin_held_cursor_t cursor = FFIPIN_HELD_CURSOR_INIT;
      while ((n = ffipin_held_scan(vlo, vlast, &cursor, found, 7))) got += n;
      wrong += got != want;
      scans++;
    }
  }
  size_t entries = 0;
  for (unsigned k = 0; k < SLOTS; k++) entries += held[k];
  printf("%ld scans, %ld wrong; entries %s\n", scans, wrong,
         entries == ffipin_held_size() ? "agree" : "differ");
  return 0;
}

// CHECK: {{[0-9]+}} scans, 0 wrong; entries agree
