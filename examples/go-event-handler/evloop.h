/* libevloop: a tiny event loop with a C API in the style of many real ones
 * (libuv-like handler tables, a global registered at init). */
#ifndef EVLOOP_H
#define EVLOOP_H

enum { EV_OPEN = 1, EV_DATA = 2, EV_CLOSE = 3 };

typedef void (*evloop_fn)(int fd, int event);

struct evloop_handlers {
  evloop_fn on_open;
  evloop_fn on_data;
  evloop_fn on_close;
};

/* Registers the handler table. The library keeps the pointer (not a copy)
 * until evloop_shutdown. */
void evloop_init(const struct evloop_handlers *h);
/* Delivers one event to the registered table. */
void evloop_dispatch(int fd, int event);
void evloop_shutdown(void);

#endif
