/* Python frames in reports (ffipin_python_frames.h), e.g.
 *     #9 in test_already_finished /src/python/tests/decompressor_test.py:53 (Python)
 *
 * Read from CPython 3.11's own structures (ffipin_python_layout.h) and four
 * functions that only read (PyGILState_GetThisThreadState: the thread's
 * state from its TSS key; PyCode_Addr2Line; PyUnicode_GetLength and
 * PyUnicode_ReadChar on a str): nothing here allocates, takes a CPython lock
 * or needs the GIL, so one walk serves the lend and release hooks and the
 * fault handler. A thread walks only its own frames, which only it changes,
 * and only while it runs C code (a hook, or an access that faulted): they
 * hold still even when it has released the GIL.
 *
 * The functions are found with dlsym once, from a constructor (never from a
 * hook: a failed dlsym allocates its error message). A lend's and a
 * release's frames are resolved when they are taken — by the time of a
 * report their code objects may be gone — into records of file, function
 * and line; names are copied once per code object into an append-only
 * arena, so that a lend costs a walk of DEPTH frames and, for a call site
 * seen before, no PyCode_Addr2Line. */
#include "ffipin_python_frames.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdatomic.h>

#include "base/ffipin_lock.h"
#include "base/ffipin_message.h"
#include "base/ffipin_sys.h"
#include "base/ffipin_table.h"
#include "diag/ffipin_log.h"
#include "diag/ffipin_report.h"
#include "ffipin_python_layout.h"

enum {
  DEPTH = 4,          /* Python frames kept per stack, innermost first */
  RECORDS = 4096,     /* lends whose frames a report can still find */
  ARENA = 1 << 20,    /* bytes of names */
  NAME_BYTES = 256,   /* longest name kept, UTF-8, with its NUL */
  MAX_WALK = 1 << 10, /* frames looked at, at most (a corrupt chain ends) */
};

static struct {
  bool ok; /* CPython 3.11 with everything below found */
  void *(*this_thread_state)(void);
  int (*addr2line)(void *code, int byte_offset);
  intptr_t (*length)(void *str);
  uint32_t (*read_char)(void *str, intptr_t index);
  uintptr_t code_type, str_type;
} py;

static uintptr_t word(uintptr_t addr) { return *(const uintptr_t *)addr; }

static void report_frames(ffipin_buf_t *b, const ffipin_report_t *r, int stack, int next_frame);

__attribute__((constructor)) static void find_cpython(void) {
  const unsigned long *version = dlsym(RTLD_DEFAULT, "Py_Version");
  if (!version) return; /* not CPython, or older than 3.11 */
  uintptr_t code_type = (uintptr_t)dlsym(RTLD_DEFAULT, "PyCode_Type");
  /* The version, and the code object's size as a check on the layout. */
  if ((*version >> 16) != PY311_VERSION || !code_type ||
      *(const intptr_t *)(code_type + PY_TYPE_BASICSIZE) != PY311_CODE_BASICSIZE ||
      *(const intptr_t *)(code_type + PY_TYPE_ITEMSIZE) != PY311_CODE_UNIT) {
    ffipin_verbose(1, "no Python frames in reports: CPython %lu.%lu (only 3.11's layout is known)",
                   *version >> 24, (*version >> 16) & 0xff);
    return;
  }
  py.this_thread_state = (void *(*)(void))dlsym(RTLD_DEFAULT, "PyGILState_GetThisThreadState");
  py.addr2line = (int (*)(void *, int))dlsym(RTLD_DEFAULT, "PyCode_Addr2Line");
  py.length = (intptr_t (*)(void *))dlsym(RTLD_DEFAULT, "PyUnicode_GetLength");
  py.read_char = (uint32_t (*)(void *, intptr_t))dlsym(RTLD_DEFAULT, "PyUnicode_ReadChar");
  py.str_type = (uintptr_t)dlsym(RTLD_DEFAULT, "PyUnicode_Type");
  py.code_type = code_type;
  py.ok = py.this_thread_state && py.addr2line && py.length && py.read_char && py.str_type;
  if (!py.ok) return;
  ffipin_report_set_frames_hook(report_frames);
}

