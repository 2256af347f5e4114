/* Printing reports: one lock, a per-thread recursion guard, dedup by
 * (kind, first stack), suppressions, text or JSON composed in one static
 * buffer and written with a single write, the user's callback, then dying
 * if halt_on_error. The JSON schema is docs/report-json.md. */
#include "diag/ffipin_report.h"

#include <signal.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "base/ffipin_flags.h"
#include "base/ffipin_format.h"
#include "base/ffipin_lock.h"
#include "base/ffipin_stats.h"
#include "base/ffipin_sys.h"
#include "base/ffipin_table.h"
#include "base/ffipin_thread.h"
#include "diag/ffipin_frames.h"
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

/* A binding's extra lines after the first stack, as text; called on the
 * reporting thread under the report lock (text reports print the lines as
 * they are; JSON has them in "extra"). */
FFIPIN_EXPORT void __ffipin_set_report_extra(void (*fn)(char *buf, size_t size)) {
  atomic_store(&report_extra, fn);
}

FFIPIN_EXPORT void __ffipin_set_error_report_callback(void (*cb)(const char *)) {
  atomic_store(&report_callback, cb);
}

/* libFuzzer registers its crash-input dump here. Weak, so that a
 * sanitizer_common runtime's strong definition (ASan, UBSan, and the UBSan
 * that clang links for -fsanitize=fuzzer alone) wins when one is linked: the
 * callback is then kept where we cannot read it, and ffipin_die calls
 * libFuzzer's directly. */
FFIPIN_EXPORT __attribute__((weak)) void __sanitizer_set_death_callback(void (*cb)(void)) {
  atomic_store(&death_callback, cb);
}

/* Defined by libFuzzer (checked with llvm-nm on LLVM 19's
 * libclang_rt.fuzzer-x86_64.a): fuzzer::Fuzzer::StaticDeathCallback, the
 * function it registers with __sanitizer_set_death_callback (it writes the
 * crash-<sha1> file and the final stats), and fuzzer::RunningUserCallback,
 * true while LLVMFuzzerTestOneInput runs: only then does the Fuzzer object
 * the callback uses exist. */
extern void __libfuzzer_is_present(void) __attribute__((weak));
extern void libfuzzer_death_callback(void) __asm__("_ZN6fuzzer6Fuzzer19StaticDeathCallbackEv")
    __attribute__((weak));
extern bool libfuzzer_running_user_callback __asm__("_ZN6fuzzer19RunningUserCallbackE")
    __attribute__((weak));

/* SIGABRT back to its default action and unblocked, so that abort() ends
 * the process here: a co-linked sanitizer's handle_abort=1 handler or
 * libFuzzer's would print a second report (ABRT, "deadly signal") blaming
 * our frames. sanitizer_common's Abort() does the same. */
static void abort_quietly(void) {
  struct {
    void *handler;
    unsigned long flags;
    void *restorer;
    uint64_t mask;
  } dfl = {(void *)0 /* SIG_DFL */, 0, NULL, 0};
  uint64_t abrt = (uint64_t)1 << (SIGABRT - 1);
  syscall(SYS_rt_sigaction, SIGABRT, &dfl, NULL, sizeof(uint64_t));
  syscall(SYS_rt_sigprocmask, SIG_UNBLOCK, &abrt, NULL, sizeof(uint64_t));
  abort();
}

