/* The Go heap: with cgo on linux/amd64 the Go runtime maps all its memory
 * through runtime/cgo's x_cgo_mmap/x_cgo_munmap, whose libc calls the pass
 * sends here (bindings/go/runtime/ffipin_go_abi.h). */
#ifndef FFIPIN_GO_HEAP_H
#define FFIPIN_GO_HEAP_H

#include <sys/types.h>

#include "base/ffipin_common.h"

void *__ffipin_go_mmap(void *addr, size_t len, int prot, int flags, int fd,
                       off_t off) FFIPIN_EXPORT;
int __ffipin_go_munmap(void *addr, size_t len) FFIPIN_EXPORT;

#endif
