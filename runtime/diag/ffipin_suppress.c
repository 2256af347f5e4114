/* Suppressions, as ASan's: "<bug-type>:<pattern>" lines, '#' comments.
 *
 * A pattern matches a function name, file path or module path anywhere in
 * it (a substring match: "vde" matches "init_vde_context" and
 * "/usr/lib/libvde.so"), like ASan's TemplateMatch. '*' matches any run of
 * characters, '?' any one character; a leading '^' anchors the pattern to
 * the start of the string and a trailing '$' to its end. */
#include "diag/ffipin_suppress.h"

#include <fcntl.h>
#include <string.h> /* strerrorname_np */
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "base/ffipin_flags.h"
#include "base/ffipin_message.h"
#include "base/ffipin_string.h"
#include "base/ffipin_sys.h"
#include "diag/ffipin_log.h"
#include "diag/ffipin_stack.h"
#include "diag/ffipin_suppress_builtin.h"
#include "diag/ffipin_symbolize.h"

enum {
  MAX_SUPPRESSIONS = 1024,
  MAX_LINE = 1024,         /* bytes per line */
  PATTERN_POOL = 64 * 1024 /* bytes of all patterns together */
};

typedef struct {
  ffipin_bug_kind_t kind;
  const char *pattern;
  bool anchor_start, anchor_end;
} suppression_t;

static suppression_t supps[MAX_SUPPRESSIONS];
static int num_supps;
static char pattern_pool[PATTERN_POOL];
static size_t pool_used;

// Matching

bool ffipin_glob_match(const char *p, size_t plen, const char *s, bool anchor_start,
                       bool anchor_end) {
  size_t pi = 0, si = 0, star_p = (size_t)-1, star_s = 0;
  size_t slen = ffipin_str_len(s);
  bool lead_star = !anchor_start; /* an implicit '*' before the pattern */
  if (lead_star) {
    star_p = 0;
    star_s = 0;
  }
  for (;;) {
    if (pi == plen && (si == slen || !anchor_end)) return true;
    if (pi < plen && p[pi] == '*') {
      star_p = ++pi;
      star_s = si;
      continue;
    }
    if (pi < plen && si < slen && (p[pi] == '?' || p[pi] == s[si])) {
      pi++;
      si++;
      continue;
    }
    if (star_p == (size_t)-1 || star_s >= slen) return false;
    pi = star_p;
    si = ++star_s;
  }
}

static bool match_string(const suppression_t *sp, const char *s) {
  return s && ffipin_glob_match(sp->pattern, ffipin_str_len(sp->pattern), s, sp->anchor_start,
                                sp->anchor_end);
}

static bool frame_matches(ffipin_bug_kind_t kind, const ffipin_frame_t *f) {
  for (int i = 0; i < num_supps; i++) {
    const suppression_t *sp = &supps[i];
    if (sp->kind != kind) continue;
    if (match_string(sp, f->function) || match_string(sp, f->file) || match_string(sp, f->module))
      return true;
  }
  return false;
}

bool ffipin_suppress_match(ffipin_bug_kind_t kind, const ffipin_stack_id_t *stacks, int n) {
  bool any = false;
  for (int i = 0; i < num_supps && !any; i++) any = supps[i].kind == kind;
  if (!any) return false;
  static ffipin_frame_t frames[16];
  static char strbuf[4096];
  for (int s = 0; s < n; s++) {
    const uintptr_t *pcs;
    size_t depth = ffipin_stack_get(stacks[s], &pcs);
    for (size_t i = 0; i < depth; i++) {
      int nf = ffipin_symbolize_pc(pcs[i], frames, 16, strbuf, sizeof(strbuf));
      for (int j = 0; j < nf; j++)
        if (frame_matches(kind, &frames[j])) return true;
    }
  }
  return false;
}

// Loading

typedef struct {
  const char *path;
  int line_no;
} load_ctx_t;

static bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r'; }

