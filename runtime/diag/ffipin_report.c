/* Printing reports: one lock, a per-thread recursion guard, dedup by
 * (kind, first stack), suppressions, text or JSON composed in one static
 * buffer and written with a single write, the user's callback, then dying
 * if halt_on_error. The JSON schema is documented in ffipin_report.h. */
#include "diag/ffipin_report.h"

#include <stdatomic.h>
#include <stdlib.h>
#include <unistd.h>

#include "base/ffipin_flags.h"
#include "base/ffipin_format.h"
#include "base/ffipin_lock.h"
#include "base/ffipin_stats.h"
#include "base/ffipin_sys.h"
#include "base/ffipin_table.h"
#include "base/ffipin_thread.h"
#include "diag/ffipin_location.h"
#include "diag/ffipin_log.h"
#include "diag/ffipin_suppress.h"
#include "diag/ffipin_symbolize.h"

// Callbacks

static void (*_Atomic report_callback)(const char *);
static void (*_Atomic death_callback)(void);
static void (*_Atomic report_extra)(char *, size_t);
static _Atomic ffipin_report_frames_hook_t frames_hook;

void ffipin_report_set_frames_hook(ffipin_report_frames_hook_t hook) {
  atomic_store(&frames_hook, hook);
}

/* A binding's extra lines after the first stack (the Go stack of a cgo
 * call); called on the reporting thread under the report lock. */
FFIPIN_EXPORT void __ffipin_set_report_extra(void (*fn)(char *buf, size_t size)) {
  atomic_store(&report_extra, fn);
}

FFIPIN_EXPORT void __ffipin_set_error_report_callback(void (*cb)(const char *)) {
  atomic_store(&report_callback, cb);
}

/* libFuzzer registers its crash-input dump here. Weak, so that ASan's strong
 * definition wins when both runtimes are linked (libFuzzer then dumps from
 * its SIGABRT handler, see ffipin_die). */
FFIPIN_EXPORT __attribute__((weak)) void __sanitizer_set_death_callback(void (*cb)(void)) {
  atomic_store(&death_callback, cb);
}

/* Defined by libFuzzer (checked with llvm-nm on LLVM 19's
 * libclang_rt.fuzzer-x86_64.a). */
extern void __libfuzzer_is_present(void) __attribute__((weak));

void ffipin_die(void) {
  void (*cb)(void) = atomic_load(&death_callback);
  if (cb) {
    cb();
    _exit(ffipin_flags.exitcode);
  }
  if (__libfuzzer_is_present) abort(); /* its SIGABRT handler saves the input */
  _exit(ffipin_flags.exitcode);
}

// Deduplication

/* Keys of reports already handled (printed or suppressed), in a table that
 * grows (a long fuzzing run can hit many distinct bugs). */
static ffipin_table_t seen = FFIPIN_TABLE_INIT(uintptr_t, 1024, "the report dedup table");

static bool seen_before(ffipin_bug_kind_t kind, ffipin_stack_id_t stack) {
  if (!stack) return false; /* no stack, nothing to tell reports apart by */
  bool fresh;
  ffipin_table_insert(&seen, (uintptr_t)(kind + 1) << 32 | stack, &fresh);
  return !fresh;
}

// Composing

enum { MAX_INLINE = 16 };
static ffipin_frame_t frames[MAX_INLINE];
static char frame_strings[8192];

/* Stacks hold return addresses; like ASan we print the address of the call
 * (pc - 1), which is what was symbolized and what module+offset names. */
static uintptr_t call_pc(uintptr_t pc) { return pc ? pc - 1 : 0; }

static bool has_slot(const ffipin_report_t *r) { return r->slot != 0; }

