/* Symbolization: module lookup with dl_iterate_phdr, then llvm-symbolizer as
 * a child process speaking its line protocol over a socketpair:
 *   request:  ["DATA "]"<module>" 0x<offset>\n
 *   CODE:     (<function>\n<file>:<line>:<column>\n)+ \n   (inlined first)
 *   DATA:     <name>\n<start> <size>\n \n
 * A socket rather than pipes so that send(MSG_NOSIGNAL) to a dead child
 * returns EPIPE instead of killing us with SIGPIPE. When the symbolizer is
 * missing or dies, frames fall back to dladdr's names and module+offset for
 * the rest of the process. Everything here runs under the report lock, which
 * is what makes the static state safe. */
#include "diag/ffipin_symbolize.h"

#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <link.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "base/ffipin_flags.h"
#include "base/ffipin_message.h"
#include "base/ffipin_sys.h"
#include "diag/ffipin_log.h"

#ifndef FFIPIN_DEFAULT_SYMBOLIZER
#define FFIPIN_DEFAULT_SYMBOLIZER ""
#endif

extern char **environ;
/* Said again because -fno-builtin drops clang's implicit returns_twice. */
extern pid_t vfork(void) __attribute__((returns_twice));

// Modules

typedef struct {
  uintptr_t pc;
  const char *name;
  uintptr_t base;
  bool found;
} module_query_t;

static int find_module_cb(struct dl_phdr_info *info, size_t size, void *arg) {
  module_query_t *q = arg;
  for (int i = 0; i < info->dlpi_phnum; i++) {
    const ElfW(Phdr) *ph = &info->dlpi_phdr[i];
    if (ph->p_type != PT_LOAD) continue;
    uintptr_t start = info->dlpi_addr + ph->p_vaddr;
    if (q->pc >= start && q->pc < start + ph->p_memsz) {
      q->name = info->dlpi_name;
      q->base = info->dlpi_addr;
      q->found = true;
      return 1;
    }
  }
  return 0;
}

/* The main executable's name is "" in the link map. */
static const char *exe_path(void) {
  static char path[4096];
  static bool done;
  if (!done) {
    done = true;
    long n = syscall(SYS_readlinkat, AT_FDCWD, "/proc/self/exe", path, sizeof(path) - 1);
    path[n > 0 ? n : 0] = '\0';
  }
  return path[0] ? path : NULL;
}

bool ffipin_find_module(uintptr_t pc, const char **name, uintptr_t *base) {
  module_query_t q = {pc, NULL, 0, false};
  dl_iterate_phdr(find_module_cb, &q);
  if (!q.found) return false;
  *name = (q.name && q.name[0]) ? q.name : exe_path();
  *base = q.base;
  return *name != NULL;
}

// Finding and starting the symbolizer

enum { SYM_UNSTARTED, SYM_RUNNING, SYM_UNAVAILABLE };
static int sym_state = SYM_UNSTARTED;
static int sym_fd = -1;
static int sym_pid;   /* the child */
static int sym_owner; /* our pid when we started it: a fork must not share it */
static char sym_path[4096];

static bool executable(const char *path) {
  return syscall(SYS_faccessat, AT_FDCWD, path, X_OK, 0) == 0;
}

static bool find_in_path(const char *name) {
  const char *dirs = ffipin_getenv("PATH");
  while (dirs && *dirs) {
    const char *end = strchr(dirs, ':');
    size_t len = end ? (size_t)(end - dirs) : strlen(dirs);
    if (len > 0) {
      int n = snprintf(sym_path, sizeof(sym_path), "%.*s/%s", (int)len, dirs, name);
      if (n > 0 && (size_t)n < sizeof(sym_path) && executable(sym_path)) return true;
    }
    dirs = end ? end + 1 : NULL;
  }
  return false;
}

static bool choose_symbolizer(void) {
  const char *ext = ffipin_flags.external_symbolizer_path;
  if (ext && *ext) {
    if (executable(ext) && strlen(ext) < sizeof(sym_path)) {
      strcpy(sym_path, ext);
      return true;
    }
    int err = errno;
    const char *ename = strerrorname_np(err);
    ffipin_error("external_symbolizer_path '%s' is not an executable file (errno %d, %s); "
                 "looking for llvm-symbolizer instead",
                 ext, err, ename ? ename : "?");
  }
  if (find_in_path("llvm-symbolizer")) return true;
  const char *def = FFIPIN_DEFAULT_SYMBOLIZER;
  if (*def && executable(def) && strlen(def) < sizeof(sym_path)) {
    strcpy(sym_path, def);
    return true;
  }
  return false;
}

