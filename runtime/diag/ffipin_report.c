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
#include "diag/ffipin_frames.h"
#include "diag/ffipin_location.h"
#include "diag/ffipin_log.h"
#include "diag/ffipin_suppress.h"
#include "diag/ffipin_symbolize.h"

// Callbacks

static void (*_Atomic report_callback)(const char *);
static void (*_Atomic death_callback)(void);

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

static char frame_strings[8192];

/* Stacks hold return addresses; like ASan we print the address of the call
 * (pc - 1), which is what was symbolized and what module+offset names. */
static uintptr_t call_pc(uintptr_t pc) { return pc ? pc - 1 : 0; }

static bool has_slot(const ffipin_report_t *r) { return r->slot != 0; }

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
  case FFIPIN_BUG_BAD_UNPIN:
    ffipin_buf_printf(b,
                      "unpin of " FFIPIN_ADDR ", which is not pinned (never "
                      "pinned, or unpinned more times than pinned)",
                      beg);
    break;
  case FFIPIN_BUG_CGO_LEAK: {
    const char *api = ffipin_frames_api(r->stacks[0].stack);
    ffipin_buf_printf(b,
                      "%lu byte(s) in %u object(s) allocated by %s were never freed, and no "
                      "pointer to them is left in Go memory, C globals, thread stacks or C heap",
                      r->leak_bytes, r->leak_objects, api ? api : "a cgo call");
    break;
  }
  default:
    ffipin_buf_printf(b, "%s", r->message ? r->message : "invalid call");
    break;
  }
}

/* "<type> <file>:<line>:<col> in <function>", from the first stack's
 * innermost frame that is the program's own (never a binding's glue,
 * diag/ffipin_frames.h); the parts that are unknown are left out. */
static void summarize(ffipin_buf_t *b, const ffipin_report_t *r) {
  ffipin_buf_printf(b, "%s", ffipin_bug_name(r->kind));
  ffipin_frame_t site;
  if (!r->stacks[0].what ||
      !ffipin_frames_summary_site(r->stacks[0].stack, &site, frame_strings, sizeof(frame_strings)))
    return;
  const ffipin_frame_t *f = &site;
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

static bool text_visit(const ffipin_frame_visit_t *v, void *arg) {
  ffipin_buf_t *b = arg;
  if (v->labelled) ffipin_buf_printf(b, "%s:\n", ffipin_frames_switch_label());
  text_frame(b, (int)v->index, v->frame);
  return true;
}

static void text_report(ffipin_buf_t *b, const ffipin_report_t *r, const char *summary,
                        bool halting) {
  int pid = ffipin_getpid();
  ffipin_buf_printf(b, "================================================="
                       "================\n");
  ffipin_buf_printf(b, "==%d==ERROR: FFIPinSanitizer: %s", pid, ffipin_bug_name(r->kind));
  if (has_slot(r))
    ffipin_buf_printf(b, " on address " FFIPIN_ADDR " (holds " FFIPIN_ADDR ")", r->slot, r->value);
  else if (r->range_begin) /* an invalid-call may have no address at all */
    ffipin_buf_printf(b, " on address " FFIPIN_ADDR, r->range_begin);
  ffipin_buf_printf(b, "\n");
  describe(b, r);
  ffipin_buf_printf(b, "\n");
  for (int s = 0; s < 3; s++) {
    const ffipin_report_stack_t *st = &r->stacks[s];
    if (!st->what) continue;
    size_t header = b->len;
    ffipin_buf_printf(b, "%s by thread T%u%s\n", st->what, st->tid,
                      s == 0 && has_slot(r) ? ":" : " here:");
    const uintptr_t *pcs;
    size_t n = ffipin_stack_get(st->stack, &pcs), before = b->len;
    if (n == 0) ffipin_buf_printf(b, "    <empty stack>\n");
    ffipin_frames_walk(st->stack, text_visit, b);
    if (n && b->len == before && !b->truncated) {
      /* Only glue (the one-frame begin of a cgo call): nothing to show. */
      b->len = header;
      b->data[header] = '\0';
    }
  }
  if (has_slot(r)) {
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

typedef struct {
  ffipin_buf_t *b;
  size_t left; /* frames still to write */
  bool first;  /* no frame written yet in this stack object */
  uint32_t tid;
} json_stack_t;

/* A stack switch starts a new stack object, named by the switch label. */
static bool json_visit(const ffipin_frame_visit_t *v, void *arg) {
  json_stack_t *js = arg;
  ffipin_buf_t *b = js->b;
  const ffipin_frame_t *f = v->frame;
  if (!js->left) return false;
  js->left--;
  if (v->labelled) {
    ffipin_buf_printf(b, "]},{");
    json_str(b, "what", ffipin_frames_switch_label());
    ffipin_buf_printf(b, ",\"thread\":%u,\"frames\":[", js->tid);
    js->first = true;
  }
  ffipin_buf_printf(b, "%s{\"pc\":\"" FFIPIN_ADDR "\",", js->first ? "" : ",", call_pc(f->pc));
  js->first = false;
  json_str(b, "function", f->function);
  ffipin_buf_printf(b, ",");
  json_str(b, "file", f->file);
  ffipin_buf_printf(b, ",\"line\":%d,\"column\":%d,", f->line, f->column);
  json_str(b, "module", f->module);
  ffipin_buf_printf(b, ",");
  json_addr(b, "module_offset", f->module != NULL, f->module_offset);
  ffipin_buf_printf(b, "}");
  return true;
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
  if (r->kind == FFIPIN_BUG_PIN_LEAK || r->kind == FFIPIN_BUG_BAD_UNPIN)
    ffipin_buf_printf(b, ",\"pin_count\":%u,", r->pin_count);
  else
    ffipin_buf_printf(b, ",\"pin_count\":null,");
  ffipin_buf_init(&tmp, small, sizeof(small));
  describe(&tmp, r);
  json_str(b, "description", small);
  ffipin_buf_printf(b, ",");
  if (has_slot(r)) {
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
    json_stack_t js = {b, max_frames, true, st->tid};
    ffipin_frames_walk(st->stack, json_visit, &js);
    ffipin_buf_printf(b, "]}");
  }
  ffipin_buf_printf(b, "],");
  if (r->kind == FFIPIN_BUG_CGO_LEAK)
    ffipin_buf_printf(b, "\"leak\":{\"bytes\":%lu,\"objects\":%u},", r->leak_bytes,
                      r->leak_objects);
  else
    ffipin_buf_printf(b, "\"leak\":null,");
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

void ffipin_report_lock(void) { ffipin_lock_acquire(&report_lock); }
void ffipin_report_unlock(void) { ffipin_lock_release(&report_lock); }

bool ffipin_report_error(const ffipin_report_t *r) {
  ffipin_thread_t *t = ffipin_thread_current();
  if (t->in_report) return false;
  t->in_report = 1;
  ffipin_lock_acquire(&report_lock);
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
  ffipin_lock_release(&report_lock);
  t->in_report = 0;
  return print;
}