// Walking this thread's frames

typedef struct {
  uintptr_t code;
  int lasti; /* index of the code unit before the next instruction */
} raw_frame_t;

/* This thread's innermost DEPTH complete frames. */
static int walk(raw_frame_t *out) {
  if (!py.ok) return 0;
  uintptr_t ts = (uintptr_t)py.this_thread_state();
  uintptr_t cframe = ts ? word(ts + PY311_TSTATE_CFRAME) : 0;
  uintptr_t frame = cframe ? word(cframe + PY311_CFRAME_CURRENT_FRAME) : 0;
  int n = 0;
  for (int seen = 0; frame && n < DEPTH && seen < MAX_WALK;
       seen++, frame = word(frame + PY311_FRAME_PREVIOUS)) {
    uintptr_t code = word(frame + PY311_FRAME_CODE);
    if (!code || word(code + PY311_OB_TYPE) != py.code_type) break;
    intptr_t units = ((intptr_t)word(frame + PY311_FRAME_PREV_INSTR) -
                      (intptr_t)(code + PY311_CODE_CODE_ADAPTIVE)) /
                     PY311_CODE_UNIT;
    /* A frame still being set up has no line yet (_PyFrame_IsIncomplete). */
    if (*(const char *)(frame + PY311_FRAME_OWNER) != PY311_FRAME_OWNED_BY_GENERATOR &&
        units < *(const int *)(code + PY311_CODE_FIRSTTRACEABLE))
      continue;
    out[n++] = (raw_frame_t){code, (int)units};
  }
  return n;
}

static int line_of(const raw_frame_t *f) {
  return py.addr2line((void *)f->code, f->lasti * PY311_CODE_UNIT);
}

/* A str's text as UTF-8 in out (cap bytes with the NUL; longer names are
 * cut); "" for anything that is not a str. */
static void utf8(uintptr_t str, char *out, size_t cap) {
  size_t len = 0;
  if (str && word(str + PY311_OB_TYPE) == py.str_type) {
    intptr_t n = py.length((void *)str);
    for (intptr_t i = 0; i < n; i++) {
      uint32_t c = py.read_char((void *)str, i);
      unsigned char enc[4];
      size_t k;
      if (c < 0x80) {
        enc[0] = (unsigned char)c, k = 1;
      } else if (c < 0x800) {
        enc[0] = (unsigned char)(0xc0 | c >> 6), enc[1] = (unsigned char)(0x80 | (c & 0x3f)), k = 2;
      } else if (c < 0x10000) {
        enc[0] = (unsigned char)(0xe0 | c >> 12), enc[1] = (unsigned char)(0x80 | (c >> 6 & 0x3f));
        enc[2] = (unsigned char)(0x80 | (c & 0x3f)), k = 3;
      } else {
        enc[0] = (unsigned char)(0xf0 | c >> 18), enc[1] = (unsigned char)(0x80 | (c >> 12 & 0x3f));
        enc[2] = (unsigned char)(0x80 | (c >> 6 & 0x3f)),
        enc[3] = (unsigned char)(0x80 | (c & 0x3f));
        k = 4;
      }
      if (len + k >= cap) break;
      for (size_t j = 0; j < k; j++) out[len++] = (char)enc[j];
    }
  }
  out[len] = 0;
}

// Names, once per code object

/* A code object's names in the arena, and its last line looked up. */
typedef struct {
  uintptr_t code;               /* the key */
  uintptr_t filename, qualname; /* the str objects: a new code object at a
                                   freed one's address has others */
  uint32_t file, func;          /* arena offsets; 0: "" */
  int lasti, line;
} code_names_t;

static ffipin_lock_t names_lock = FFIPIN_LOCK_INIT_TYPE(binding_frames); /* held for copies only */
static ffipin_table_t names =
    FFIPIN_TABLE_INIT(code_names_t, 256, "the Python code objects' names");