/* The child's fds 0-2 are made with dup2, which cannot move an fd onto
 * itself and clear its close-on-exec flag: keep our ends above 2. */
static int fd_above_stdio(int fd) {
  if (fd > 2) return fd;
  int moved = (int)syscall(SYS_fcntl, fd, F_DUPFD_CLOEXEC, 3);
  syscall(SYS_close, fd);
  return moved;
}

typedef struct {
  void *handler;
  unsigned long flags;
  void *restorer;
  uint64_t mask;
} kernel_sigaction_t;

/* Runs in the vfork child, on the parent's stack and memory: raw syscalls
 * only. Signals stay blocked until every handler is reset, so no handler of
 * the program ever runs in the child (as posix_spawn does). */
__attribute__((noreturn)) static void exec_child(int sock, int err_fd, const uint64_t *old_mask) {
  syscall(SYS_dup2, sock, 0);
  syscall(SYS_dup2, sock, 1);
  if (err_fd >= 0) syscall(SYS_dup2, err_fd, 2);
  /* Do not hand the program's other descriptors to the symbolizer. */
  if (syscall(SYS_close_range, 3U, ~0U, 0U) != 0)
    for (int fd = 3; fd < 4096; fd++) syscall(SYS_close, fd);
  for (int sig = 1; sig < 65; sig++) {
    kernel_sigaction_t old;
    if (sig == SIGKILL || sig == SIGSTOP) continue;
    if (syscall(SYS_rt_sigaction, sig, NULL, &old, 8) != 0) continue;
    if (old.handler == (void *)SIG_IGN || old.handler == (void *)SIG_DFL) continue;
    kernel_sigaction_t dfl = {(void *)SIG_DFL, 0, NULL, 0};
    syscall(SYS_rt_sigaction, sig, &dfl, NULL, 8);
  }
  syscall(SYS_rt_sigprocmask, SIG_SETMASK, old_mask, NULL, 8);
  char *argv[] = {sym_path, "--inlines", "--demangle", NULL};
  syscall(SYS_execve, sym_path, argv, environ);
  syscall(SYS_exit_group, 127);
  __builtin_unreachable();
}

static bool start_symbolizer(void) {
  if (!choose_symbolizer()) {
    ffipin_verbose(1,
                   "no llvm-symbolizer found (external_symbolizer_path, "
                   "$PATH, '%s'); frames show module+offset",
                   FFIPIN_DEFAULT_SYMBOLIZER);
    return false;
  }
  int sv[2];
  if (syscall(SYS_socketpair, AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv)) return false;
  sv[0] = fd_above_stdio(sv[0]);
  sv[1] = fd_above_stdio(sv[1]);
  /* Its complaints about unreadable files would interleave with our output. */
  int err_fd = -1;
  if (ffipin_flags.verbosity < 1)
    err_fd = fd_above_stdio((int)syscall(SYS_openat, AT_FDCWD, "/dev/null", O_WRONLY | O_CLOEXEC));
  uint64_t all = ~(uint64_t)0, old_mask;
  syscall(SYS_rt_sigprocmask, SIG_SETMASK, &all, &old_mask, 8);
  int pid = -1;
  if (sv[0] >= 0 && sv[1] >= 0) {
    pid = vfork();
    if (pid == 0) exec_child(sv[1], err_fd, &old_mask);
  }
  syscall(SYS_rt_sigprocmask, SIG_SETMASK, &old_mask, NULL, 8);
  if (err_fd >= 0) syscall(SYS_close, err_fd);
  if (sv[1] >= 0) syscall(SYS_close, sv[1]);
  if (pid <= 0) {
    if (sv[0] >= 0) syscall(SYS_close, sv[0]);
    return false;
  }
  sym_fd = sv[0];
  sym_pid = pid;
  sym_owner = ffipin_getpid();
  ffipin_verbose(1, "started symbolizer '%s' (pid %d)", sym_path, pid);
  return true;
}