static void describe(ffipin_buf_t *b, const ffipin_report_t *r) {
  uintptr_t beg = r->range_begin, end = r->range_begin + r->range_size;
  const char *heap = r->heap_name ? r->heap_name : "?";
  switch (r->kind) {
  case FFIPIN_BUG_PIN_OUTLIVED:
    ffipin_buf_printf(b,
                      "slot " FFIPIN_ADDR " still holds a pointer into [" FFIPIN_ADDR
                      "," FFIPIN_ADDR ") (%lu bytes) after its pin ended",
                      r->slot, beg, end, r->range_size);
    break;
  case FFIPIN_BUG_BORROW_ESCAPED:
    if (r->heap_name) /* no borrow holds it: the range is the whole heap */
      ffipin_buf_printf(b,
                        "slot " FFIPIN_ADDR ", written during a call scope, still "
                        "holds " FFIPIN_ADDR " (in heap '%s') after the scope "
                        "ended, and no pin covers it",
                        r->slot, r->value, heap);
    else
      ffipin_buf_printf(b,
                        "slot " FFIPIN_ADDR ", written during a call scope, still "
                        "holds a pointer into [" FFIPIN_ADDR "," FFIPIN_ADDR ") (%lu "
                        "bytes) after the scope ended, and no pin covers it",
                        r->slot, beg, end, r->range_size);
    break;
  case FFIPIN_BUG_UNPINNED_STORE:
    ffipin_buf_printf(b,
                      "slot " FFIPIN_ADDR " was given " FFIPIN_ADDR " (in heap '%s') "
                      "outside any call scope, and no pin covers it",
                      r->slot, r->value, heap);
    break;
  case FFIPIN_BUG_COLLECTED_WHILE_HELD:
    ffipin_buf_printf(b,
                      "slot " FFIPIN_ADDR " still holds a pointer into [" FFIPIN_ADDR
                      "," FFIPIN_ADDR ") (%lu bytes) after the object was "
                      "collected",
                      r->slot, beg, end, r->range_size);
    break;
  case FFIPIN_BUG_MOVED_WHILE_HELD:
    ffipin_buf_printf(b,
                      "slot " FFIPIN_ADDR " still holds a pointer into [" FFIPIN_ADDR
                      "," FFIPIN_ADDR ") (%lu bytes) after the object moved to " FFIPIN_ADDR,
                      r->slot, beg, end, r->range_size, r->moved_to);
    break;
  case FFIPIN_BUG_PIN_LEAK:
    ffipin_buf_printf(b,
                      "[" FFIPIN_ADDR "," FFIPIN_ADDR ") (%lu bytes) is still pinned at "
                      "exit (count %u)",
                      beg, end, r->range_size, r->pin_count);
    break;
  case FFIPIN_BUG_USE_AFTER_UNPIN:
  case FFIPIN_BUG_LEND_OVERFLOW: {
    bool past_end = r->kind == FFIPIN_BUG_LEND_OVERFLOW;
    if (!r->range_size && !r->range_begin) {
      ffipin_buf_printf(b,
                        FFIPIN_ADDR " is in the pages of a guarded copy whose lend ended long "
                                    "ago (its record was recycled)",
                        r->slot);
      break;
    }
    ffipin_buf_printf(b,
                      FFIPIN_ADDR " is %lu bytes %s the %lu-byte guarded copy [" FFIPIN_ADDR
                                  "," FFIPIN_ADDR ") of " FFIPIN_ADDR ", %s",
                      r->slot, past_end ? r->slot - end : r->slot - beg,
                      past_end ? "after the end of" : "inside of", r->range_size, beg, end,
                      r->value, past_end ? "still lent" : "whose lend ended");
    break;
  }
  case FFIPIN_BUG_BAD_UNPIN:
    ffipin_buf_printf(b,
                      "unpin of " FFIPIN_ADDR ", which is not pinned (never "
                      "pinned, or unpinned more times than pinned)",
                      beg);
    break;
  default:
    ffipin_buf_printf(b, "%s", r->message ? r->message : "invalid call");
    break;
  }
}

/* "<type> <file>:<line>:<col> in <function>", from the innermost frame of
 * the first stack; the parts that are unknown are left out. */
