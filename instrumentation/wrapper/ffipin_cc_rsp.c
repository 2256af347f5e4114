/* Response files (@file): read so that every argument can be classified.
 * The quoting is clang's on Linux (LLVM's TokenizeGNUCommandLine). */
#include "ffipin_cc.h"

#include <stdio.h>
#include <string.h>

/* Deeper nesting than this is a loop (a file naming itself); clang reports
 * that, so the @token is left for it. */
enum { MAX_RSP_DEPTH = 32 };

static bool read_file(const char *path, char **data, size_t *len) {
  FILE *f = fopen(path, "rb");
  if (!f)
    return false;
  size_t cap = 4096, n = 0;
  char *buf = ffipin_xmalloc(cap);
  for (;;) {
    size_t want = cap - n - 1, got = fread(buf + n, 1, want, f);
    n += got;
    if (got < want)
      break;
    char *bigger = ffipin_xmalloc(cap * 2);
    memcpy(bigger, buf, n);
    buf = bigger; /* the old buffer is not freed: the process execs soon */
    cap *= 2;
  }
  bool ok = !ferror(f);
  fclose(f);
  buf[n] = '\0';
  *data = buf;
  *len = n;
  return ok;
}

static bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

/* Backslash escapes the next character, inside quotes too; quotes group;
 * empty tokens ("") vanish, as in LLVM. Tokens are written in place. */
static void tokenize_gnu(char *src, size_t len, ffipin_strvec *out) {
  char *end = src + len, *w = src, *token = NULL;
  for (char *r = src; r < end; r++) {
    if (is_space(*r)) {
      if (token && w > token) {
        *w++ = '\0';
        ffipin_strvec_push(out, token);
      }
      token = NULL;
      continue;
    }
    if (!token)
      token = w;
    if (*r == '\\' && r + 1 < end) {
      *w++ = *++r;
    } else if (*r == '"' || *r == '\'') {
      char quote = *r;
      for (r++; r < end && *r != quote; r++) {
        if (*r == '\\' && r + 1 < end)
          r++;
        *w++ = *r;
      }
    } else {
      *w++ = *r;
    }
  }
  if (token && w > token) {
    *w = '\0'; /* w < end or w == end, where read_file left a '\0' */
    ffipin_strvec_push(out, token);
  }
}

static void push_arg(ffipin_arglist *out, const char *text, int origin, bool from_rsp) {
  if (out->n == out->cap) {
    size_t cap = out->cap ? out->cap * 2 : 64;
    ffipin_arg *v = ffipin_xmalloc(cap * sizeof *v);
    if (out->n)
      memcpy(v, out->v, out->n * sizeof *v);
    out->v = v;
    out->cap = cap;
  }
  out->v[out->n++] = (ffipin_arg){.text = text, .origin = origin, .from_rsp = from_rsp};
}

static void expand_one(const char *arg, int origin, bool from_rsp, int depth,
                       ffipin_arglist *out) {
  char *data;
  size_t len;
  if (arg[0] != '@' || depth >= MAX_RSP_DEPTH || !read_file(arg + 1, &data, &len)) {
    push_arg(out, arg, origin, from_rsp);
    return;
  }
  ffipin_strvec tokens = {0};
  tokenize_gnu(data, len, &tokens);
  for (size_t i = 0; i < tokens.n; i++)
    expand_one(tokens.v[i], origin, true, depth + 1, out);
}

void ffipin_expand_args(int argc, char **argv, ffipin_arglist *out) {
  for (int i = 1; i < argc; i++)
    expand_one(argv[i], i, false, 0, out);
}
