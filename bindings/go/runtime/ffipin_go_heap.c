/* Heap arenas are the reservations the Go runtime makes at a hint address
 * without MAP_FIXED (runtime/malloc.go: sysReserve(hint) in
 * (*mheap).sysAlloc), committed later with MAP_FIXED inside them. Metadata
 * (page-allocator summaries, arena indexes) is reserved at a NULL address:
 * it holds no objects C can be handed, and registering it would stretch the
 * fast path's bounding range over every mmap'd C pointer at 0x7f... (a
 * measured 12.9 ns per store instead of 0.8). Only when all arena hints are
 * exhausted does Go reserve arenas at NULL; those are not seen. A
 * reservation the kernel placed away from its hint is not an arena either:
 * Go unmaps it and tries the next hint. Under `go build -asan` ASan's
 * shadow covers the first sixteen hints, each came back near the libraries
 * at 0x7f..., and registering them stretched the bounding range over ASan's
 * whole heap (go-sqlite3's own suite: 200 M stores took the slow path, and
 * ran 3.0x the time of plain -asan). The libc
 * symbol, not a system call, so that another sanitizer's mmap interceptor
 * (ASan's) stays in charge. */
#include "ffipin_go_heap.h"

#include <sys/mman.h>

#include "base/ffipin_message.h"
#include "diag/ffipin_log.h"
#include "entry/ffipin_init.h"
#include "ffipin_go_errno.h"
#include "model/ffipin_heaps.h"

void *__ffipin_go_mmap(void *addr, size_t len, int prot, int flags, int fd, off_t off) {
  void *p = mmap(addr, len, prot, flags, fd, off);
  bool arena = addr != NULL && !(flags & MAP_FIXED) && p == addr;
  if (p == MAP_FAILED || !arena) return p;
  FFIPIN_GO_KEEP_ERRNO; /* mmap's */
  /* With the guard held, a signal handler's instrumented store on this
   * thread passes through instead of waiting for the heap table we are
   * writing. The runtime never calls Go, so the guard is free here. */
  ffipin_thread_t *t = ffipin_enter();
  if (!t) return p;
  if (!ffipin_heaps_add((uintptr_t)p, len, "go"))
    ffipin_warning("Go heap range [%p,%p) not registered: heap table full", p, (char *)p + len);
  ffipin_verbose(2, "go mmap [%p,%p) prot %d (heap arena)", p, (char *)p + len, prot);
  ffipin_leave(t);
  return p;
}

int __ffipin_go_munmap(void *addr, size_t len) {
  {
    FFIPIN_GO_KEEP_ERRNO; /* munmap sets it only when it fails */
    ffipin_thread_t *t = ffipin_enter();
    if (t) {
      ffipin_heaps_remove((uintptr_t)addr, len);
      ffipin_leave(t);
    }
  }
  return munmap(addr, len);
}
