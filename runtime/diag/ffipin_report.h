/* Error reports: what a check found, printed in ASan's shape (or as JSON),
 * deduplicated, filtered by suppressions, then halting if asked.
 *
 * report_format=json writes one object per report on one line, keys always
 * present and in this order (null where a kind has no such value):
 *   {"sanitizer":"FFIPinSanitizer", "type":"<bug type>", "pid":N,
 *    "slot":"0x…"|null, "value":"0x…"|null,
 *    "range":{"begin":"0x…","size":N}|null, "heap":"…"|null,
 *    "moved_to":"0x…"|null, "pin_count":N|null (pin-leak, bad-unpin),
 *    "description":"<the text report's second line>",
 *    "location":"<where the slot lives>"|null,
 *    "stacks":[{"what":"pinned","thread":N,"frames":[
 *        {"pc":"0x…","function":"…"|null,"file":"…"|null,"line":N,
 *         "column":N,"module":"…"|null,"module_offset":"0x…"|null}, …]}, …],
 *    "leak":{"bytes":N,"objects":N}|null (cgo-leak),
 *    "summary":"<type> <file>:<line>:<col> in <function>"}
 * A stack that continues on the managed language's stack (the Go frames of
 * a cgo call) continues as the next object of "stacks", whose "what" is the
 * binding's label ("cgo call from Go here"); a binding's hidden glue frames
 * are left out (diag/ffipin_frames.h).
 * Addresses are strings "0x" + at least 12 hex digits; a frame's pc is the
 * call (return address - 1), as in the text report; inlined frames repeat
 * the pc; line and column are 0 when unknown; "summary" is the SUMMARY line
 * without "SUMMARY: FFIPinSanitizer: " and is present even with
 * print_summary=0. The error-report callback receives exactly the line
 * written (text: the whole report). */
#ifndef FFIPIN_REPORT_H
#define FFIPIN_REPORT_H

#include "base/ffipin_common.h"
#include "diag/ffipin_bug_kinds.h"
#include "diag/ffipin_stack.h"

/* One labelled stack of a report, e.g. "pinned by thread T1 here:". */
typedef struct {
  const char *what; /* "STORE of foreign pointer", "pinned", "unpinned",
                       "call scope began", "call scope ended", "freed",
                       "moved", "borrowed", "allocated", "dropped",
                       NULL = absent */
  ffipin_stack_id_t stack;
  uint32_t tid;
} ffipin_report_stack_t;

typedef struct {
  ffipin_bug_kind_t kind;
  uintptr_t slot;        /* the C-resident slot; 0 for pin-leak, bad-unpin, invalid-call */
  uintptr_t value;       /* what the slot holds (re-read just before reporting) */
  uintptr_t range_begin; /* the lent range / object the value points into */
  uintptr_t range_size;
  uintptr_t moved_to;        /* moved-while-held: the object's new address */
  unsigned pin_count;        /* pin-leak: the pin count at exit; bad-unpin: 0 */
  const char *heap_name;     /* registered heap the value lies in, or NULL;
                                borrow-escaped: set only when no borrowed range
                                holds the value (the range is then the whole
                                heap, and the report names the heap instead) */
  const char *message;       /* invalid-call: what was wrong; pin-leak: why the pin
                                can no longer end, when not at exit; otherwise NULL */
  const char *unseen_module; /* the store was not seen: the module (not built with the
                                pass) that holds the slot, in its globals or in a heap
                                block it allocated (unseen_block_size bytes; 0: globals) */
  uintptr_t unseen_block_size;
  uintptr_t leak_bytes; /* cgo-leak: bytes and objects lost at stacks[0] */
  unsigned leak_objects;
  /* stacks[0] is the store stack for held-slot kinds, else the main stack
   * (the unpin for bad-unpin, the pin for pin-leak, the call for invalid-call). */
  ffipin_report_stack_t stacks[3];
} ffipin_report_t;

/* Prints the report unless it is suppressed or a duplicate (same kind and
 * same first stack), calls the error-report callback, and halts the process
 * when halt_on_error=1. Thread-safe; reports never interleave. Returns
 * whether it was printed. A report raised while another is being printed on
 * the same thread (recursion) is dropped. */
bool ffipin_report_error(const ffipin_report_t *r) FFIPIN_INTERNAL;

/* For fork: hold/release the report lock (taken first, before every other
 * runtime lock, since printing a report takes the others). */
void ffipin_report_lock(void) FFIPIN_INTERNAL;
void ffipin_report_unlock(void) FFIPIN_INTERNAL;

/* Stops the process after a report: runs a death callback registered by
 * libFuzzer (so it saves the crash input), else aborts if libFuzzer is in
 * the process without one, else _exit(exitcode). */
__attribute__((noreturn)) void ffipin_die(void) FFIPIN_INTERNAL;

#endif
