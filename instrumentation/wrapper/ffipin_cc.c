/* ffipin-cc / ffipin-c++: clang with -fsanitize=ffi-pin understood.
 *
 * Removes ffi-pin from -fsanitize= lists and, when it is in effect, adds the
 * pass plugin and frame pointers to compiles and the runtime to executable
 * links, then execs clang, so that clang's output and exit status are the
 * command's. Prints nothing itself except errors: configure scripts and cgo
 * read the compiler's output. */
#include "ffipin_cc.h"

#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

void ffipin_cc_die(const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  fputs(FFIPIN_CC_NAME ": error: ", stderr);
  vfprintf(stderr, fmt, ap);
  fputc('\n', stderr);
  va_end(ap);
  exit(1);
}

void *ffipin_xmalloc(size_t n) {
  void *p = malloc(n ? n : 1);
  if (!p)
    ffipin_cc_die("out of memory");
  return p;
}

char *ffipin_xstrdup(const char *s) {
  size_t n = strlen(s) + 1;
  return memcpy(ffipin_xmalloc(n), s, n);
}

char *ffipin_xasprintf(const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  int n = vsnprintf(NULL, 0, fmt, ap);
  va_end(ap);
  char *s = ffipin_xmalloc((size_t)n + 1);
  va_start(ap, fmt);
  vsnprintf(s, (size_t)n + 1, fmt, ap);
  va_end(ap);
  return s;
}

void ffipin_strvec_push(ffipin_strvec *sv, const char *s) {
  if (sv->n + 1 >= sv->cap) {
    size_t cap = sv->cap ? sv->cap * 2 : 64;
    const char **v = ffipin_xmalloc(cap * sizeof *v);
    if (sv->n)
      memcpy(v, sv->v, sv->n * sizeof *v);
    sv->v = v;
    sv->cap = cap;
  }
  sv->v[sv->n++] = s;
  sv->v[sv->n] = NULL;
}

static void check_target(const ffipin_cmd *cmd) {
  bool acts = cmd->need || cmd->links_something;
  if (cmd->ffipin && !cmd->immediate && acts && cmd->bad_target)
    ffipin_cc_die("-fsanitize=ffi-pin supports only x86_64 Linux targets; '%s' selects "
                  "another target", cmd->bad_target);
}

/* FFIPIN_CLANG naming this wrapper would exec it forever. */
static void check_not_self(const char *clang) {
  char self[PATH_MAX], target[PATH_MAX];
  ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);
  if (n <= 0 || !strchr(clang, '/') || !realpath(clang, target))
    return;
  self[n] = '\0';
  if (strcmp(self, target) == 0)
    ffipin_cc_die("FFIPIN_CLANG/FFIPIN_CLANGXX names the wrapper itself (%s); set it to "
                  "a clang", clang);
}

/* One argument, escaped for clang's response-file parser. */
static void write_rsp_arg(FILE *f, const char *arg) {
  for (; *arg; arg++) {
    if (strchr(" \t\n\r\v\f\\\"'", *arg))
      fputc('\\', f);
    fputc(*arg, f);
  }
  fputc('\n', f);
}

/* Inlining a response file made the command line too long for exec: hand
 * clang the arguments in a temporary response file instead. Here the
 * wrapper must wait to remove the file, so it forks; clang's exit status
 * (or the signal that ended it) becomes the wrapper's. */
static int run_via_response_file(const char *clang, const char *const *argv) {
  const char *tmpdir = getenv("TMPDIR");
  char *path = ffipin_xasprintf("%s/ffipin-cc-XXXXXX", tmpdir && *tmpdir ? tmpdir : "/tmp");
  int fd = mkstemp(path);
  FILE *f = fd >= 0 ? fdopen(fd, "w") : NULL;
  if (!f)
    ffipin_cc_die("cannot create a response file %s: %s", path, strerror(errno));
  for (size_t i = 1; argv[i]; i++)
    write_rsp_arg(f, argv[i]);
  if (fclose(f) != 0)
    ffipin_cc_die("cannot write the response file %s: %s", path, strerror(errno));
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
  if (pid < 0)
    ffipin_cc_die("cannot fork to run %s: %s", clang, strerror(errno));
  if (WIFSIGNALED(status)) {
    signal(WTERMSIG(status), SIG_DFL);
    raise(WTERMSIG(status));
  }
  return WIFEXITED(status) ? WEXITSTATUS(status) : 1;
}

int main(int argc, char **argv) {
  ffipin_arglist args = {0};
  ffipin_expand_args(argc, argv, &args);
  ffipin_cmd cmd;
  ffipin_classify(&args, &cmd);
  check_target(&cmd);

  ffipin_paths paths;
  ffipin_find_paths(&paths);
  check_not_self(paths.clang);

  const char *nested = getenv(FFIPIN_CC_NESTED_ENV);
  ffipin_strvec new_argv = {0};
  bool linked = ffipin_build_argv(argc, argv, &args, &cmd, &paths, nested && *nested,
                                  &new_argv);
  if (linked)
    setenv(FFIPIN_CC_NESTED_ENV, "1", 1);

  execvp(paths.clang, (char *const *)new_argv.v);
  if (errno == E2BIG)
    return run_via_response_file(paths.clang, new_argv.v);
  ffipin_cc_die("cannot run %s: %s (set %s to the clang to use)", paths.clang,
                strerror(errno), paths.clang_env);
}
