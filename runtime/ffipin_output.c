/* Fixed-buffer formatting and the report destination (log_path). */
#include "ffipin_output.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "ffipin_flags.h"
#include "ffipin_lock.h"
#include "ffipin_platform.h"

// Buffers

void ffipin_buf_init(ffipin_buf *b, char *storage, size_t cap) {
  b->data = storage;
  b->cap = cap;
  b->len = 0;
  b->truncated = false;
  if (cap > 0) storage[0] = '\0';
}

void ffipin_buf_vprintf(ffipin_buf *b, const char *fmt, va_list ap) {
  if (b->cap == 0) {
    b->truncated = true;
    return;
  }
  size_t room = b->cap - b->len; /* >= 1: len never passes cap - 1 */
  int n = vsnprintf(b->data + b->len, room, fmt, ap);
  if (n < 0) return;
  if ((size_t)n >= room) {
    b->len = b->cap - 1;
    b->truncated = true;
  } else {
    b->len += (size_t)n;
  }
}

void ffipin_buf_printf(ffipin_buf *b, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  ffipin_buf_vprintf(b, fmt, ap);
  va_end(ap);
}

/* Length of the valid UTF-8 sequence at s, or 0 if it is not one. */
static size_t utf8_len(const unsigned char *s) {
  size_t n;
  if (s[0] >= 0xc2 && s[0] <= 0xdf) n = 2;
  else if (s[0] >= 0xe0 && s[0] <= 0xef) n = 3;
  else if (s[0] >= 0xf0 && s[0] <= 0xf4) n = 4;
  else return 0;
  for (size_t i = 1; i < n; i++)
    if ((s[i] & 0xc0) != 0x80) return 0;
  return n;
}

/* JSON strings must be valid UTF-8: paths and names that are not become
 * U+FFFD rather than breaking the consumer's parser. */
void ffipin_buf_json_escape(ffipin_buf *b, const char *s) {
  const unsigned char *p = (const unsigned char *)s;
  while (*p) {
    unsigned char c = *p;
    if (c == '"' || c == '\\') {
      ffipin_buf_printf(b, "\\%c", c);
    } else if (c == '\n') {
      ffipin_buf_printf(b, "\\n");
    } else if (c == '\t') {
      ffipin_buf_printf(b, "\\t");
    } else if (c == '\r') {
      ffipin_buf_printf(b, "\\r");
    } else if (c < 0x20 || c == 0x7f) {
      ffipin_buf_printf(b, "\\u%04x", c);
    } else if (c < 0x80) {
      ffipin_buf_printf(b, "%c", c);
    } else {
      size_t n = utf8_len(p);
      if (n == 0) {
        ffipin_buf_printf(b, "\\ufffd");
        p++;
        continue;
      }
      ffipin_buf_printf(b, "%.*s", (int)n, (const char *)p);
      p += n;
      continue;
    }
    p++;
  }
}

// The log destination

/* The file is opened lazily on the first report and again in a forked child
 * (its reports go to <log_path>.<child pid>). */
static ffipin_lock log_lock = FFIPIN_LOCK_INIT;
static int log_fd = -1;
static int log_pid;

static int open_log(void) {
  const char *path = ffipin_flags.log_path;
  if (!path || !*path || !strcmp(path, "stderr")) return 2;
  if (!strcmp(path, "stdout")) return 1;
  int pid = ffipin_getpid();
  if (log_pid == pid) return log_fd;
  if (log_fd > 2) syscall(SYS_close, log_fd); /* inherited from the parent */
  log_pid = pid;
  static char full[4096 + 32]; /* static: log_lock is held */
  int n = snprintf(full, sizeof(full), "%s.%d", path, pid);
  if (n < 0 || (size_t)n >= sizeof(full)) {
    errno = ENAMETOOLONG;
    log_fd = -1;
  } else {
    log_fd = (int)syscall(SYS_openat, AT_FDCWD, full,
                          O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0666);
  }
  if (log_fd < 0) {
    /* strerrorname_np, not strerror: the latter may allocate. */
    int err = errno;
    const char *ename = strerrorname_np(err);
    static char msg[4096 + 256];
    int m = snprintf(msg, sizeof(msg),
                     "==%d==ERROR: FFIPinSanitizer: can't open log file "
                     "'%s.%d' (errno %d, %s); writing reports to stderr\n",
                     pid, path, pid, err, ename ? ename : "?");
    if (m > 0)
      ffipin_write_all(2, msg, (size_t)m < sizeof(msg) ? (size_t)m
                                                       : sizeof(msg) - 1);
    log_fd = 2;
  }
  return log_fd;
}

void ffipin_log_write(const char *text, size_t len) {
  ffipin_lock_acquire(&log_lock);
  int saved = errno;
  int fd = open_log();
  ffipin_write_all(fd, text, len);
  errno = saved;
  ffipin_lock_release(&log_lock);
}

void ffipin_verbose(int level, const char *fmt, ...) {
  if (ffipin_flags.verbosity < level) return;
  char storage[1024];
  ffipin_buf b;
  ffipin_buf_init(&b, storage, sizeof(storage) - 1);
  ffipin_buf_printf(&b, "==%d==FFIPinSanitizer: ", ffipin_getpid());
  va_list ap;
  va_start(ap, fmt);
  ffipin_buf_vprintf(&b, fmt, ap);
  va_end(ap);
  storage[b.len++] = '\n'; /* the byte kept free above */
  ffipin_write_all(2, storage, b.len);
}
