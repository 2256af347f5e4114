/* Plays the managed runtime: owns a heap, lends one object to the C
 * library while it is pinned, then unpins it (as runtime.Pinner.Unpin or
 * PyBuffer_Release would) — after which the collector may reuse it. */
#include <stdio.h>
#include <sys/mman.h>

#include <sanitizer/ffipin_interface.h>

#include "vde.h"

static int on_event(int event) { return event * 2; }

int main(void) {
  size_t heap_size = 1 << 20;
  char *heap = mmap(NULL, heap_size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  __ffipin_heap_register(heap, heap_size, "demo-gc");

  struct vde_context *ctx = (struct vde_context *)(heap + 4096);
  ctx->on_event = on_event;
  __ffipin_pin(ctx, sizeof *ctx);
  init_vde_context(ctx);
  /* stderr: unbuffered, so it is not lost when the sanitizer halts. */
  fprintf(stderr, "dispatch -> %d\n", vde_dispatch(21));
  __ffipin_unpin(ctx); /* the library still holds ctx: reported here */
  fprintf(stderr, "not reached with halt_on_error=1\n");
  return 0;
}
