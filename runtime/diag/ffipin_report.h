/* Error reports: what a check found, printed in ASan's shape (or as one
 * JSON object per line, schema in docs/report-json.md), deduplicated,
 * filtered by suppressions, then halting if asked. The error-report
 * callback receives exactly what was written (text: the whole report). */
#ifndef FFIPIN_REPORT_H
#define FFIPIN_REPORT_H

#include "base/ffipin_common.h"
#include "base/ffipin_format.h"
#include "diag/ffipin_bug_kinds.h"
#include "diag/ffipin_stack.h"
#include "diag/ffipin_symbolize.h"

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
  /* use-after-unpin, lend-overflow: the faulting access (slot is its
   * address, range the guarded copy, value the original it stands for). */
  bool access, is_write;
  uintptr_t access_pc, access_bp, access_sp;
  /* stacks[0] is the store stack for held-slot kinds, else the main stack
   * (the unpin for bad-unpin, the pin for pin-leak, the call for invalid-call). */
  ffipin_report_stack_t stacks[3];
} ffipin_report_t;

/* A language binding's frames for one stack of a text report (the Python
 * code that got, released or touched a buffer): called after the stack's own
 * frames, on the reporting thread under the report lock, with the stack's
 * index in r->stacks and the number the next frame takes; appends whole
 * lines to b, or nothing. Must not allocate, lock or report. */
typedef void (*ffipin_report_frames_hook_t)(ffipin_buf_t *b, const ffipin_report_t *r, int stack,
                                            int next_frame);
void ffipin_report_set_frames_hook(ffipin_report_frames_hook_t hook) FFIPIN_INTERNAL;

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

/* Called at the start of every report, before anything is written: the
 * entry layer puts its fatal-signal handler in front here (a report's
 * callers may not include the entry layer). */
void ffipin_report_set_start_hook(void (*hook)(void)) FFIPIN_INTERNAL;

/* For a fatal signal on another thread (a crash that would end the process
 * while a report is still being written): waits, at most max_ms, until no
 * thread but the caller is inside ffipin_report_error. Async-signal-safe. */
void ffipin_report_wait_for_others(unsigned max_ms) FFIPIN_INTERNAL;

/* Stops the process after a report, as the sanitizers do: runs the death
 * callback (the one registered with our __sanitizer_set_death_callback, or,
 * when a sanitizer_common runtime holds the registrations, libFuzzer's own,
 * so the crash input is saved either way), then _exit(exitcode), or with
 * abort_on_error=1 abort() with SIGABRT's default action (no other tool's
 * handler sees it). */
__attribute__((noreturn)) void ffipin_die(void) FFIPIN_INTERNAL;

#endif
