/* Error reports: what a check found, printed in ASan's shape (or as JSON),
 * deduplicated, filtered by suppressions, then halting if asked. */
#ifndef FFIPIN_REPORT_H
#define FFIPIN_REPORT_H

#include "ffipin_common.h"
#include "ffipin_stack.h"

typedef enum {
#define FFIPIN_BUG_KIND(Enum, Name, Meaning) ffipin_bug_##Enum,
#include "ffipin_bug_kinds.inc"
  ffipin_bug_count
} ffipin_bug_kind;

const char *ffipin_bug_name(ffipin_bug_kind k) FFIPIN_INTERNAL;

/* One labelled stack of a report, e.g. "pinned by thread T1 here:". */
typedef struct {
  const char *what; /* "STORE of foreign pointer", "pinned", "unpinned",
                       "call scope began", "call scope ended", "freed",
                       "moved", "borrowed", NULL = absent */
  ffipin_stack_id stack;
  uint32_t tid;
} ffipin_report_stack;

typedef struct {
  ffipin_bug_kind kind;
  uptr slot;         /* the C-resident slot; 0 for pin-leak, bad-unpin, invalid-call */
  uptr value;        /* what the slot holds (re-read just before reporting) */
  uptr range_begin;  /* the lent range / object the value points into */
  uptr range_size;
  uptr moved_to;     /* moved-while-held: the object's new address */
  unsigned pin_count;   /* bad-unpin: the count before the unpin; pin-leak: the count */
  const char *heap_name; /* registered heap the value lies in, or NULL */
  const char *message;   /* invalid-call: what was wrong; otherwise NULL */
  /* stacks[0] is the store stack for held-slot kinds, else the main stack
   * (the unpin for bad-unpin, the pin for pin-leak, the call for invalid-call). */
  ffipin_report_stack stacks[3];
} ffipin_report;

/* Prints the report unless it is suppressed or a duplicate (same kind and
 * same first stack), calls the error-report callback, and halts the process
 * when halt_on_error=1. Thread-safe; reports never interleave. Returns
 * whether it was printed. A report raised while another is being printed on
 * the same thread (recursion) is dropped. */
bool ffipin_report_error(const ffipin_report *r) FFIPIN_INTERNAL;

/* Stops the process after a report: runs a death callback registered by
 * libFuzzer (so it saves the crash input), else aborts if libFuzzer is in
 * the process without one, else _exit(exitcode). */
__attribute__((noreturn)) void ffipin_die(void) FFIPIN_INTERNAL;

/* Interface: __ffipin_set_error_report_callback is implemented in report.c. */

#endif
