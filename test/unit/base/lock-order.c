// RUN: %clang_unit -DFFIPIN_DEBUG=1 %s %ffipin_src_root/runtime/base/ffipin_lock.c \
// RUN:   %ffipin_rt_link -o %t
// RUN: %run %t in-order 2>&1 | FileCheck %s --check-prefix=ORDER
// RUN: not %run %t inverted 2>&1 | FileCheck %s --check-prefix=INVERTED
// RUN: not %run %t unlisted 2>&1 | FileCheck %s --check-prefix=UNLISTED

// Intent: the debug build's lock order check (base/ffipin_locks.inc gives
// the order): locks taken down the list pass, several locks of a Multi type
// pass, a lock taken while holding one further down the list is named with
// it and stops the program, and once the types are learned a lock of no
// type (one missing from the list) stops it too.

#include <stdio.h>
#include <string.h>

#include "base/ffipin_lock.h"

static ffipin_lock_t report = FFIPIN_LOCK_INIT_TYPE(report);
static ffipin_lock_t held = FFIPIN_LOCK_INIT_TYPE(held);
static ffipin_lock_t pins[2] = {FFIPIN_LOCK_INIT_TYPE(pins), FFIPIN_LOCK_INIT_TYPE(pins)};
static ffipin_lock_t untyped = FFIPIN_LOCK_INIT;

int main(int argc, char **argv) {
  if (!strcmp(argv[1], "in-order")) {
    ffipin_lock_acquire(&report);
    ffipin_lock_acquire(&pins[0]);
    ffipin_lock_acquire(&pins[1]);
    ffipin_lock_acquire(&held);
    ffipin_lock_release(&held);
    ffipin_lock_release(&pins[1]);
    ffipin_lock_release(&pins[0]);
    ffipin_lock_release(&report);
    printf("in order: fine\n");
  } else if (!strcmp(argv[1], "inverted")) {
    ffipin_lock_acquire(&held);
    ffipin_lock_acquire(&report);
    printf("not reached\n");
  } else {
    ffipin_lock_learn_begin(FFIPIN_LOCK_TYPE_report);
    ffipin_lock_learn_end();
    ffipin_lock_acquire(&untyped);
    printf("not reached\n");
  }
  return 0;
}

// ORDER: in order: fine
// INVERTED: ==[[PID:[0-9]+]]==ERROR: FFIPinSanitizer: internal lock check: lock order violation:
// taking the report lock while holding the held lock (base/ffipin_locks.inc gives the order)
// UNLISTED: internal lock check: a lock that is not in base/ffipin_locks.inc was taken
