/* Runtime options: ffipin_flags.inc expanded into the defaults, the parser
 * and the help=1 text. Syntax as ASAN_OPTIONS: name=value items separated
 * by ':', ',' or white space; a value may be quoted with ' or " (so a path
 * may contain ':'). Precedence: defaults, then __ffipin_default_options(),
 * then $FFIPIN_OPTIONS. As sanitizer_common does, a name no list knows is
 * collected and reported once ("WARNING: found N unrecognized flag(s):"),
 * and the program runs on; a bad value of a known option is fatal. */
#include "base/ffipin_flags.h"

#include <limits.h>
#include <stddef.h>

#include "base/ffipin_format.h"
#include "base/ffipin_message.h"
#include "base/ffipin_string.h"
#include "base/ffipin_sys.h"

/* Weak: the program may define it to set its own defaults. */
extern const char *__ffipin_default_options(void) __attribute__((weak));
/* Where those defaults come from, for messages, when it is not the
 * program's own function (an agent library's option string). */
extern const char *ffipin_default_options_origin(void) __attribute__((weak)) FFIPIN_INTERNAL;

/* Before ffipin_flags_init runs (e.g. a hook reached during start-up) the
 * struct already holds the defaults. report_format's default is a string and
 * cannot be converted at compile time; ffipin_flags_init parses it. */
#define FFIPIN_STATIC_bool(d) d
#define FFIPIN_STATIC_int(d) d
#define FFIPIN_STATIC_str(d) d
#define FFIPIN_STATIC_format(d) FFIPIN_FORMAT_TEXT
ffipin_flags_t ffipin_flags = {
#define FFIPIN_FLAG(Type, Name, Default, Help) .Name = FFIPIN_STATIC_##Type(Default),
#include "ffipin_flags.inc"
};

typedef enum { TYPE_BOOL, TYPE_INT, TYPE_STR, TYPE_FORMAT, TYPE_MODE } flag_type_t;
/* From the list's type names to the enum. */
#define FLAG_TYPE_bool TYPE_BOOL
#define FLAG_TYPE_int TYPE_INT
#define FLAG_TYPE_str TYPE_STR
#define FLAG_TYPE_format TYPE_FORMAT
#define FLAG_TYPE_mode TYPE_MODE

typedef struct {
  const char *name;
  flag_type_t type;
  const char *default_text; /* the Default token, parsed like a user value */
  const char *help;         /* for an ignored option: why it is ignored */
  void *value;              /* NULL: accepted and ignored */
} flag_desc_t;