static char *arena; /* ARENA bytes, mapped at first use; arena[0] = 0 */
static uint32_t arena_used = 1;

/* Under names_lock. */
static uint32_t arena_add(const char *s) {
  if (!s[0]) return 0;
  if (!arena) arena = ffipin_map_or_die(ARENA, "the Python code objects' names");
  uint32_t at = arena_used, len = 0;
  while (s[len]) len++;
  if (at + len + 1 > ARENA) return 0; /* full: later names are left out */
  for (uint32_t i = 0; i <= len; i++) arena[at + i] = s[i];
  __atomic_store_n(&arena_used, at + len + 1, __ATOMIC_RELEASE);
  return at;
}

static const char *arena_at(uint32_t off) {
  return off && off < __atomic_load_n(&arena_used, __ATOMIC_ACQUIRE) ? arena + off : "";
}

typedef struct {
  uint32_t file, func;
  int line;
} py_frame_t;

typedef struct {
  int n;
  py_frame_t f[DEPTH];
} py_frames_t;

static py_frame_t resolve(const raw_frame_t *f) {
  uintptr_t filename = word(f->code + PY311_CODE_FILENAME);
  uintptr_t qualname = word(f->code + PY311_CODE_QUALNAME);
  ffipin_lock_acquire(&names_lock);
  code_names_t *cell = ffipin_table_find(&names, f->code), c = {0};
  if (cell) c = *cell;
  ffipin_lock_release(&names_lock);
  bool known = cell && c.filename == filename && c.qualname == qualname;
  if (known && c.lasti == f->lasti) return (py_frame_t){c.file, c.func, c.line};
  /* CPython is called with no lock held. */
  char file[NAME_BYTES], func[NAME_BYTES];
  if (!known) {
    utf8(filename, file, sizeof(file));
    utf8(qualname, func, sizeof(func));
  }
  int line = line_of(f);
  ffipin_lock_acquire(&names_lock);
  if (!known)
    c = (code_names_t){f->code, filename, qualname, arena_add(file), arena_add(func), 0, 0};
  c.lasti = f->lasti;
  c.line = line;
  bool fresh;
  *(code_names_t *)ffipin_table_insert(&names, f->code, &fresh) = c;
  ffipin_lock_release(&names_lock);
  return (py_frame_t){c.file, c.func, line};
}

static void take(py_frames_t *out) {
  raw_frame_t raw[DEPTH];
  out->n = walk(raw);
  for (int i = 0; i < out->n; i++) out->f[i] = resolve(&raw[i]);
}

// Lends' records

typedef struct {
  uintptr_t lent; /* the key: the copy (or the buffer lent in place) */
  uint64_t id;    /* records[id % RECORDS] is this one while id matches; 0
                     while being written */
  py_frames_t lend, release;
} record_t;

/* Writers (the lend and release hooks) take records_lock; the report hook
 * reads without it, checking the id before and after its copy, so that it
 * never waits in the fault handler. */
static ffipin_lock_t records_lock =
    FFIPIN_LOCK_INIT_TYPE(binding_frames); /* held for copies only */
static record_t *_Atomic records;          /* RECORDS, mapped at first lend */
static _Atomic uint64_t last_id;

/* Under records_lock. */
static void publish(record_t *slot, const record_t *rec) {
  __atomic_store_n(&slot->id, 0, __ATOMIC_RELEASE);
  __atomic_thread_fence(__ATOMIC_RELEASE);
  slot->lent = rec->lent;
  slot->lend = rec->lend;
  slot->release = rec->release;
  __atomic_store_n(&slot->id, rec->id, __ATOMIC_RELEASE);
}