static void stop_symbolizer(const char *why) {
  ffipin_warning("symbolizer '%s' %s; frames show module+offset from now on", sym_path, why);
  syscall(SYS_close, sym_fd);
  syscall(SYS_kill, sym_pid, SIGKILL);
  syscall(SYS_wait4, sym_pid, NULL, 0, NULL);
  sym_fd = -1;
  sym_state = SYM_UNAVAILABLE;
}

static bool symbolizer_ready(void) {
  if (sym_state == SYM_RUNNING && sym_owner != ffipin_getpid()) {
    /* We are a fork's child: the socket talks to our parent's symbolizer. */
    syscall(SYS_close, sym_fd);
    sym_fd = -1;
    sym_state = SYM_UNSTARTED;
  }
  if (sym_state == SYM_UNSTARTED) sym_state = start_symbolizer() ? SYM_RUNNING : SYM_UNAVAILABLE;
  return sym_state == SYM_RUNNING;
}

// The protocol

enum { REPLY_TIMEOUT_MS = 60000 }; /* a first query may load GBs of DWARF */

/* Sends one request and reads its reply (up to the empty line) into out.
 * A reply longer than out is read to its end and cut. */
static bool query(const char *kind, const char *module, uintptr_t offset, char *out,
                  size_t out_size) {
  if (!symbolizer_ready()) return false;
  int saved = errno;
  static char req[4096 + 64];
  int len = snprintf(req, sizeof(req), "%s\"%s\" 0x%lx\n", kind, module, (unsigned long)offset);
  if (len <= 0 || (size_t)len >= sizeof(req)) return false;
  for (int sent = 0; sent < len;) {
    long n = syscall(SYS_sendto, sym_fd, req + sent, (size_t)(len - sent), MSG_NOSIGNAL, NULL, 0);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      stop_symbolizer("cannot be written to");
      errno = saved;
      return false;
    }
    sent += (int)n;
  }
  size_t got = 0;
  char last2[2] = {0, 0}; /* the last two bytes received, kept if cut */
  for (;;) {
    struct pollfd p = {sym_fd, POLLIN, 0};
    long r = syscall(SYS_poll, &p, 1UL, REPLY_TIMEOUT_MS);
    if (r < 0 && errno == EINTR) continue;
    if (r <= 0) {
      stop_symbolizer(r == 0 ? "did not answer in time" : "cannot be polled");
      errno = saved;
      return false;
    }
    char scratch[512];
    bool into_out = got + 1 < out_size;
    char *dst = into_out ? out + got : scratch;
    size_t room = into_out ? out_size - 1 - got : sizeof(scratch);
    long n = syscall(SYS_read, sym_fd, dst, room);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      stop_symbolizer("exited");
      errno = saved;
      return false;
    }
    if (into_out) got += (size_t)n;
    if (n >= 2) {
      last2[0] = dst[n - 2];
      last2[1] = dst[n - 1];
    } else {
      last2[0] = last2[1];
      last2[1] = dst[0];
    }
    if (last2[0] == '\n' && last2[1] == '\n') break;
  }
  out[got] = '\0';
  errno = saved;
  return true;
}

/* ASan's strip_path_prefix: drop everything through the first occurrence of
 * the prefix, then a leading "./". */
static const char *strip_prefix(const char *file) {
  const char *prefix = ffipin_flags.strip_path_prefix;
  if (prefix && *prefix) {
    const char *pos = strstr(file, prefix);
    if (pos) file = pos + strlen(prefix);
  }
  if (file[0] == '.' && file[1] == '/') file += 2;
  return file;
}

typedef struct {
  char *buf;
  size_t size, used;
} strings_t;

/* Copies s[0..n) into the caller's string buffer; NULL when it is full. */
static const char *keep(strings_t *s, const char *str, size_t n) {
  if (!str || s->used + n + 1 > s->size) return NULL;
  char *dst = s->buf + s->used;
  memcpy(dst, str, n);
  dst[n] = '\0';
  s->used += n + 1;
  return dst;
}

static char *next_line(char **p) {
  char *line = *p, *nl = strchr(line, '\n');
  if (!nl) return NULL;
  *nl = '\0';
  *p = nl + 1;
  return line;
}