static const flag_desc_t FLAGS[] = {
#define FFIPIN_FLAG(Type, Name, Default, Help)                                                     \
  {#Name, FLAG_TYPE_##Type, #Default, Help, &ffipin_flags.Name},
#define FFIPIN_IGNORED_FLAG(Type, Name, Why) {#Name, FLAG_TYPE_##Type, NULL, Why, NULL},
#include "ffipin_flags.inc"
};
enum { NUM_FLAGS = sizeof(FLAGS) / sizeof(FLAGS[0]) };

/* The allowed ranges of int options; an int option not listed takes any
 * value that fits in an int. */
static const struct {
  size_t offset;
  int lo, hi;
} int_ranges[] = {
    {offsetof(ffipin_flags_t, stack_depth), 16, 64},
    {offsetof(ffipin_flags_t, verbosity), 0, 3},
    /* What the kernel keeps of an exit status: 256 would exit 0. */
    {offsetof(ffipin_flags_t, exitcode), 0, 255},
    {offsetof(ffipin_flags_t, dedup_token_length), 0, 64},
    {offsetof(ffipin_flags_t, symbolize_timeout_ms), 1, 3600000},
    {offsetof(ffipin_flags_t, scan_budget_kb), 1, 1 << 20},
    {offsetof(ffipin_flags_t, scan_time_percent), 1, 100},
};

// Parsing values

/* String values live here; values set twice (default options, then the
 * environment) both take room, which is fine at this size. */
static char str_pool[16384];
static size_t str_pool_used;

typedef struct {
  const char *source; /* "FFIPIN_OPTIONS", "__ffipin_default_options" */
} parse_ctx_t;

static const char *BOOL_EXPECT = "expected 0, 1, true, false, yes or no";

__attribute__((noreturn)) static void bad_value(const parse_ctx_t *c, const flag_desc_t *f,
                                                const char *v, const char *expect) {
  ffipin_fatal("invalid value '%s' for option '%s' in %s (%s)", v, f->name, c->source, expect);
}

static bool parse_bool(const char *v, bool *out) {
  static const char *const TRUE_WORDS[] = {"1", "true", "yes"};
  static const char *const FALSE_WORDS[] = {"0", "false", "no"};
  for (int i = 0; i < 3; i++) {
    if (ffipin_str_eq(v, TRUE_WORDS[i])) {
      *out = true;
      return true;
    }
    if (ffipin_str_eq(v, FALSE_WORDS[i])) {
      *out = false;
      return true;
    }
  }
  return false;
}

static bool parse_int(const char *v, int *out) {
  const char *p = v;
  bool neg = *p == '-';
  if (*p == '-' || *p == '+') p++;
  uint64_t x;
  if (!ffipin_parse_u64(&p, (uint64_t)INT_MAX + 1, &x) || *p) return false;
  if (!neg && x > INT_MAX) return false;
  *out = neg ? (int)(-(int64_t)x) : (int)x;
  return true;
}

static const char *copy_to_pool(const parse_ctx_t *c, const char *v) {
  size_t n = ffipin_str_len(v) + 1;
  if (n > sizeof(str_pool) - str_pool_used)
    ffipin_fatal("option values in %s are too long (all string values "
                 "together are limited to %zu bytes)",
                 c->source, sizeof(str_pool));
  char *s = str_pool + str_pool_used;
  ffipin_mem_copy(s, v, n);
  str_pool_used += n;
  return s;
}

static void set_int(const parse_ctx_t *c, const flag_desc_t *f, const char *v) {
  int x;
  size_t off = (size_t)((char *)f->value - (char *)&ffipin_flags);
  for (size_t i = 0; i < sizeof(int_ranges) / sizeof(int_ranges[0]); i++) {
    if (int_ranges[i].offset != off) continue;
    int lo = int_ranges[i].lo, hi = int_ranges[i].hi;
    if (!parse_int(v, &x) || x < lo || x > hi) {
      char expect[64];
      ffipin_buf_t eb;
      ffipin_buf_init(&eb, expect, sizeof(expect));
      ffipin_buf_printf(&eb, "expected %d to %d", lo, hi);
      bad_value(c, f, v, expect);
    }
    *(int *)f->value = x;
    return;
  }
  if (!parse_int(v, &x)) bad_value(c, f, v, "expected a decimal integer");
  *(int *)f->value = x;
}

/* An ignored option's value is still checked against its type. */
static void check_ignored(const parse_ctx_t *c, const flag_desc_t *f, const char *v) {
  bool b;
  int x;
  switch (f->type) {
  case TYPE_BOOL:
    if (!parse_bool(v, &b)) bad_value(c, f, v, BOOL_EXPECT);
    return;
  case TYPE_INT:
    if (!parse_int(v, &x)) bad_value(c, f, v, "expected a decimal integer");
    return;
  case TYPE_MODE:
    if (!parse_int(v, &x) || x < 0 || x > 2) bad_value(c, f, v, "expected 0, 1 or 2");
    return;
  default:
    return;
  }
}

static void set_flag(const parse_ctx_t *c, const flag_desc_t *f, const char *v) {
  if (!f->value) {
    check_ignored(c, f, v);
    return;
  }
  switch (f->type) {
  case TYPE_BOOL:
    if (!parse_bool(v, (bool *)f->value)) bad_value(c, f, v, BOOL_EXPECT);
    return;
  case TYPE_INT:
    set_int(c, f, v);
    return;
  case TYPE_STR:
    *(const char **)f->value = copy_to_pool(c, v);
    return;
  case TYPE_FORMAT:
    if (ffipin_str_eq(v, "text"))
      *(ffipin_format_t *)f->value = FFIPIN_FORMAT_TEXT;
    else if (ffipin_str_eq(v, "json"))
      *(ffipin_format_t *)f->value = FFIPIN_FORMAT_JSON;
    else
      bad_value(c, f, v, "expected text or json");
    return;
  case TYPE_MODE:
    return; /* only ignored options have this type */
  }
}

// Parsing option strings

static bool is_sep(char ch) {
  return ch == ':' || ch == ',' || ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r';
}

static const flag_desc_t *find_flag(const char *name, size_t len) {
  for (int i = 0; i < NUM_FLAGS; i++)
    if (ffipin_str_eq_n(name, len, FLAGS[i].name)) return &FLAGS[i];
  return NULL;
}

/* Copies the value at *pp (quoted or up to the next separator) into out. */
static void read_value(const parse_ctx_t *c, const char *name, const char **pp, char *out,
                       size_t out_size) {
  const char *p = *pp;
  size_t n = 0;
  char quote = (*p == '\'' || *p == '"') ? *p++ : 0;
  for (; *p && (quote ? *p != quote : !is_sep(*p)); p++) {
    if (n + 1 >= out_size)
      ffipin_fatal("value of option '%s' in %s is too long (limit %zu bytes)", name, c->source,
                   out_size - 1);
    out[n++] = *p;
  }
  out[n] = '\0';
  if (quote) {
    if (*p != quote)
      ffipin_fatal("unterminated quote in the value of option '%s' in %s", name, c->source);
    p++;
  }
  *pp = p;
}

/* Names no list knows, reported together after all sources are parsed. */
enum { MAX_UNKNOWN = 64 };
static const char *unknown[MAX_UNKNOWN];
static int num_unknown;

static void note_unknown(const parse_ctx_t *c, const char *name, size_t len) {
  if (num_unknown++ >= MAX_UNKNOWN) return; /* counted, not named */
  char copy[256];
  ffipin_buf_t b;
  ffipin_buf_init(&b, copy, sizeof(copy));
  ffipin_buf_printf(&b, "%.*s", (int)len, name);
  unknown[num_unknown - 1] = copy_to_pool(c, copy);
}

static void report_unknown(void) {
  if (num_unknown == 0) return;
  char storage[512];
  ffipin_buf_t b;
  ffipin_buf_init(&b, storage, sizeof(storage));
  /* sanitizer_common's words, so tools that look for them find them. */
  ffipin_buf_printf(&b, "WARNING: found %d unrecognized flag(s):\n", num_unknown);
  ffipin_write_all(2, b.data, b.len);
  for (int i = 0; i < num_unknown && i < MAX_UNKNOWN; i++) {
    ffipin_buf_init(&b, storage, sizeof(storage));
    ffipin_buf_printf(&b, "    %s\n", unknown[i]);
    ffipin_write_all(2, b.data, b.len);
  }
}

void ffipin_flags_parse(const char *s, const char *source) {
  parse_ctx_t c = {source};
  static char value[4096];
  const char *p = s;
  for (;;) {
    while (is_sep(*p)) p++;
    if (!*p) return;
    const char *name = p;
    while (*p && *p != '=' && !is_sep(*p)) p++;
    size_t len = (size_t)(p - name);
    if (len == 0) ffipin_fatal("empty option name before '=' in %s", source);
    const flag_desc_t *f = find_flag(name, len);
    if (*p != '=') ffipin_fatal("expected '=' after option '%.*s' in %s", (int)len, name, source);
    p++;
    char shown[128];
    ffipin_str_copy(shown, sizeof(shown), f ? f->name : "?");
    read_value(&c, shown, &p, value, sizeof(value));
    if (f)
      set_flag(&c, f, value);
    else
      note_unknown(&c, name, len);
  }
}

// help=1

static void print_value(ffipin_buf_t *b, const flag_desc_t *f) {
  switch (f->type) {
  case TYPE_BOOL:
    ffipin_buf_printf(b, "%s", *(bool *)f->value ? "1" : "0");
    break;
  case TYPE_INT:
    ffipin_buf_printf(b, "%d", *(int *)f->value);
    break;
  case TYPE_STR:
    ffipin_buf_printf(b, "\"%s\"", *(const char **)f->value);
    break;
  case TYPE_FORMAT:
    ffipin_buf_printf(b, "%s",
                      *(ffipin_format_t *)f->value == FFIPIN_FORMAT_JSON ? "json" : "text");
    break;
  case TYPE_MODE:
    break;
  }
}

static void print_default(ffipin_buf_t *b, const flag_desc_t *f) {
  const char *d = f->default_text;
  if (f->type == TYPE_BOOL) d = ffipin_str_eq(d, "true") ? "1" : "0";
  if (f->type == TYPE_FORMAT) /* shown bare, like its current value */
    ffipin_buf_printf(b, "%.*s", (int)ffipin_str_len(d) - 2, d + 1);
  else
    ffipin_buf_printf(b, "%s", d);
}

static void flush(ffipin_buf_t *b) {
  ffipin_write_all(2, b->data, b->len);
  b->len = 0;
}

void ffipin_flags_print_help(void) {
  static char storage[2048];
  static const char *const TYPE_NAMES[] = {"bool", "int", "string", "text|json", "0|1|2"};
  ffipin_buf_t b;
  ffipin_buf_init(&b, storage, sizeof(storage));
  ffipin_buf_printf(&b, "Available flags for FFIPinSanitizer "
                        "(FFIPIN_OPTIONS=name=value:name=value), honoured:\n");
  for (int i = 0; i < NUM_FLAGS; i++) {
    const flag_desc_t *f = &FLAGS[i];
    if (!f->value) continue;
    ffipin_buf_printf(&b, "\t%s\n\t\t- %s (Default: ", f->name, f->help);
    print_default(&b, f);
    ffipin_buf_printf(&b, ", Current Value: ");
    print_value(&b, f);
    ffipin_buf_printf(&b, ")\n");
    flush(&b);
  }
  ffipin_buf_printf(&b, "sanitizer_common flags accepted and ignored (their values are "
                        "checked against their type):\n");
  flush(&b);
  for (int i = 0; i < NUM_FLAGS; i++) {
    const flag_desc_t *f = &FLAGS[i];
    if (f->value) continue;
    ffipin_buf_printf(&b, "\t%s (%s)\n\t\t- ignored: %s\n", f->name, TYPE_NAMES[f->type], f->help);
    flush(&b);
  }
}

// Start-up

void ffipin_flags_init(void) {
  str_pool_used = 0;
  num_unknown = 0;
  parse_ctx_t c = {"the built-in defaults"};
  char value[256];
  for (int i = 0; i < NUM_FLAGS; i++) {
    const char *p = FLAGS[i].default_text;
    if (!p) continue;
    read_value(&c, FLAGS[i].name, &p, value, sizeof(value));
    set_flag(&c, &FLAGS[i], value);
  }
  if (__ffipin_default_options) {
    const char *d = __ffipin_default_options();
    if (d)
      ffipin_flags_parse(d, ffipin_default_options_origin ? ffipin_default_options_origin()
                                                          : "__ffipin_default_options");
  }
  const char *env = ffipin_getenv("FFIPIN_OPTIONS");
  if (env) ffipin_flags_parse(env, "FFIPIN_OPTIONS");
  report_unknown();
}
