#include "evloop.h"

#include <stddef.h>

static const struct evloop_handlers *g_handlers;

void evloop_init(const struct evloop_handlers *h) {
  g_handlers = h; /* keeps the caller's table after returning */
}

void evloop_dispatch(int fd, int event) {
  if (!g_handlers) return;
  switch (event) {
  case EV_OPEN:
    g_handlers->on_open(fd, event);
    break;
  case EV_DATA:
    g_handlers->on_data(fd, event);
    break;
  case EV_CLOSE:
    g_handlers->on_close(fd, event);
    break;
  }
}

void evloop_shutdown(void) { g_handlers = NULL; }