uint64_t ffipin_py_frames_lent(uintptr_t lent) {
  if (!py.ok) return 0;
  record_t rec = {lent, 0, {0}, {0}};
  take(&rec.lend);
  if (!atomic_load(&records)) {
    record_t *mapped = ffipin_map_or_die(RECORDS * sizeof(record_t), "the Python frames of lends");
    record_t *none = NULL;
    if (!atomic_compare_exchange_strong(&records, &none, mapped))
      ffipin_unmap(mapped, RECORDS * sizeof(record_t));
  }
  ffipin_lock_acquire(&records_lock);
  rec.id = atomic_load(&last_id) + 1;
  publish(&atomic_load(&records)[rec.id % RECORDS], &rec);
  atomic_store(&last_id, rec.id);
  ffipin_lock_release(&records_lock);
  return rec.id;
}

void ffipin_py_frames_released(uint64_t id) {
  if (!id) return;
  record_t rec;
  take(&rec.release);
  ffipin_lock_acquire(&records_lock);
  record_t *slot = &atomic_load(&records)[id % RECORDS];
  if (slot->id == id) {
    rec.lent = slot->lent;
    rec.lend = slot->lend;
    rec.id = id;
    publish(slot, &rec);
  }
  ffipin_lock_release(&records_lock);
}

/* The newest record of a lend at `lent`; lock-free (see records_lock). */
static bool find_record(uintptr_t lent, record_t *out) {
  record_t *all = atomic_load(&records);
  if (!all) return false;
  uint64_t newest = atomic_load(&last_id);
  for (uint64_t id = newest; id > 0 && id + RECORDS > newest; id--) {
    record_t *slot = &all[id % RECORDS];
    if (__atomic_load_n(&slot->id, __ATOMIC_ACQUIRE) != id || slot->lent != lent) continue;
    *out = *slot;
    __atomic_thread_fence(__ATOMIC_ACQUIRE);
    if (__atomic_load_n(&slot->id, __ATOMIC_RELAXED) == id) return true;
  }
  return false;
}

/* The runtime's fork handlers take them (base/ffipin_locks.inc). */
void ffipin_binding_frames_lock(void) {
  ffipin_lock_acquire(&names_lock);
  ffipin_lock_acquire(&records_lock);
}
void ffipin_binding_frames_unlock(void) {
  ffipin_lock_release(&records_lock);
  ffipin_lock_release(&names_lock);
}

// In reports

static void print_frame(ffipin_buf_t *b, int k, const char *func, const char *file, int line) {
  ffipin_buf_printf(b, "    #%d in %s %s", k, func[0] ? func : "?", file[0] ? file : "?");
  if (line > 0) ffipin_buf_printf(b, ":%d", line);
  ffipin_buf_printf(b, " (Python)\n");
}

/* Which stacks get Python frames: the access (taken now, on the thread that
 * touched the buffer), the lend and the release (taken then). Not the store
 * of a kept pointer: which Python code ran when C stored it is not known. */
static void report_frames(ffipin_buf_t *b, const ffipin_report_t *r, int stack, int next_frame) {
  bool lend_report = r->access || r->kind == FFIPIN_BUG_PIN_OUTLIVED;
  record_t rec;
  if (!lend_report || stack > 2 || (stack == 0 && !r->access) || !find_record(r->range_begin, &rec))
    return;
  if (stack == 0) {
    raw_frame_t raw[DEPTH];
    int n = walk(raw);
    static char file[NAME_BYTES], func[NAME_BYTES]; /* under the report lock */
    for (int i = 0; i < n; i++) {
      utf8(word(raw[i].code + PY311_CODE_FILENAME), file, sizeof(file));
      utf8(word(raw[i].code + PY311_CODE_QUALNAME), func, sizeof(func));
      print_frame(b, next_frame + i, func, file, line_of(&raw[i]));
    }
    return;
  }
  const py_frames_t *frames = stack == 1 ? &rec.lend : &rec.release;
  for (int i = 0; i < frames->n; i++)
    print_frame(b, next_frame + i, arena_at(frames->f[i].func), arena_at(frames->f[i].file),
                frames->f[i].line);
}
