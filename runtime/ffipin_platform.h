/* The runtime's only way to the OS: raw system calls, so that no hook ever
 * reaches malloc or an interceptor (ours or another sanitizer's). */
#ifndef FFIPIN_PLATFORM_H
#define FFIPIN_PLATFORM_H

#include "ffipin_common.h"

/* Anonymous private mapping, MAP_NORESERVE; NULL on failure. */
void *ffipin_map(size_t size) FFIPIN_INTERNAL;
void ffipin_unmap(void *p, size_t size) FFIPIN_INTERNAL;
/* Writes all of buf (retrying on EINTR/short writes). */
void ffipin_write_all(int fd, const char *buf, size_t len) FFIPIN_INTERNAL;
int ffipin_getpid(void) FFIPIN_INTERNAL;
int ffipin_gettid(void) FFIPIN_INTERNAL;
/* Reads one word at addr without faulting (process_vm_readv on ourselves).
 * False if the memory is not readable. addr need not be aligned. */
bool ffipin_safe_read_word(uptr addr, uptr *out) FFIPIN_INTERNAL;
/* Reads size bytes at addr without faulting; false unless all were read. */
bool ffipin_safe_read(uptr addr, void *out, size_t size) FFIPIN_INTERNAL;
/* getenv that also works before libc has set `environ` (in .preinit_array):
 * searches the envp handed to the preinit function while environ is unset. */
const char *ffipin_getenv(const char *name) FFIPIN_INTERNAL;
void ffipin_set_envp(char **envp) FFIPIN_INTERNAL;
/* Prints "==PID==ERROR: FFIPinSanitizer: <msg>" to stderr and exits with
 * status 1: for errors in the sanitizer's own setup (bad options, a
 * malformed suppressions file, running out of mappable memory). */
__attribute__((noreturn, format(printf, 1, 2)))
void ffipin_fatal(const char *fmt, ...) FFIPIN_INTERNAL;
/* Finds the mapping containing addr in /proc/self/maps (read with raw
 * syscalls into a static buffer). Fills [*lo,*hi) and, if name is not NULL,
 * up to name_size bytes of the path or pseudo-name ("[stack]", "[heap]").
 * False if addr is not mapped. */
bool ffipin_find_mapping(uptr addr, uptr *lo, uptr *hi, char *name,
                         size_t name_size) FFIPIN_INTERNAL;
/* Reads the file at path with raw syscalls, using buf as the only storage,
 * and calls fn for each line with the '\n' replaced by a NUL. A line that
 * does not fit in buf_size - 1 bytes is passed once, cut, with truncated
 * set. fn returns false to stop. Returns 0, or the errno of a failed open. */
typedef bool (*ffipin_line_fn)(char *line, size_t len, bool truncated,
                               void *arg);
int ffipin_read_lines(const char *path, char *buf, size_t buf_size,
                      ffipin_line_fn fn, void *arg) FFIPIN_INTERNAL;

/* For fork: hold/release the /proc/self/maps reader's and the safe-read
 * fallback's locks. */
void ffipin_platform_lock(void) FFIPIN_INTERNAL;
void ffipin_platform_unlock(void) FFIPIN_INTERNAL;

#endif