/* "file:line:col" or "file:line"; "??:0:0" is unknown. */
static void parse_location(char *loc, strings_t *s, ffipin_frame_t *f) {
  char *colon = strrchr(loc, ':');
  if (!colon) return;
  char *colon2 = NULL;
  for (char *q = colon - 1; q >= loc; q--)
    if (*q == ':') {
      colon2 = q;
      break;
    }
  long a = strtol(colon + 1, NULL, 10);
  if (colon2) {
    long b = strtol(colon2 + 1, NULL, 10);
    f->line = (int)b;
    f->column = (int)a;
    *colon2 = '\0';
  } else {
    f->line = (int)a;
    *colon = '\0';
  }
  if (!strcmp(loc, "??")) {
    f->line = f->column = 0;
    return;
  }
  const char *file = strip_prefix(loc);
  f->file = keep(s, file, strlen(file));
}

// The per-pc cache of symbolizer replies

enum { CACHE_SIZE = 256, CACHE_TEXT = 1024 };
static struct {
  uintptr_t pc;
  char text[CACHE_TEXT];
} cache[CACHE_SIZE];

static const char *cached_reply(uintptr_t pc, const char *module, uintptr_t offset) {
  unsigned slot = (unsigned)((pc >> 2) ^ (pc >> 12)) % CACHE_SIZE;
  if (cache[slot].pc == pc && cache[slot].text[0]) return cache[slot].text;
  static char reply[CACHE_TEXT];
  if (!query("", module, offset, reply, sizeof(reply))) return NULL;
  cache[slot].pc = pc;
  memcpy(cache[slot].text, reply, sizeof(reply));
  return cache[slot].text;
}

// Entry points

int ffipin_symbolize_pc(uintptr_t pc, ffipin_frame_t *out, int max_frames, char *strbuf,
                        size_t strbuf_size) {
  if (max_frames < 1) return 0;
  strings_t s = {strbuf, strbuf_size, 0};
  uintptr_t call = pc > 0 ? pc - 1 : 0; /* a return address: look up the call */
  const char *module = NULL;
  uintptr_t base = 0;
  ffipin_frame_t f0 = {pc, NULL, NULL, 0, 0, NULL, 0};
  if (ffipin_find_module(call, &module, &base)) {
    f0.module = keep(&s, module, strlen(module));
    f0.module_offset = call - base;
  }
  out[0] = f0;
  if (!f0.module) return 1;
  if (!ffipin_flags.symbolize) return 1;

  const char *reply = cached_reply(pc, module, call - base);
  if (!reply) { /* no symbolizer: dladdr knows exported names at least */
    Dl_info info;
    if (dladdr((void *)call, &info) && info.dli_sname)
      out[0].function = keep(&s, info.dli_sname, strlen(info.dli_sname));
    return 1;
  }
  static char work[CACHE_TEXT];
  strcpy(work, reply);
  char *p = work;
  int n = 0;
  for (char *fn; n < max_frames && (fn = next_line(&p)) && *fn;) {
    char *loc = next_line(&p);
    ffipin_frame_t f = f0;
    if (strcmp(fn, "??") != 0) f.function = keep(&s, fn, strlen(fn));
    if (loc) parse_location(loc, &s, &f);
    out[n++] = f;
    if (!loc) break;
  }
  return n > 0 ? n : 1;
}

bool ffipin_symbolize_data(uintptr_t addr, char *name, size_t name_size, char *module,
                           size_t module_size, uintptr_t *start, uintptr_t *size) {
  const char *mod;
  uintptr_t base;
  if (!ffipin_flags.symbolize || !ffipin_find_module(addr, &mod, &base)) return false;
  static char reply[1024];
  if (!query("DATA ", mod, addr - base, reply, sizeof(reply))) return false;
  char *p = reply;
  char *sym = next_line(&p), *range = next_line(&p);
  if (!sym || !range || !*sym || !strcmp(sym, "??")) return false;
  char *end;
  unsigned long long st = strtoull(range, &end, 10);
  unsigned long long sz = strtoull(end, NULL, 10);
  snprintf(name, name_size, "%s", sym);
  snprintf(module, module_size, "%s", mod);
  *start = base + (uintptr_t)st;
  *size = (uintptr_t)sz;
  return true;
}