void ffipin_die(void) {
  void (*cb)(void) = atomic_load(&death_callback);
  if (cb)
    cb();
  else if (__libfuzzer_is_present && libfuzzer_death_callback && &libfuzzer_running_user_callback &&
           libfuzzer_running_user_callback)
    libfuzzer_death_callback();
  if (ffipin_flags.abort_on_error) abort_quietly();
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

/* Stacks hold return addresses; like ASan we print the address of the call
 * (pc - 1), which is what was symbolized and what module+offset names. */
static uintptr_t call_pc(uintptr_t pc) { return pc ? pc - 1 : 0; }

static bool has_slot(const ffipin_report_t *r) { return r->slot != 0; }

/* The address the report is "on": the slot, else the address the misused
 * call was given (bad-unpin, invalid-call), else none. */
static uintptr_t report_address(const ffipin_report_t *r) {
  return has_slot(r) ? r->slot : r->range_begin;
}

static const char *base_name(const char *path) {
  const char *name = path;
  for (const char *p = path; *p; p++)
    if (*p == '/') name = p + 1;
  return name;
}

/* A pointer the scan of uninstrumented memory found: where it was found
 * stands in for the store stack nobody could record. */
static void describe_unseen(ffipin_buf_t *b, const ffipin_report_t *r) {
  const char *module = base_name(r->unseen_module);
  ffipin_buf_printf(b, "slot " FFIPIN_ADDR ", found in ", r->slot);
  if (r->unseen_block_size)
    ffipin_buf_printf(b, "a %lu-byte heap block allocated by %s", r->unseen_block_size, module);
  else
    ffipin_buf_printf(b, "the globals of %s", module);
  ffipin_buf_printf(b,
                    ", still holds a pointer into [" FFIPIN_ADDR "," FFIPIN_ADDR ") (%lu bytes) "
                    "after %s ended, and no pin covers it; no store stack: %s was not built with "
                    "-fsanitize=ffi-pin",
                    r->range_begin, r->range_begin + r->range_size, r->range_size,
                    r->kind == FFIPIN_BUG_PIN_OUTLIVED ? "its pin" : "the call scope", module);
}

static void describe(ffipin_buf_t *b, const ffipin_report_t *r) {
  uintptr_t beg = r->range_begin, end = r->range_begin + r->range_size;
  const char *heap = r->heap_name ? r->heap_name : "?";
  if (r->unseen_module) {
    describe_unseen(b, r);
    return;
  }
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
  case FFIPIN_BUG_PIN_LEAK: /* message: why the pin can no longer end, if not exit */
    ffipin_buf_printf(b, "[" FFIPIN_ADDR "," FFIPIN_ADDR ") (%lu bytes) %s (count %u)", beg, end,
                      r->range_size, r->message ? r->message : "is still pinned at exit",
                      r->pin_count);
    break;
  case FFIPIN_BUG_CGO_LEAK: {
    const char *api = ffipin_frames_api(r->stacks[0].stack);
    ffipin_buf_printf(b,
                      "%lu byte(s) in %u object(s) allocated by %s were never freed, and no "
                      "pointer to them is left in Go memory, C globals, thread stacks or C heap",
                      r->leak_bytes, r->leak_objects, api ? api : "a cgo call");
    break;
  }
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

/* One walker for every stack of a report: the report lock is held. */
static ffipin_frames_t walk;

static char frame_strings[8192];

/* "<type> <file>:<line>:<col> in <function>", from the first stack's
 * innermost frame that is the program's own (never a binding's glue,
 * diag/ffipin_frames.h); the parts that are unknown are left out. */
static void summarize(ffipin_buf_t *b, const ffipin_report_t *r) {
  ffipin_buf_printf(b, "%s", ffipin_bug_name(r->kind));
  ffipin_frame_t f;
  if (!r->stacks[0].what ||
      !ffipin_frames_summary_site(r->stacks[0].stack, &f, frame_strings, sizeof(frame_strings)))
    return;
  if (f.file) {
    ffipin_buf_printf(b, " %s", f.file);
    if (f.line) ffipin_buf_printf(b, ":%d", f.line);
    if (f.line && f.column) ffipin_buf_printf(b, ":%d", f.column);
  } else if (f.module) {
    ffipin_buf_printf(b, " (%s+0x%lx)", f.module, f.module_offset);
  }
  if (f.function) ffipin_buf_printf(b, " in %s", f.function);
}

/* sanitizer_common's dedup token: the first dedup_token_length function
 * names of the first stack's shown frames (across a stack switch), joined
 * by "--"; an unknown name adds only the separator. */
static void dedup_token(ffipin_buf_t *b, const ffipin_report_t *r) {
  int left = ffipin_flags.dedup_token_length;
  bool first = true;
  if (r->stacks[0].what) {
    ffipin_frames_begin(&walk, r->stacks[0].stack, FFIPIN_MAX_STACK_DEPTH);
    for (const ffipin_frame_t *f; left > 0 && (f = ffipin_frames_next(&walk)); left--) {
      ffipin_buf_printf(b, "%s%s", first ? "" : "--", f->function ? f->function : "");
      first = false;
    }
  }
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

/* Prints a stack's frames, numbered from #0 again after a stack switch's
 * label; returns the number the next frame a binding adds gets. */
static int text_stack(ffipin_buf_t *b, const ffipin_report_stack_t *st) {
  ffipin_frames_begin(&walk, st->stack, FFIPIN_MAX_STACK_DEPTH);
  int k = 0;
  for (const ffipin_frame_t *f; (f = ffipin_frames_next(&walk));) {
    if (walk.labelled) {
      ffipin_buf_printf(b, "%s here:\n", ffipin_frames_switch_label());
      k = 0;
    }
    text_frame(b, k++, f);
  }
  if (!walk.shown_any)
    ffipin_buf_printf(b, "    %s\n",
                      walk.hidden ? "<only the call bridge's frames>"
                      : walk.n    ? "<only the sanitizer's own frames>"
                                  : "<empty stack>");
  return k;
}

static void text_report(ffipin_buf_t *b, const ffipin_report_t *r) {
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
    int k = text_stack(b, st);
    ffipin_report_frames_hook_t more = atomic_load(&frames_hook);
    if (more) more(b, r, s, k);
    if (s != 0) continue;
    void (*extra)(char *, size_t) = atomic_load(&report_extra);
    if (extra) {
      static char extra_text[8192];
      extra_text[0] = '\0';
      extra(extra_text, sizeof(extra_text));
      ffipin_buf_printf(b, "%s", extra_text);
    }
    if (ffipin_flags.dedup_token_length > 0) {
      ffipin_buf_printf(b, "DEDUP_TOKEN: ");
      dedup_token(b, r);
      ffipin_buf_printf(b, "\n");
    }
  }
  if (has_slot(r) && !r->access) { /* an access's description says where it is */
    ffipin_describe_address(b, r->slot);
    ffipin_buf_printf(b, "\n");
  }
}

/* The lines a text report always ends with, even when cut. */
static void text_tail(ffipin_buf_t *b, const char *summary, bool halting) {
  if (ffipin_flags.print_summary) ffipin_buf_printf(b, "SUMMARY: FFIPinSanitizer: %s\n", summary);
  if (halting) ffipin_buf_printf(b, "==%d==ABORTING\n", ffipin_getpid());
}

// JSON

/* How much of a report JSON keeps: everything, then (when that does not fit
 * the buffer) fewer frames and shorter strings, so the line stays valid. */
typedef struct {
  size_t max_frames;
  size_t max_string;
} json_limits_t;
static const json_limits_t JSON_LEVELS[] = {
    {FFIPIN_MAX_STACK_DEPTH, (size_t)-1}, {8, 1024}, {1, 256}, {0, 128}};

static void json_str(ffipin_buf_t *b, const json_limits_t *lim, const char *key, const char *s) {
  ffipin_buf_printf(b, "\"%s\":", key);
  if (!s) {
    ffipin_buf_printf(b, "null");
    return;
  }
  ffipin_buf_printf(b, "\"");
  ffipin_buf_json_escape_n(b, s, lim->max_string);
  ffipin_buf_printf(b, "\"");
}

static void json_addr(ffipin_buf_t *b, const char *key, bool present, uintptr_t a) {
  if (present)
    ffipin_buf_printf(b, "\"%s\":\"" FFIPIN_ADDR "\"", key, a);
  else
    ffipin_buf_printf(b, "\"%s\":null", key);
}

static void json_int(ffipin_buf_t *b, const char *key, bool present, long v) {
  if (present)
    ffipin_buf_printf(b, "\"%s\":%ld", key, v);
  else
    ffipin_buf_printf(b, "\"%s\":null", key);
}

static void json_frame(ffipin_buf_t *b, const json_limits_t *lim, bool first,
                       const ffipin_frame_t *f) {
  ffipin_buf_printf(b, "%s{\"pc\":\"" FFIPIN_ADDR "\",", first ? "" : ",", call_pc(f->pc));
  json_str(b, lim, "function", f->function);
  ffipin_buf_printf(b, ",");
  json_str(b, lim, "file", f->file);
  ffipin_buf_printf(b, ",");
  json_int(b, "line", f->line > 0, f->line);
  ffipin_buf_printf(b, ",");
  json_int(b, "column", f->line > 0 && f->column > 0, f->column);
  ffipin_buf_printf(b, ",");
  json_str(b, lim, "module", f->module);
  ffipin_buf_printf(b, ",");
  json_addr(b, "module_offset", f->module != NULL, f->module_offset);
  ffipin_buf_printf(b, "}");
}

/* A stack that crosses a stack switch goes on as the next stack object,
 * named by the switch label. */
static void json_stacks(ffipin_buf_t *b, const ffipin_report_t *r, const json_limits_t *lim) {
  ffipin_buf_printf(b, "\"stacks\":[");
  bool first_stack = true;
  for (int s = 0; s < 3; s++) {
    const ffipin_report_stack_t *st = &r->stacks[s];
    if (!st->what) continue;
    ffipin_buf_printf(b, "%s{", first_stack ? "" : ",");
    first_stack = false;
    json_str(b, lim, "what", st->what);
    ffipin_buf_printf(b, ",\"thread\":%u,\"frames\":[", st->tid);
    ffipin_frames_begin(&walk, st->stack, FFIPIN_MAX_STACK_DEPTH);
    size_t k = 0, written = 0;
    for (const ffipin_frame_t *f; written < lim->max_frames && (f = ffipin_frames_next(&walk));
         k++, written++) {
      if (walk.labelled) {
        ffipin_buf_printf(b, "]},{");
        json_str(b, lim, "what", ffipin_frames_switch_label());
        ffipin_buf_printf(b, ",\"thread\":%u,\"frames\":[", st->tid);
        k = 0;
      }
      json_frame(b, lim, k == 0, f);
    }
    ffipin_buf_printf(b, "]}");
  }
  ffipin_buf_printf(b, "]");
}

static void json_report(ffipin_buf_t *b, const ffipin_report_t *r, const char *summary,
                        const json_limits_t *lim, bool truncated) {
  static char small[4096];
  ffipin_buf_t tmp;
  ffipin_buf_printf(b, "{\"sanitizer\":\"FFIPinSanitizer\",");
  json_str(b, lim, "type", ffipin_bug_name(r->kind));
  ffipin_buf_printf(b, ",\"pid\":%d,", ffipin_getpid());
  json_addr(b, "address", report_address(r) != 0, report_address(r));
  ffipin_buf_printf(b, ",");
  json_addr(b, "slot", has_slot(r), r->slot);
  ffipin_buf_printf(b, ",");
  json_addr(b, "value", has_slot(r), r->value);
  if (r->range_size)
    ffipin_buf_printf(b, ",\"range\":{\"begin\":\"" FFIPIN_ADDR "\",\"size\":%lu},", r->range_begin,
                      r->range_size);
  else
    ffipin_buf_printf(b, ",\"range\":null,");
  json_str(b, lim, "heap", r->heap_name);
  ffipin_buf_printf(b, ",");
  json_addr(b, "moved_to", r->kind == FFIPIN_BUG_MOVED_WHILE_HELD, r->moved_to);
  ffipin_buf_printf(b, ",");
  json_str(b, lim, "access", r->access ? (r->is_write ? "WRITE" : "READ") : NULL);
  ffipin_buf_printf(b, ",");
  json_int(b, "pin_count", r->kind == FFIPIN_BUG_PIN_LEAK || r->kind == FFIPIN_BUG_BAD_UNPIN,
           (long)r->pin_count);
  ffipin_buf_printf(b, ",");
  ffipin_buf_init(&tmp, small, sizeof(small));
  describe(&tmp, r);
  json_str(b, lim, "description", small);
  ffipin_buf_printf(b, ",");
  if (has_slot(r) && !r->access) { /* an access's description says where it is */
    ffipin_buf_init(&tmp, small, sizeof(small));
    ffipin_describe_address(&tmp, r->slot);
    json_str(b, lim, "location", small);
  } else {
    json_str(b, lim, "location", NULL);
  }
  ffipin_buf_printf(b, ",");
  json_stacks(b, r, lim);
  ffipin_buf_printf(b, ",");
  void (*extra)(char *, size_t) = atomic_load(&report_extra);
  if (extra) {
    small[0] = '\0';
    extra(small, sizeof(small));
  }
  json_str(b, lim, "extra", extra && small[0] ? small : NULL);
  ffipin_buf_printf(b, ",");
  if (ffipin_flags.dedup_token_length > 0) {
    ffipin_buf_init(&tmp, small, sizeof(small));
    dedup_token(&tmp, r);
    json_str(b, lim, "dedup_token", small);
  } else {
    json_str(b, lim, "dedup_token", NULL);
  }
  if (r->kind == FFIPIN_BUG_CGO_LEAK)
    ffipin_buf_printf(b, ",\"leak\":{\"bytes\":%lu,\"objects\":%u}", r->leak_bytes,
                      r->leak_objects);
  else
    ffipin_buf_printf(b, ",\"leak\":null");
  ffipin_buf_printf(b, ",\"truncated\":%s,", truncated ? "true" : "false");
  json_str(b, lim, "summary", summary);
  ffipin_buf_printf(b, "}\n");
}

// Entry point

static ffipin_lock_t report_lock = FFIPIN_LOCK_INIT;
static char report_text[64 * 1024];
static char summary_text[2048];
static char tail_text[2048 + 64];

/* Composes the report into report_text; returns its length. A text report
 * too long for the buffer is cut at a line boundary and still ends with its
 * SUMMARY and ABORTING lines; a JSON one is composed again with less. */
static size_t compose(const ffipin_report_t *r, bool halting) {
  ffipin_buf_t sb, b;
  ffipin_buf_init(&sb, summary_text, sizeof(summary_text));
  summarize(&sb, r);
  if (ffipin_flags.report_format == FFIPIN_FORMAT_JSON) {
    size_t levels = sizeof(JSON_LEVELS) / sizeof(JSON_LEVELS[0]);
    for (size_t i = 0; i < levels; i++) {
      ffipin_buf_init(&b, report_text, sizeof(report_text));
      json_report(&b, r, summary_text, &JSON_LEVELS[i], i > 0);
      if (!b.truncated) break;
    }
    return b.len; /* the last level always fits: a few fixed-size fields */
  }
  ffipin_buf_t tb;
  ffipin_buf_init(&tb, tail_text, sizeof(tail_text));
  text_tail(&tb, summary_text, halting);
  static const char CUT[] = "...(report truncated)\n";
  ffipin_buf_init(&b, report_text, sizeof(report_text) - tb.len - sizeof(CUT));
  text_report(&b, r);
  if (b.truncated) {
    while (b.len > 0 && report_text[b.len - 1] != '\n') b.len--;
    b.cap = sizeof(report_text);
    ffipin_buf_append(&b, CUT, sizeof(CUT) - 1);
  }
  b.cap = sizeof(report_text);
  ffipin_buf_append(&b, tail_text, tb.len);
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
