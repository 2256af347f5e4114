/* The report destination (log_path) and verbose diagnostics. */
#include "diag/ffipin_log.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "base/ffipin_flags.h"
#include "base/ffipin_format.h"
#include "base/ffipin_lock.h"
#include "base/ffipin_message.h"
#include "base/ffipin_string.h"
#include "base/ffipin_sys.h"

/* The file is opened lazily on the first report and again in a forked child
 * (its reports go to <log_path>.<child pid>). */
static ffipin_lock_t log_lock = FFIPIN_LOCK_INIT;
static int log_fd = -1;
static int log_pid;
static const char *log_name = "";

static int open_log(void) {
  const char *path = ffipin_flags.log_path;
  if (!path || !*path || ffipin_str_eq(path, "stderr")) return 2;
  if (ffipin_str_eq(path, "stdout")) return 1;
  int pid = ffipin_getpid();
  if (log_pid == pid) return log_fd;
  if (log_fd > 2) syscall(SYS_close, log_fd); /* inherited from the parent */
  log_pid = pid;
  static char full[4096 + 32]; /* static: log_lock is held */
  log_name = full;
  ffipin_buf_t b;
  ffipin_buf_init(&b, full, sizeof(full));
  ffipin_buf_printf(&b, "%s.%d", path, pid);
  if (b.truncated) {
    errno = ENAMETOOLONG;
    log_fd = -1;
  } else {
    log_fd =
        (int)syscall(SYS_openat, AT_FDCWD, full, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0666);
  }
  if (log_fd < 0) {
    /* strerrorname_np, not strerror: the latter may allocate. */
    int err = errno;
    const char *ename = strerrorname_np(err);
    ffipin_error("can't open log file '%s.%d' (errno %d, %s); writing reports to stderr", path, pid,
                 err, ename ? ename : "?");
    log_fd = 2;
  }
  return log_fd;
}

/* Writes all of text; 0 or the errno of the write that failed. */
static int write_text(int fd, const char *text, size_t len) {
  while (len > 0) {
    long n = syscall(SYS_write, fd, text, len);
    if (n < 0 && (errno == EINTR || errno == EAGAIN)) continue;
    if (n < 0) return errno;
    if (n == 0) return EIO;
    text += n;
    len -= (size_t)n;
  }
  return 0;
}

void ffipin_log_write(const char *text, size_t len) {
  ffipin_lock_acquire(&log_lock);
  int saved = errno;
  int fd = open_log();
  int err = write_text(fd, text, len);
  if (err && fd > 2) {
    /* A full disk, a quota, a file-size limit: the report must not be lost. */
    const char *ename = strerrorname_np(err);
    ffipin_error("can't write to log file '%s' (errno %d, %s); writing reports to stderr", log_name,
                 err, ename ? ename : "?");
    syscall(SYS_close, fd);
    log_fd = 2;
    write_text(2, text, len);
  }
  errno = saved;
  ffipin_lock_release(&log_lock);
}

void ffipin_verbose(int level, const char *fmt, ...) {
  if (ffipin_flags.verbosity < level) return;
  va_list ap;
  va_start(ap, fmt);
  ffipin_message_v("", fmt, ap);
  va_end(ap);
}

void ffipin_log_lock(void) { ffipin_lock_acquire(&log_lock); }
void ffipin_log_unlock(void) { ffipin_lock_release(&log_lock); }
