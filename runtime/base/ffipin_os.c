#include "base/ffipin_os.h"

#include <errno.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "base/ffipin_sys.h"

void ffipin_os_release(void *p, size_t size) {
  int saved = errno;
  syscall(SYS_madvise, p, size, MADV_DONTNEED);
  errno = saved;
}

void *ffipin_os_remap(void *p, size_t old_size, size_t new_size) {
  int saved = errno;
  long r = syscall(SYS_mremap, p, old_size, new_size, MREMAP_MAYMOVE);
  errno = saved;
  return r == -1 ? NULL : (void *)r;
}

bool ffipin_os_thread_exists(int os_tid) {
  int saved = errno;
  long r = syscall(SYS_tgkill, (long)ffipin_getpid(), (long)os_tid, 0L);
  bool gone = r == -1 && errno == ESRCH;
  errno = saved;
  return !gone;
}
