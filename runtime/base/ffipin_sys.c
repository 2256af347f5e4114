/* The runtime's OS layer: raw system calls only. The libc wrappers of mmap
 * and munmap are off limits (the static runtime --wraps munmap, so calling it
 * would re-enter our own interceptor), and nothing here may allocate. */
#include "base/ffipin_sys.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <time.h>
#include <unistd.h>

#include "base/ffipin_lock.h"
#include "base/ffipin_string.h"

// Memory

void *ffipin_map(size_t size) {
  long r = syscall(SYS_mmap, NULL, size, PROT_READ | PROT_WRITE,
                   MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
  return r == -1 ? NULL : (void *)r;
}

void ffipin_unmap(void *p, size_t size) {
  if (p) syscall(SYS_munmap, p, size);
}

void *ffipin_reserve(size_t size) {
  long r =
      syscall(SYS_mmap, NULL, size, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
  return r == -1 ? NULL : (void *)r;
}

bool ffipin_protect(void *p, size_t size, bool accessible) {
  return syscall(SYS_mprotect, p, size, accessible ? PROT_READ | PROT_WRITE : PROT_NONE) == 0;
}

void ffipin_discard(void *p, size_t size) {
  syscall(SYS_mmap, p, size, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE | MAP_FIXED, -1,
          0);
}

// Safe reads

/* Fallback when process_vm_readv is unavailable (old kernel, seccomp): the
 * kernel copies from our memory into a pipe and fails with EFAULT instead of
 * faulting us. */
static ffipin_lock_t pipe_lock = FFIPIN_LOCK_INIT;
static int probe_pipe[2] = {-1, -1};
static int vm_readv_works = 1;

static bool read_via_pipe(uintptr_t addr, void *out, size_t size) {
  bool ok = true;
  ffipin_lock_acquire(&pipe_lock);
  if (probe_pipe[0] < 0 && syscall(SYS_pipe2, probe_pipe, O_CLOEXEC | O_NONBLOCK) != 0) {
    probe_pipe[0] = probe_pipe[1] = -1;
    ok = false;
  }
  for (size_t done = 0; ok && done < size;) {
    size_t n = size - done < 4096 ? size - done : 4096;
    long w = syscall(SYS_write, probe_pipe[1], (const char *)addr + done, n);
    if (w <= 0) {
      ok = false;
      break;
    }
    /* Drain exactly what went in, so the pipe is empty for the next read. */
    for (long got = 0; got < w;) {
      long r = syscall(SYS_read, probe_pipe[0], (char *)out + done + got, (size_t)(w - got));
      if (r <= 0) {
        ok = false;
        break;
      }
      got += r;
    }
    done += (size_t)w;
  }
  ffipin_lock_release(&pipe_lock);
  return ok;
}

bool ffipin_safe_read(uintptr_t addr, void *out, size_t size) {
  if (size == 0) return true;
  if (addr + size < addr) return false;
  if (__atomic_load_n(&vm_readv_works, __ATOMIC_RELAXED)) {
    struct iovec local = {out, size};
    struct iovec remote = {(void *)addr, size};
    int saved = errno;
    long r = syscall(SYS_process_vm_readv, (long)ffipin_getpid(), &local, 1UL, &remote, 1UL, 0UL);
    int err = errno;
    errno = saved;
    if (r >= 0) return (size_t)r == size;
    if (err != ENOSYS && err != EPERM) return false;
    __atomic_store_n(&vm_readv_works, 0, __ATOMIC_RELAXED);
  }
  return read_via_pipe(addr, out, size);
}

bool ffipin_safe_read_word(uintptr_t addr, uintptr_t *out) {
  return ffipin_safe_read(addr, out, sizeof(*out));
}

bool ffipin_page_reader_word(ffipin_page_reader_t *r, uintptr_t addr, uintptr_t *out) {
  if (addr % sizeof(uintptr_t) != 0) return false;
  uintptr_t page = addr & ~(uintptr_t)(FFIPIN_PAGE_READER_CHUNK - 1);
  if (r->page != page) {
    r->page = 0;
    if (!ffipin_safe_read(page, r->words, sizeof(r->words))) return false;
    r->page = page;
  }
  *out = r->words[(addr - page) / sizeof(uintptr_t)];
  return true;
}

// Processes and output

void ffipin_write_all(int fd, const char *buf, size_t len) {
  while (len > 0) {
    long n = syscall(SYS_write, fd, buf, len);
    if (n < 0) {
      if (errno == EINTR || errno == EAGAIN) continue;
      return;
    }
    if (n == 0) return;
    buf += n;
    len -= (size_t)n;
  }
}

int ffipin_getpid(void) { return (int)syscall(SYS_getpid); }

/* fn in %rdi, arg in %rsi, stack_top in %rdx (System V). The frame keeps the
 * old %rsp in %rbp, so the frame-pointer chain still leads back. */
__attribute__((naked)) void ffipin_call_on_stack(void (*fn)(void *), void *arg, void *stack_top) {
  __asm__ volatile("push %rbp\n\t"
                   "mov %rsp, %rbp\n\t"
                   "mov %rdx, %rsp\n\t"
                   "mov %rdi, %rax\n\t"
                   "mov %rsi, %rdi\n\t"
                   "call *%rax\n\t"
                   "mov %rbp, %rsp\n\t"
                   "pop %rbp\n\t"
                   "ret");
}

void ffipin_sleep_ms(unsigned ms) {
  struct timespec left = {ms / 1000, (long)(ms % 1000) * 1000000};
  while (syscall(SYS_nanosleep, &left, &left) != 0 && errno == EINTR) {
  }
}
int ffipin_gettid(void) { return (int)syscall(SYS_gettid); }

// Files

int ffipin_read_lines(const char *path, char *buf, size_t buf_size, ffipin_line_fn_t fn,
                      void *arg) {
  int fd = (int)syscall(SYS_openat, AT_FDCWD, path, O_RDONLY | O_CLOEXEC);
  if (fd < 0) return errno ? errno : EIO;
  size_t cap = buf_size - 1; /* one byte for the NUL after a cut line */
  size_t len = 0;
  bool skipping = false; /* inside the rest of a line already passed cut */
  bool go = true;
  while (go) {
    long n = syscall(SYS_read, fd, buf + len, cap - len);
    if (n < 0 && errno == EINTR) continue;
    bool eof = n <= 0;
    if (n > 0) len += (size_t)n;
    size_t start = 0;
    for (size_t i = start; go && i < len; i++) {
      if (buf[i] != '\n') continue;
      buf[i] = '\0';
      if (!skipping) go = fn(buf + start, i - start, false, arg);
      skipping = false;
      start = i + 1;
    }
    if (!go) break;
    if (start > 0) {
      ffipin_mem_move(buf, buf + start, len - start);
      len -= start;
    }
    if (eof) {
      if (len > 0 && !skipping) {
        buf[len] = '\0';
        fn(buf, len, false, arg);
      }
      break;
    }
    if (len == cap) { /* a line longer than the buffer: pass it cut */
      buf[len] = '\0';
      if (!skipping) go = fn(buf, len, true, arg);
      skipping = true;
      len = 0;
    }
  }
  syscall(SYS_close, fd);
  return 0;
}

/* /proc/self/maps can be megabytes (JITs, Go arenas); it is read in chunks
 * into one static buffer, which the lock protects. */
static ffipin_lock_t maps_lock = FFIPIN_LOCK_INIT;
static char maps_buf[8192];

typedef struct {
  uintptr_t addr, lo, hi;
  char *name;
  size_t name_size;
  bool found;
} mapping_query_t;

static bool parse_hex(const char **p, uintptr_t *out) {
  uintptr_t v = 0;
  const char *s = *p;
  for (;; s++) {
    unsigned d;
    if (*s >= '0' && *s <= '9')
      d = (unsigned)(*s - '0');
    else if (*s >= 'a' && *s <= 'f')
      d = (unsigned)(*s - 'a' + 10);
    else
      break;
    v = v << 4 | d;
  }
  if (s == *p) return false;
  *p = s;
  *out = v;
  return true;
}

bool ffipin_parse_maps_line(const char *line, ffipin_maps_line_t *out) {
  const char *p = line;
  if (!parse_hex(&p, &out->lo) || *p++ != '-' || !parse_hex(&p, &out->hi) || *p++ != ' ')
    return false;
  for (int i = 0; i < 4; i++) out->perms[i] = *p ? *p++ : '-';
  out->perms[4] = '\0';
  while (*p == ' ') p++;
  if (!parse_hex(&p, &out->offset)) out->offset = 0;
  for (int field = 0; field < 2; field++) { /* dev inode */
    while (*p == ' ') p++;
    while (*p && *p != ' ') p++;
  }
  while (*p == ' ') p++;
  out->path = p;
  return true;
}

static bool maps_line(char *line, size_t len, bool truncated, void *arg) {
  mapping_query_t *q = arg;
  ffipin_maps_line_t m;
  if (!ffipin_parse_maps_line(line, &m)) return true;
  if (q->addr < m.lo || q->addr >= m.hi) return true;
  q->lo = m.lo;
  q->hi = m.hi;
  q->found = true;
  if (q->name && q->name_size > 0) {
    const char *p = m.path;
    size_t n = ffipin_str_len(p);
    if (n >= q->name_size) n = q->name_size - 1;
    ffipin_mem_copy(q->name, p, n);
    q->name[n] = '\0';
  }
  return false;
}

bool ffipin_find_mapping(uintptr_t addr, uintptr_t *lo, uintptr_t *hi, char *name,
                         size_t name_size) {
  mapping_query_t q = {addr, 0, 0, name, name_size, false};
  if (name && name_size > 0) name[0] = '\0';
  ffipin_lock_acquire(&maps_lock);
  int saved = errno;
  ffipin_read_lines("/proc/self/maps", maps_buf, sizeof(maps_buf), maps_line, &q);
  errno = saved;
  ffipin_lock_release(&maps_lock);
  if (q.found) {
    *lo = q.lo;
    *hi = q.hi;
  }
  return q.found;
}

static char **saved_envp;

void ffipin_set_envp(char **envp) { saved_envp = envp; }

const char *ffipin_getenv(const char *name) {
  extern char **environ;
  char **env = environ ? environ : saved_envp;
  if (!env) return NULL;
  size_t n = 0;
  while (name[n]) n++;
  for (; *env; env++) {
    const char *e = *env;
    size_t i = 0;
    while (i < n && e[i] == name[i]) i++;
    if (i == n && e[i] == '=') return e + n + 1;
  }
  return NULL;
}

void ffipin_sys_lock(void) {
  ffipin_lock_acquire(&maps_lock);
  ffipin_lock_acquire(&pipe_lock);
}
void ffipin_sys_unlock(void) {
  ffipin_lock_release(&pipe_lock);
  ffipin_lock_release(&maps_lock);
}
