/* A C library in the style of an event-loop binding: it keeps the context
 * it was initialised with, in a global, for later callbacks. */
#include "vde.h"

static struct vde_context *g_context;

void init_vde_context(struct vde_context *ctx) {
  g_context = ctx; /* kept beyond the call: the bug */
}

int vde_dispatch(int event) {
  return g_context && g_context->on_event ? g_context->on_event(event) : -1;
}