static void summarize(ffipin_buf_t *b, const ffipin_report_t *r) {
  ffipin_buf_printf(b, "%s", ffipin_bug_name(r->kind));
  const uintptr_t *pcs;
  if (!r->stacks[0].what || !ffipin_stack_get(r->stacks[0].stack, &pcs)) return;
  ffipin_symbolize_pc(pcs[0], frames, MAX_INLINE, frame_strings, sizeof(frame_strings));
  const ffipin_frame_t *f = &frames[0];
  if (f->file) {
    ffipin_buf_printf(b, " %s", f->file);
    if (f->line) ffipin_buf_printf(b, ":%d", f->line);
    if (f->line && f->column) ffipin_buf_printf(b, ":%d", f->column);
  } else if (f->module) {
    ffipin_buf_printf(b, " (%s+0x%lx)", f->module, f->module_offset);
  }
  if (f->function) ffipin_buf_printf(b, " in %s", f->function);
}

static void text_frame(ffipin_buf_t *b, int k, const ffipin_frame_t *f) {
  ffipin_buf_printf(b, "    #%d " FFIPIN_ADDR, k, call_pc(f->pc));
  if (f->function) ffipin_buf_printf(b, " in %s", f->function);
  if (f->file) {
    ffipin_buf_printf(b, " %s", f->file);
    if (f->line) ffipin_buf_printf(b, ":%d", f->line);
    if (f->line && f->column) ffipin_buf_printf(b, ":%d", f->column);
  } else if (f->module) {
    ffipin_buf_printf(b, "%s (%s+0x%lx)", f->function ? "" : " ", f->module, f->module_offset);
  } else {
    ffipin_buf_printf(b, "%s (<unknown module>)", f->function ? "" : " ");
  }
  ffipin_buf_printf(b, "\n");
}

static void text_report(ffipin_buf_t *b, const ffipin_report_t *r, const char *summary,
                        bool halting) {
  int pid = ffipin_getpid();
  ffipin_buf_printf(b, "================================================="
                       "================\n");
  ffipin_buf_printf(b, "==%d==ERROR: FFIPinSanitizer: %s", pid, ffipin_bug_name(r->kind));
  if (r->access)
    ffipin_buf_printf(
        b, " on address " FFIPIN_ADDR " at pc " FFIPIN_ADDR " bp " FFIPIN_ADDR " sp " FFIPIN_ADDR,
        r->slot, r->access_pc, r->access_bp, r->access_sp);
  else if (has_slot(r))
    ffipin_buf_printf(b, " on address " FFIPIN_ADDR " (holds " FFIPIN_ADDR ")", r->slot, r->value);
  else if (r->range_begin) /* an invalid-call may have no address at all */
    ffipin_buf_printf(b, " on address " FFIPIN_ADDR, r->range_begin);
  ffipin_buf_printf(b, "\n");
  describe(b, r);
  ffipin_buf_printf(b, "\n");
  for (int s = 0; s < 3; s++) {
    const ffipin_report_stack_t *st = &r->stacks[s];
    if (!st->what) continue;
    ffipin_buf_printf(b, "%s by thread T%u%s\n", st->what, st->tid,
                      s == 0 && has_slot(r) ? ":" : " here:");
    const uintptr_t *pcs;
    size_t n = ffipin_stack_get(st->stack, &pcs);
    if (n == 0) ffipin_buf_printf(b, "    <empty stack>\n");
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
      int nf =
          ffipin_symbolize_pc(pcs[i], frames, MAX_INLINE, frame_strings, sizeof(frame_strings));
      for (int j = 0; j < nf; j++) text_frame(b, (int)k++, &frames[j]);
    }
    ffipin_report_frames_hook_t more = atomic_load(&frames_hook);
    if (more) more(b, r, s, (int)k);
    void (*extra)(char *, size_t) = atomic_load(&report_extra);
    if (s == 0 && extra) {
      static char extra_text[8192];
      extra(extra_text, sizeof(extra_text));
      ffipin_buf_printf(b, "%s", extra_text);
    }
  }
  if (has_slot(r) && !r->access) { /* an access's description says where it is */
    ffipin_describe_address(b, r->slot);
    ffipin_buf_printf(b, "\n");
  }
  if (ffipin_flags.print_summary) ffipin_buf_printf(b, "SUMMARY: FFIPinSanitizer: %s\n", summary);
  if (halting) ffipin_buf_printf(b, "==%d==ABORTING\n", pid);
}

