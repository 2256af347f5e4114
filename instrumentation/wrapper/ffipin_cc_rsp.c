/* Response files (@file), both ways: read so that every argument can be
 * classified, and written when the command line grew too long for exec.
 * The quoting is clang's on Linux (LLVM's TokenizeGNUCommandLine). */
#include "ffipin_cc.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

/* Deeper nesting than this is a loop (a file naming itself); clang reports
 * that, so the @token is left for it. */
enum { MAX_RSP_DEPTH = 32 };

static bool read_file(const char *path, char **data, size_t *len) {
  FILE *f = fopen(path, "rb");
  if (!f) return false;
  size_t cap = 4096, n = 0;
  char *buf = ffipin_xmalloc(cap);
  for (;;) {
    size_t want = cap - n - 1, got = fread(buf + n, 1, want, f);
    n += got;
    if (got < want) break;
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
    if (!token) token = w;
    if (*r == '\\' && r + 1 < end) {
      *w++ = *++r;
    } else if (*r == '"' || *r == '\'') {
      char quote = *r;
      for (r++; r < end && *r != quote; r++) {
        if (*r == '\\' && r + 1 < end) r++;
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
    if (out->n) memcpy(v, out->v, out->n * sizeof *v);
    out->v = v;
    out->cap = cap;
  }
  out->v[out->n++] = (ffipin_arg){.text = text, .origin = origin, .from_rsp = from_rsp};
}

static void expand_one(const char *arg, int origin, bool from_rsp, int depth, ffipin_arglist *out) {
  char *data;
  size_t len;
  if (arg[0] != '@' || depth >= MAX_RSP_DEPTH || !read_file(arg + 1, &data, &len)) {
    push_arg(out, arg, origin, from_rsp);
    return;
  }
  ffipin_strvec tokens = {0};
  tokenize_gnu(data, len, &tokens);
  for (size_t i = 0; i < tokens.n; i++) expand_one(tokens.v[i], origin, true, depth + 1, out);
}

void ffipin_expand_args(int argc, char **argv, ffipin_arglist *out) {
  for (int i = 1; i < argc; i++) expand_one(argv[i], i, false, 0, out);
}

// Writing

/* One argument, escaped for clang's response-file parser. */
static void write_rsp_arg(FILE *f, const char *arg) {
  for (; *arg; arg++) {
    if (strchr(" \t\n\r\v\f\\\"'", *arg)) fputc('\\', f);
    fputc(*arg, f);
  }
  fputc('\n', f);
}

/* Inlining a response file made the command line too long for exec: hand
 * clang the arguments in a temporary response file instead. Here the
 * wrapper must wait to remove the file, so it forks; clang's exit status
 * (or the signal that ended it) becomes the wrapper's. */
int ffipin_run_via_response_file(const char *clang, const char *const *argv) {
  const char *tmpdir = getenv("TMPDIR");
  char *path = ffipin_xasprintf("%s/ffipin-cc-XXXXXX", tmpdir && *tmpdir ? tmpdir : "/tmp");
  int fd = mkstemp(path);
  FILE *f = fd >= 0 ? fdopen(fd, "w") : NULL;
  if (!f) ffipin_cc_die("cannot create a response file %s: %s", path, strerror(errno));
  for (size_t i = 1; argv[i]; i++) write_rsp_arg(f, argv[i]);
  if (fclose(f) != 0) ffipin_cc_die("cannot write the response file %s: %s", path, strerror(errno));
  const char *child_argv[] = {argv[0], ffipin_xasprintf("@%s", path), NULL};
  pid_t pid = fork();
  if (pid == 0) {
    execvp(clang, (char *const *)child_argv);
    ffipin_cc_die("cannot run %s: %s", clang, strerror(errno));
  }
  int status = 0;
  while (pid > 0 && waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  unlink(path);
  if (pid < 0) ffipin_cc_die("cannot fork to run %s: %s", clang, strerror(errno));
  if (WIFSIGNALED(status)) {
    signal(WTERMSIG(status), SIG_DFL);
    raise(WTERMSIG(status));
  }
  return WIFEXITED(status) ? WEXITSTATUS(status) : 1;
}