static bool load_line(char *line, size_t len, bool truncated, void *arg) {
  load_ctx_t *c = arg;
  c->line_no++;
  if (truncated)
    ffipin_fatal("suppressions file '%s', line %d: line longer than %d bytes", c->path, c->line_no,
                 MAX_LINE - 1);
  if (ffipin_str_nlen(line, len) != len)
    ffipin_fatal("suppressions file '%s', line %d: a NUL byte in the line", c->path, c->line_no);
  while (is_space(*line)) line++;
  char *end = line + ffipin_str_len(line);
  while (end > line && is_space(end[-1])) *--end = '\0';
  if (!*line || *line == '#') return true;
  char *colon = (char *)ffipin_str_chr(line, ':');
  if (!colon)
    ffipin_fatal("suppressions file '%s', line %d: expected "
                 "<bug-type>:<pattern>, got '%s'",
                 c->path, c->line_no, line);
  char *kend = colon;
  while (kend > line && is_space(kend[-1])) kend--;
  suppression_t sp = {0};
  if (!ffipin_bug_parse(line, (size_t)(kend - line), &sp.kind))
    ffipin_fatal("suppressions file '%s', line %d: unknown bug type '%.*s'", c->path, c->line_no,
                 (int)(kend - line), line);
  char *pat = colon + 1;
  while (is_space(*pat)) pat++;
  if (*pat == '^') {
    sp.anchor_start = true;
    pat++;
  }
  size_t plen = ffipin_str_len(pat);
  if (plen > 0 && pat[plen - 1] == '$') {
    sp.anchor_end = true;
    pat[--plen] = '\0';
  }
  if (plen == 0)
    ffipin_fatal("suppressions file '%s', line %d: empty pattern", c->path, c->line_no);
  if (num_supps == MAX_SUPPRESSIONS)
    ffipin_fatal("suppressions file '%s': more than %d suppressions", c->path, MAX_SUPPRESSIONS);
  if (plen + 1 > PATTERN_POOL - pool_used)
    ffipin_fatal("suppressions file '%s': patterns exceed %d bytes in total", c->path,
                 PATTERN_POOL);
  ffipin_mem_copy(pattern_pool + pool_used, pat, plen + 1);
  sp.pattern = pattern_pool + pool_used;
  pool_used += plen + 1;
  supps[num_supps++] = sp;
  return true;
}

/* The built-in list (diag/ffipin_suppress_builtin.c), parsed as a file's
 * lines would be. */
static void load_builtin(void) {
  size_t n;
  const ffipin_builtin_suppression_t *list = ffipin_suppress_builtin(&n);
  load_ctx_t c = {"<built-in>", 0};
  for (size_t i = 0; i < n; i++) {
    char line[MAX_LINE];
    size_t len = ffipin_str_len(list[i].rule);
    if (len >= sizeof(line)) continue;
    ffipin_mem_copy(line, list[i].rule, len + 1);
    load_line(line, len, false, &c);
  }
}

void ffipin_suppress_init(void) {
  num_supps = 0;
  pool_used = 0;
  if (ffipin_flags.builtin_suppressions) load_builtin();
  int builtin = num_supps;
  const char *path = ffipin_flags.suppressions;
  if (!path || !*path) return;
  static char buf[MAX_LINE + 1];
  load_ctx_t c = {path, 0};
  /* Before opening: opening a FIFO would wait for a writer forever, and a
   * directory reads as an empty file. */
  struct stat st;
  if (syscall(SYS_newfstatat, AT_FDCWD, path, &st, 0) == 0 && !S_ISREG(st.st_mode))
    ffipin_fatal("suppressions file '%s' is not a regular file", path);
  int err = ffipin_read_lines(path, buf, sizeof(buf), load_line, &c);
  if (err) {
    const char *ename = strerrorname_np(err);
    ffipin_fatal("can't open suppressions file '%s' (errno %d, %s)", path, err,
                 ename ? ename : "?");
  }
  ffipin_verbose(1, "loaded %d suppressions from '%s' (and %d built-in)", num_supps - builtin, path,
                 builtin);
}