static void json_str(ffipin_buf_t *b, const char *key, const char *s) {
  ffipin_buf_printf(b, "\"%s\":", key);
  if (!s) {
    ffipin_buf_printf(b, "null");
    return;
  }
  ffipin_buf_printf(b, "\"");
  ffipin_buf_json_escape(b, s);
  ffipin_buf_printf(b, "\"");
}

static void json_addr(ffipin_buf_t *b, const char *key, bool present, uintptr_t a) {
  if (present)
    ffipin_buf_printf(b, "\"%s\":\"" FFIPIN_ADDR "\"", key, a);
  else
    ffipin_buf_printf(b, "\"%s\":null", key);
}

static void json_report(ffipin_buf_t *b, const ffipin_report_t *r, const char *summary,
                        size_t max_frames) {
  static char small[4096];
  ffipin_buf_t tmp;
  ffipin_buf_printf(b, "{\"sanitizer\":\"FFIPinSanitizer\",");
  json_str(b, "type", ffipin_bug_name(r->kind));
  ffipin_buf_printf(b, ",\"pid\":%d,", ffipin_getpid());
  json_addr(b, "slot", has_slot(r), r->slot);
  ffipin_buf_printf(b, ",");
  json_addr(b, "value", has_slot(r), r->value);
  if (r->range_begin || r->range_size)
    ffipin_buf_printf(b, ",\"range\":{\"begin\":\"" FFIPIN_ADDR "\",\"size\":%lu},", r->range_begin,
                      r->range_size);
  else
    ffipin_buf_printf(b, ",\"range\":null,");
  json_str(b, "heap", r->heap_name);
  ffipin_buf_printf(b, ",");
  json_addr(b, "moved_to", r->kind == FFIPIN_BUG_MOVED_WHILE_HELD, r->moved_to);
  ffipin_buf_printf(b, ",");
  json_str(b, "access", r->access ? (r->is_write ? "WRITE" : "READ") : NULL);
  if (r->kind == FFIPIN_BUG_PIN_LEAK || r->kind == FFIPIN_BUG_BAD_UNPIN)
    ffipin_buf_printf(b, ",\"pin_count\":%u,", r->pin_count);
  else
    ffipin_buf_printf(b, ",\"pin_count\":null,");
  ffipin_buf_init(&tmp, small, sizeof(small));
  describe(&tmp, r);
  json_str(b, "description", small);
  ffipin_buf_printf(b, ",");
  if (has_slot(r) && !r->access) {
    ffipin_buf_init(&tmp, small, sizeof(small));
    ffipin_describe_address(&tmp, r->slot);
    json_str(b, "location", small);
  } else {
    json_str(b, "location", NULL);
  }
  ffipin_buf_printf(b, ",\"stacks\":[");
  bool first_stack = true;
  for (int s = 0; s < 3; s++) {
    const ffipin_report_stack_t *st = &r->stacks[s];
    if (!st->what) continue;
    ffipin_buf_printf(b, "%s{", first_stack ? "" : ",");
    first_stack = false;
    json_str(b, "what", st->what);
    ffipin_buf_printf(b, ",\"thread\":%u,\"frames\":[", st->tid);
    const uintptr_t *pcs;
    size_t n = ffipin_stack_get(st->stack, &pcs);
    if (n > max_frames) n = max_frames;
    for (size_t i = 0; i < n; i++) {
      int nf =
          ffipin_symbolize_pc(pcs[i], frames, MAX_INLINE, frame_strings, sizeof(frame_strings));
      for (int j = 0; j < nf; j++) {
        const ffipin_frame_t *f = &frames[j];
        ffipin_buf_printf(b, "%s{\"pc\":\"" FFIPIN_ADDR "\",", i + j ? "," : "", call_pc(f->pc));
        json_str(b, "function", f->function);
        ffipin_buf_printf(b, ",");
        json_str(b, "file", f->file);
        ffipin_buf_printf(b, ",\"line\":%d,\"column\":%d,", f->line, f->column);
        json_str(b, "module", f->module);
        ffipin_buf_printf(b, ",");
        json_addr(b, "module_offset", f->module != NULL, f->module_offset);
        ffipin_buf_printf(b, "}");
      }
    }
    ffipin_buf_printf(b, "]}");
  }
  ffipin_buf_printf(b, "],");
  json_str(b, "summary", summary);
  ffipin_buf_printf(b, "}\n");
}

