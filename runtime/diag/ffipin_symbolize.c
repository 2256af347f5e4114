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
#include <sched.h>
#include <signal.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "base/ffipin_flags.h"
#include "base/ffipin_format.h"
#include "base/ffipin_message.h"
#include "base/ffipin_string.h"
#include "base/ffipin_sys.h"
#include "diag/ffipin_log.h"

#ifndef FFIPIN_DEFAULT_SYMBOLIZER
#define FFIPIN_DEFAULT_SYMBOLIZER ""
#endif

extern char **environ;

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
    const char *end = ffipin_str_chr(dirs, ':');
    size_t len = end ? (size_t)(end - dirs) : ffipin_str_len(dirs);
    if (len > 0) {
      ffipin_buf_t b;
      ffipin_buf_init(&b, sym_path, sizeof(sym_path));
      ffipin_buf_printf(&b, "%.*s/%s", (int)len, dirs, name);
      if (!b.truncated && executable(sym_path)) return true;
    }
    dirs = end ? end + 1 : NULL;
  }
  return false;
}

static bool choose_symbolizer(void) {
  const char *ext = ffipin_flags.external_symbolizer_path;
  if (ext && *ext) {
    if (executable(ext) && ffipin_str_copy(sym_path, sizeof(sym_path), ext)) return true;
    int err = errno;
    const char *ename = strerrorname_np(err);
    ffipin_error("external_symbolizer_path '%s' is not an executable file (errno %d, %s); "
                 "looking for llvm-symbolizer instead",
                 ext, err, ename ? ename : "?");
  }
  if (find_in_path("llvm-symbolizer")) return true;
  const char *def = FFIPIN_DEFAULT_SYMBOLIZER;
  return *def && executable(def) && ffipin_str_copy(sym_path, sizeof(sym_path), def);
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

typedef struct {
  int sock, err_fd;
  uint64_t old_mask;
} child_args_t;

/* Runs in the clone child, in our memory, on its own stack: raw syscalls
 * only. Signals stay blocked until every handler is reset, so no handler of
 * the program ever runs in the child (as posix_spawn does). */
static int exec_child(void *arg) {
  const child_args_t *a = arg;
  int sock = a->sock, err_fd = a->err_fd;
  const uint64_t *old_mask = &a->old_mask;
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
  syscall(SYS_exit, 127);
  return 127;
}

/* The clone system call itself, CLONE_VM | CLONE_VFORK, the child starting
 * on a stack of its own in fn(arg): not fork or vfork, which run the
 * process's fork handlers (ours want the report lock this thread holds),
 * and not libc's clone(), which TSan intercepts and treats as a fork (its
 * fork handling then fails a CHECK or deadlocks with every signal blocked).
 * We are suspended until the child execs or exits. */
static long clone_vfork(int (*fn)(void *), void *arg, char *stack_top) {
  void **sp = (void **)stack_top;
  *--sp = arg;
  *--sp = (void *)fn;
  register long tls __asm__("r10") = 0;
  register long ctid __asm__("r8") = 0;
  long ret;
  __asm__ volatile("syscall\n\t"
                   "test %%rax, %%rax\n\t"
                   "jnz 1f\n\t"
                   /* the child, on its own stack: fn(arg), then exit */
                   "xor %%ebp, %%ebp\n\t"
                   "pop %%rax\n\t"
                   "pop %%rdi\n\t"
                   "call *%%rax\n\t"
                   "mov %%eax, %%edi\n\t"
                   "mov %[nr_exit], %%eax\n\t"
                   "syscall\n\t"
                   "hlt\n\t"
                   "1:"
                   : "=a"(ret)
                   : "a"((long)SYS_clone), "D"((long)(CLONE_VM | CLONE_VFORK | SIGCHLD)), "S"(sp),
                     "d"(0L), "r"(tls), "r"(ctid), [nr_exit] "i"(SYS_exit)
                   : "rcx", "r11", "memory");
  return ret;
}

static char child_stack[64 * 1024] __attribute__((aligned(16)));

static int spawn(int sock, int err_fd, const uint64_t *old_mask) {
  static child_args_t args; /* static: the report lock is held */
  args.sock = sock;
  args.err_fd = err_fd;
  args.old_mask = *old_mask;
  long pid = clone_vfork(exec_child, &args, child_stack + sizeof(child_stack));
  return pid < 0 ? -1 : (int)pid;
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
  if (sv[0] >= 0 && sv[1] >= 0) pid = spawn(sv[1], err_fd, &old_mask);
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

/* A reply is a few frames; one this long is a symbolizer gone wrong (or
 * another program answering at all). */
enum { MAX_REPLY = 1 << 20 };

static long now_ms(void) {
  struct timespec ts;
  syscall(SYS_clock_gettime, CLOCK_MONOTONIC, &ts);
  return (long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Sends one request and reads its reply (up to the empty line) into out,
 * within symbolize_timeout_ms for the whole reply. A reply longer than out
 * is read to its end and cut; one longer than MAX_REPLY gives up. */
static bool query(const char *kind, const char *module, uintptr_t offset, char *out,
                  size_t out_size) {
  if (!symbolizer_ready()) return false;
  int saved = errno;
  static char req[4096 + 64];
  ffipin_buf_t rb;
  ffipin_buf_init(&rb, req, sizeof(req));
  ffipin_buf_printf(&rb, "%s\"%s\" 0x%lx\n", kind, module, (unsigned long)offset);
  if (rb.truncated) return false;
  int len = (int)rb.len;
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
  size_t got = 0, total = 0;
  char last2[2] = {0, 0}; /* the last two bytes received, kept if cut */
  long deadline = now_ms() + ffipin_flags.symbolize_timeout_ms;
  for (;;) {
    struct pollfd p = {sym_fd, POLLIN, 0};
    long left = deadline - now_ms();
    long r = left > 0 ? syscall(SYS_poll, &p, 1UL, (int)left) : 0;
    if (r < 0 && errno == EINTR) continue;
    if (r <= 0) {
      static char why[96];
      ffipin_buf_t wb;
      ffipin_buf_init(&wb, why, sizeof(why));
      ffipin_buf_printf(&wb, "did not answer within %d ms (symbolize_timeout_ms)",
                        ffipin_flags.symbolize_timeout_ms);
      stop_symbolizer(r == 0 ? why : "cannot be polled");
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
    total += (size_t)n;
    if (total > MAX_REPLY) {
      stop_symbolizer("sent a reply longer than 1048576 bytes");
      errno = saved;
      return false;
    }
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
    const char *pos = ffipin_str_str(file, prefix);
    if (pos) file = pos + ffipin_str_len(prefix);
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
  ffipin_mem_copy(dst, str, n);
  dst[n] = '\0';
  s->used += n + 1;
  return dst;
}

static char *next_line(char **p) {
  char *line = *p, *nl = (char *)ffipin_str_chr(line, '\n');
  if (!nl) return NULL;
  *nl = '\0';
  *p = nl + 1;
  return line;
}

/* "file:line:col" or "file:line"; "??:0:0" is unknown. */
static int parse_number(const char *p) {
  uint64_t v;
  return ffipin_parse_u64(&p, 0x7fffffff, &v) ? (int)v : 0;
}

static void parse_location(char *loc, strings_t *s, ffipin_frame_t *f) {
  char *colon = (char *)ffipin_str_rchr(loc, ':');
  if (!colon) return;
  char *colon2 = NULL;
  for (char *q = colon - 1; q >= loc; q--)
    if (*q == ':') {
      colon2 = q;
      break;
    }
  int a = parse_number(colon + 1);
  if (colon2) {
    f->line = parse_number(colon2 + 1);
    f->column = a;
    *colon2 = '\0';
  } else {
    f->line = a;
    *colon = '\0';
  }
  if (ffipin_str_eq(loc, "??")) {
    f->line = f->column = 0;
    return;
  }
  const char *file = strip_prefix(loc);
  f->file = keep(s, file, ffipin_str_len(file));
}

// The per-pc cache of symbolizer replies

/* Most replies are short; one with long (C++ template) names is used as
 * received and not cached. */
enum { CACHE_SIZE = 256, CACHE_TEXT = 1024, REPLY_TEXT = 32 * 1024 };
static struct {
  uintptr_t pc;
  char text[CACHE_TEXT];
} cache[CACHE_SIZE];

static const char *cached_reply(uintptr_t pc, const char *module, uintptr_t offset) {
  unsigned slot = (unsigned)((pc >> 2) ^ (pc >> 12)) % CACHE_SIZE;
  if (cache[slot].pc == pc && cache[slot].text[0]) return cache[slot].text;
  static char reply[REPLY_TEXT];
  if (!query("", module, offset, reply, sizeof(reply))) return NULL;
  if (!ffipin_str_copy(cache[slot].text, CACHE_TEXT, reply)) {
    cache[slot].text[0] = '\0';
    return reply;
  }
  cache[slot].pc = pc;
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
    f0.module = keep(&s, module, ffipin_str_len(module));
    f0.module_offset = call - base;
  }
  out[0] = f0;
  if (!f0.module) return 1;
  if (!ffipin_flags.symbolize) return 1;

  const char *reply = cached_reply(pc, module, call - base);
  if (!reply) { /* no symbolizer: dladdr knows exported names at least */
    Dl_info info;
    if (dladdr((void *)call, &info) && info.dli_sname)
      out[0].function = keep(&s, info.dli_sname, ffipin_str_len(info.dli_sname));
    return 1;
  }
  static char work[REPLY_TEXT];
  ffipin_str_copy(work, sizeof(work), reply);
  char *p = work;
  int n = 0;
  for (char *fn; n < max_frames && (fn = next_line(&p)) && *fn;) {
    char *loc = next_line(&p);
    ffipin_frame_t f = f0;
    if (!ffipin_str_eq(fn, "??")) f.function = keep(&s, fn, ffipin_str_len(fn));
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
  if (!sym || !range || !*sym || ffipin_str_eq(sym, "??")) return false;
  const char *q = range;
  uint64_t st, sz;
  if (!ffipin_parse_u64(&q, UINT64_MAX, &st) || *q++ != ' ' ||
      !ffipin_parse_u64(&q, UINT64_MAX, &sz))
    return false;
  ffipin_str_copy(name, name_size, sym);
  ffipin_str_copy(module, module_size, mod);
  *start = base + (uintptr_t)st;
  *size = (uintptr_t)sz;
  return true;
}
