/* The runtime's way to the OS: raw system calls (no libc wrapper that
 * another sanitizer intercepts or that may allocate), safe reads of memory
 * that may be unmapped, the environment before libc has set it up, and
 * /proc/self/maps. */
#ifndef FFIPIN_SYS_H
#define FFIPIN_SYS_H

#include "base/ffipin_common.h"

enum { FFIPIN_PAGE_SIZE = 4096 };

/* Anonymous private mapping, MAP_NORESERVE; NULL on failure. */
void *ffipin_map(size_t size) FFIPIN_INTERNAL;
void ffipin_unmap(void *p, size_t size) FFIPIN_INTERNAL;
/* Address space only: PROT_NONE, MAP_NORESERVE; NULL on failure. */
void *ffipin_reserve(size_t size) FFIPIN_INTERNAL;
/* mprotect(2) with PROT_READ|PROT_WRITE (accessible) or PROT_NONE; false
 * on failure. */
bool ffipin_protect(void *p, size_t size, bool accessible) FFIPIN_INTERNAL;
/* Replaces [p, p+size) by fresh inaccessible reserved pages in one system
 * call (mmap MAP_FIXED over it): the old pages' memory goes back to the
 * system, the addresses stay ours (no hole another mapping could take), and
 * made accessible again they read as zeros. */
void ffipin_discard(void *p, size_t size) FFIPIN_INTERNAL;
/* Writes all of buf (retrying on EINTR/short writes). */
void ffipin_write_all(int fd, const char *buf, size_t len) FFIPIN_INTERNAL;
int ffipin_getpid(void) FFIPIN_INTERNAL;
/* Calls fn(arg) with the stack pointer at stack_top (16-byte aligned), then
 * returns on the caller's stack: for work a signal handler cannot do on
 * whatever small alternate stack it was given. */
void ffipin_call_on_stack(void (*fn)(void *), void *arg, void *stack_top) FFIPIN_INTERNAL;
/* nanosleep(2), restarted on EINTR only until ms have passed. */
void ffipin_sleep_ms(unsigned ms) FFIPIN_INTERNAL;
int ffipin_gettid(void) FFIPIN_INTERNAL;

/* Reads size bytes at addr without faulting (process_vm_readv on ourselves,
 * or a pipe where that is not allowed); false unless all were read. addr
 * need not be aligned. */
bool ffipin_safe_read(uintptr_t addr, void *out, size_t size) FFIPIN_INTERNAL;
bool ffipin_safe_read_word(uintptr_t addr, uintptr_t *out) FFIPIN_INTERNAL;

/* Reads aligned words of memory that may be unmapped, an aligned 1 KiB
 * chunk per system call: walks that stay close (frame chains, heap chunk
 * headers) cost one read, and the reader fits on a hook's stack next to
 * the rest (-Wframe-larger-than: a whole page would not). Set page to 0
 * before first use. */
#define FFIPIN_PAGE_READER_CHUNK 1024
typedef struct {
  uintptr_t page; /* the chunk words[] holds; 0: none */
  uintptr_t words[FFIPIN_PAGE_READER_CHUNK / sizeof(uintptr_t)];
} ffipin_page_reader_t;
/* False if addr is not word-aligned or its page is not readable. */
bool ffipin_page_reader_word(ffipin_page_reader_t *r, uintptr_t addr,
                             uintptr_t *out) FFIPIN_INTERNAL;

/* getenv that also works before libc has set `environ` (in .preinit_array):
 * searches the envp handed to the preinit function while environ is unset. */
const char *ffipin_getenv(const char *name) FFIPIN_INTERNAL;
void ffipin_set_envp(char **envp) FFIPIN_INTERNAL;

/* Finds the mapping containing addr in /proc/self/maps (read with raw
 * syscalls into a static buffer). Fills [*lo,*hi) and, if name is not NULL,
 * up to name_size bytes of the path or pseudo-name ("[stack]", "[heap]").
 * False if addr is not mapped. */
bool ffipin_find_mapping(uintptr_t addr, uintptr_t *lo, uintptr_t *hi, char *name,
                         size_t name_size) FFIPIN_INTERNAL;
/* One line of /proc/self/maps: "lo-hi perms offset dev inode   path". */
typedef struct {
  uintptr_t lo, hi, offset;
  char perms[5];    /* "rw-p" */
  const char *path; /* into the line; "" for an anonymous mapping */
} ffipin_maps_line_t;
/* False if the line is not of that shape. */
bool ffipin_parse_maps_line(const char *line, ffipin_maps_line_t *out) FFIPIN_INTERNAL;

/* Reads the file at path with raw syscalls, using buf as the only storage,
 * and calls fn for each line with the '\n' replaced by a NUL. A line that
 * does not fit in buf_size - 1 bytes is passed once, cut, with truncated
 * set. fn returns false to stop. Returns 0, or the errno of a failed open. */
typedef bool (*ffipin_line_fn_t)(char *line, size_t len, bool truncated, void *arg);
int ffipin_read_lines(const char *path, char *buf, size_t buf_size, ffipin_line_fn_t fn,
                      void *arg) FFIPIN_INTERNAL;

/* For fork: hold/release the /proc/self/maps reader's and the safe-read
 * fallback's locks. */
void ffipin_sys_lock(void) FFIPIN_INTERNAL;
void ffipin_sys_unlock(void) FFIPIN_INTERNAL;

#endif