// Entry point

static ffipin_lock_t report_lock = FFIPIN_LOCK_INIT;
static char report_text[64 * 1024];
static char summary_text[2048];

/* Composes the report into report_text; returns its length. */
static size_t compose(const ffipin_report_t *r, bool halting) {
  ffipin_buf_t sb, b;
  ffipin_buf_init(&sb, summary_text, sizeof(summary_text));
  summarize(&sb, r);
  ffipin_buf_init(&b, report_text, sizeof(report_text));
  if (ffipin_flags.report_format == FFIPIN_FORMAT_JSON) {
    json_report(&b, r, summary_text, FFIPIN_MAX_STACK_DEPTH);
    if (b.truncated) { /* cut JSON is no JSON: retry with shorter stacks */
      ffipin_buf_init(&b, report_text, sizeof(report_text));
      json_report(&b, r, summary_text, 8);
    }
    return b.len;
  }
  text_report(&b, r, summary_text, halting);
  if (b.truncated) {
    static const char CUT[] = "\n...(report truncated)\n";
    size_t at = b.len - (sizeof(CUT) - 1);
    for (size_t i = 0; i < sizeof(CUT); i++) report_text[at + i] = CUT[i];
    b.len = at + sizeof(CUT) - 1;
  }
  return b.len;
}

static void (*_Atomic start_hook)(void);

void ffipin_report_set_start_hook(void (*hook)(void)) { atomic_store(&start_hook, hook); }

/* The OS thread id of the thread inside ffipin_report_error, or 0. */
static _Atomic int reporting_os_tid;

void ffipin_report_wait_for_others(unsigned max_ms) {
  int self = ffipin_gettid();
  for (unsigned waited = 0; waited < max_ms; waited++) {
    int busy = atomic_load(&reporting_os_tid);
    if (!busy || busy == self) return;
    ffipin_sleep_ms(1);
  }
}

void ffipin_report_lock(void) { ffipin_lock_acquire(&report_lock); }
void ffipin_report_unlock(void) { ffipin_lock_release(&report_lock); }

bool ffipin_report_error(const ffipin_report_t *r) {
  ffipin_thread_t *t = ffipin_thread_current();
  if (t->in_report) return false;
  t->in_report = 1;
  ffipin_lock_acquire(&report_lock);
  atomic_store(&reporting_os_tid, ffipin_gettid());
  void (*hook)(void) = atomic_load(&start_hook);
  if (hook) hook();
  bool print = !seen_before(r->kind, r->stacks[0].stack);
  ffipin_stack_id_t stacks[3];
  int nstacks = 0;
  for (int s = 0; s < 3; s++)
    if (r->stacks[s].what) stacks[nstacks++] = r->stacks[s].stack;
  if (print && ffipin_suppress_match(r->kind, stacks, nstacks)) {
    ffipin_verbose(1, "suppressed a report of type %s (suppressions file '%s')",
                   ffipin_bug_name(r->kind), ffipin_flags.suppressions);
    print = false;
  }
  if (print) {
    FFIPIN_COUNT(reports);
    bool halting = ffipin_flags.halt_on_error;
    size_t len = compose(r, halting);
    ffipin_log_write(report_text, len);
    void (*cb)(const char *) = atomic_load(&report_callback);
    if (cb) cb(report_text);
    if (halting) ffipin_die(); /* still holding the lock: nothing follows */
  }
  atomic_store(&reporting_os_tid, 0);
  ffipin_lock_release(&report_lock);
  t->in_report = 0;
  return print;
}
