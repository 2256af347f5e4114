/* Linked into the `ffipin_heap` speedtest1 variant: at start-up, registers a
 * 64 MiB foreign heap where the Go runtime puts its first arena on
 * linux/amd64 (0xc000000000), as a cgo program using SQLite would have. The
 * inline check then tests against a non-empty range, and the runtime's
 * statistics show how many of SQLite's own stores fall inside it. */
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>

#include <sanitizer/ffipin_interface.h>

#define HEAP_SIZE ((size_t)64 << 20)

__attribute__((constructor)) static void register_heap(void) {
  void *heap = mmap((void *)0xc000000000, HEAP_SIZE, PROT_READ | PROT_WRITE,
                    MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
  if (heap == MAP_FAILED) {
    perror("register_heap: mmap");
    exit(2);
  }
  __ffipin_heap_register(heap, HEAP_SIZE, "bench-go-like-heap");
}
